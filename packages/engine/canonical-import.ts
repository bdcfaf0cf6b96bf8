/** How a file refers to the canonical module: the specifier to import and whether to use `require`. */
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { stripExtension, type Settings } from './settings.js';

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** Does the file use CommonJS (a `.cjs`/`.cts` file, or `require` without any `import`)? */
export function isCommonJsFile(filename: string, ast: TSESTree.Program): boolean {
  const ext = path.extname(filename);
  if (ext === '.cjs' || ext === '.cts') return true;
  if (ext === '.mjs' || ext === '.mts') return false;
  return ast.sourceType !== 'module' || !ast.body.some((statement) => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'));
}

/** Relative imports in this file end with `.js` (NodeNext ESM) — new ones should too. */
export function usesJsExtensions(ast: TSESTree.Program): boolean {
  return ast.body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' &&
      statement.source.value.startsWith('.') &&
      /\.(c|m)?js$/.test(statement.source.value),
  );
}

/**
 * The specifier for the canonical module from `fromFile`: `importPath` when set, the package name when
 * `module` is one, otherwise the relative path (with `.js` when the file's own relative imports use it).
 */
export function canonicalSpecifier(settings: Settings, fromFile: string, options: { jsExtension?: boolean } = {}): string | undefined {
  const canonical = settings.canonical;
  if (!canonical) return undefined;
  if (canonical.importPath) return canonical.importPath;
  if (!canonical.file) return canonical.module;
  let relative = toPosix(path.relative(path.dirname(path.resolve(fromFile)), stripExtension(canonical.file)));
  if (!relative.startsWith('.')) relative = `./${relative}`;
  if (options.jsExtension) {
    const ext = path.extname(canonical.file);
    relative += ext === '.mts' ? '.mjs' : ext === '.cts' ? '.cjs' : '.js';
  }
  return relative;
}
