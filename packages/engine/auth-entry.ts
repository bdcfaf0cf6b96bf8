/**
 * What an auth module's entry file exports, so that an import of a private path can be rewritten to the
 * entry only when the entry really offers the imported names. Read from disk once per file version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { toPosix } from './paths.js';
import type { ImportSite } from './types.js';

const ENTRY_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];
const cache = new Map<string, { mtimeMs: number; names: Set<string> }>();

export function resolveSourceFile(base: string): string | undefined {
  for (const ext of ENTRY_EXTENSIONS) {
    const candidate = base + ext;
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next extension
    }
  }
  return undefined;
}

/** Names exported by a module file, following `export * from './x'` within the project. */
export function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return new Set();
  seen.add(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return new Set();
  }
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.names;
  const names = new Set<string>();
  let ast;
  try {
    ast = parse(fs.readFileSync(file, 'utf8'), { jsx: file.endsWith('x'), filePath: file });
  } catch {
    return names;
  }
  for (const statement of ast.body) {
    if (statement.type === 'ExportDefaultDeclaration') names.add('default');
    if (statement.type === 'ExportAllDeclaration') {
      if (statement.exported) names.add(statement.exported.name);
      else if (statement.source.value.startsWith('.')) {
        const target = resolveSourceFile(path.resolve(path.dirname(file), statement.source.value).replace(/\.(c|m)?js$/, ''));
        if (target) for (const name of exportedNames(target, seen)) if (name !== 'default') names.add(name);
      }
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
  cache.set(file, { mtimeMs: stat.mtimeMs, names });
  return names;
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
 * the no-auth-import-bypass autofix and the migrate codemod.
 */
export function entryImportSpecifier(site: ImportSite, filename: string): string | undefined {
  if (!site.authModule) return undefined;
  const names = importedNames(site);
  if (!names || names.length === 0) return undefined;
  const entryFile = resolveSourceFile(site.authModule.entry) ?? site.authModule.entry;
  const exported = exportedNames(entryFile);
  if (!names.every((name) => exported.has(name))) return undefined;
  return entrySpecifier(filename, entryFile, site.specifier);
}
