/** How a file refers to the canonical module: the specifier to import and whether to use `require`. */
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { stripExtension, type Settings } from './settings.js';
import { toPosix } from './paths.js';


/** Does the tree call `require(…)` anywhere, or assign `module.exports` / `exports.x`? */
function usesCommonJs(ast: TSESTree.Program): boolean {
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') return true;
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && (node.object.name === 'module' || node.object.name === 'exports')) {
      if (node.object.name === 'exports' || (node.property.type === 'Identifier' && node.property.name === 'exports')) return true;
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return false;
}

/**
 * Does the file use CommonJS? `.cjs`/`.cts` always, `.mjs`/`.mts` never; otherwise a file with static
 * imports or exports is ESM, one that calls `require` or assigns `module.exports` is CommonJS, and a file
 * with neither is ESM when it is TypeScript (or parsed as a module), so a `.ts` file that only uses
 * `import()` gets an `import`.
 */
export function isCommonJsFile(filename: string, ast: TSESTree.Program): boolean {
  const ext = path.extname(filename);
  if (ext === '.cjs' || ext === '.cts') return true;
  if (ext === '.mjs' || ext === '.mts') return false;
  if (ast.body.some((statement) => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'))) return false;
  if (usesCommonJs(ast)) return true;
  return !(ext === '.ts' || ext === '.tsx') && ast.sourceType !== 'module';
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
