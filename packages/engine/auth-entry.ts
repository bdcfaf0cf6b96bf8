/**
 * What an auth module's entry file exports, so that an import of a private path can be rewritten to the
 * entry only when the entry really offers the imported names. Each file is parsed once per content
 * (size and hash, never mtime: two writes within one clock tick must not hide an edit).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { parseProgram } from './parse.js';
import { toPosix } from './paths.js';
import { defaultResolver, type SpecifierResolver } from './resolve.js';
import type { ImportSite } from './types.js';


/** One file's own exports, and the specifiers of its `export * from '…'` (followed on every call). */
interface ModuleExports {
  readonly contentKey: string;
  readonly names: ReadonlySet<string>;
  readonly starSpecifiers: readonly string[];
}

const parsedModules = new Map<string, ModuleExports>();

/** The source file an absolute path names, with or without its extension, or its folder's index file. */
export function resolveSourceFile(base: string, resolver: SpecifierResolver = defaultResolver()): string | undefined {
  const absolute = path.resolve(base);
  return resolver.resolve(absolute, absolute, { packages: false });
}

function readModuleExports(file: string): ModuleExports | undefined {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const contentKey = `${content.length}:${createHash('sha256').update(content).digest('hex')}`;
  const cached = parsedModules.get(file);
  if (cached?.contentKey === contentKey) return cached;
  const names = new Set<string>();
  const starSpecifiers: string[] = [];
  let ast;
  try {
    // Only export statements are read: oxc-parser where the project has it (its trees equal
    // typescript-estree's), so reading an entry does not load TypeScript; the parser loads on first use.
    ast = parseProgram(file, content.toString('utf8'), { comments: false, preferOxc: true });
  } catch {
    return { contentKey, names, starSpecifiers }; // not cached: the next edit may fix it
  }
  for (const statement of ast.body) {
    if (statement.type === 'ExportDefaultDeclaration') names.add('default');
    if (statement.type === 'ExportAllDeclaration') {
      if (statement.exported) names.add(statement.exported.name);
      else starSpecifiers.push(statement.source.value);
    }
    if (statement.type !== 'ExportNamedDeclaration') continue;
    for (const specifier of statement.specifiers) {
      names.add(specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value));
    }
    const declaration = statement.declaration;
    if (!declaration) continue;
    if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') names.add(declarator.id.name);
    } else if ('id' in declaration && declaration.id && declaration.id.type === 'Identifier') {
      names.add(declaration.id.name);
    }
  }
  const result = { contentKey, names, starSpecifiers };
  parsedModules.set(file, result);
  return result;
}

function collectExportedNames(file: string, resolver: SpecifierResolver, seen: Set<string>): Set<string> {
  if (seen.has(file)) return new Set();
  seen.add(file);
  const module = readModuleExports(file);
  if (!module) return new Set();
  const names = new Set(module.names);
  for (const specifier of module.starSpecifiers) {
    // Project files only (relative, absolute, tsconfig aliases): a package's exports are not ours to list.
    const target = resolver.resolve(file, specifier, { packages: false });
    if (!target) continue;
    for (const name of collectExportedNames(target, resolver, seen)) if (name !== 'default') names.add(name);
  }
  return names;
}

/** Names exported by a module file, following `export * from '…'` into other project files. */
export function exportedNames(file: string, resolver: SpecifierResolver = defaultResolver()): Set<string> {
  return collectExportedNames(file, resolver, new Set());
}

/** The names an import of a private path binds, or undefined when it cannot be repointed safely. */
function importedNames(site: ImportSite): string[] | undefined {
  const node = site.node;
  const name = (id: TSESTree.Identifier | TSESTree.StringLiteral): string => (id.type === 'Identifier' ? id.name : id.value);
  if (node.type === 'ImportDeclaration') {
    if (node.specifiers.length === 0) return undefined; // side-effect import: the private file's effects matter
    const names: string[] = [];
    for (const specifier of node.specifiers) {
      if (specifier.type === 'ImportNamespaceSpecifier') return undefined;
      names.push(specifier.type === 'ImportDefaultSpecifier' ? 'default' : name(specifier.imported));
    }
    return names;
  }
  if (node.type === 'ExportNamedDeclaration') return node.specifiers.map((specifier) => name(specifier.local));
  if (node.type === 'CallExpression' && node.parent?.type === 'VariableDeclarator' && node.parent.id.type === 'ObjectPattern') {
    const names: string[] = [];
    for (const property of node.parent.id.properties) {
      if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') return undefined;
      names.push(property.key.name);
    }
    return names;
  }
  return undefined;
}

/** `../auth` for `src/auth/index.ts`, `../auth/entry` otherwise; keeps a `.js` ending if the old one had it. */
function entrySpecifier(fromFile: string, entry: string, oldSpecifier: string): string {
  const dir = path.dirname(fromFile);
  const withoutExt = entry.replace(/\.(c|m)?[jt]sx?$/, '');
  const target = path.basename(withoutExt) === 'index' && !/\.(c|m)?js$/.test(oldSpecifier) ? path.dirname(withoutExt) : withoutExt;
  let relative = toPosix(path.relative(dir, target));
  if (!relative.startsWith('.')) relative = `./${relative}`;
  if (/\.(c|m)?js$/.test(oldSpecifier) && target === withoutExt) relative += '.js';
  return relative;
}

/**
 * The specifier an import of an auth module's private path should use instead: the module's entry, but
 * only when the entry exports every imported name (so the change cannot break the import). Shared by
 * the no-auth-import-bypass autofix and the migrate codemod. Pass `resolverFor(settings)` when the caller
 * has the settings, so the lookups share that scope's cache.
 */
export function entryImportSpecifier(
  site: ImportSite,
  filename: string,
  resolver: SpecifierResolver = defaultResolver(),
): string | undefined {
  if (!site.authModule) return undefined;
  const names = importedNames(site);
  if (!names || names.length === 0) return undefined;
  const entryFile = resolveSourceFile(site.authModule.entry, resolver) ?? site.authModule.entry;
  const exported = exportedNames(entryFile, resolver);
  if (!names.every((name) => exported.has(name))) return undefined;
  return entrySpecifier(filename, entryFile, site.specifier);
}
