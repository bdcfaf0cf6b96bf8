/**
 * What an auth module's entry file exports, so that an import of a private path can be rewritten to the
 * entry only when the entry really offers the imported names. Read from disk once per file version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';

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
