/**
 * The autofix for an import of an auth module's private path: point it at the module's entry, but only
 * when the entry exports every imported name (so the fix cannot break the import).
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { exportedNames, resolveSourceFile, type ImportSite } from '../../packages/engine/index.js';

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
  let relative = path.relative(dir, target).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  if (/\.(c|m)?js$/.test(oldSpecifier) && target === withoutExt) relative += '.js';
  return relative;
}

export function entryImportFix(site: ImportSite, filename: string): TSESLint.ReportFixFunction | undefined {
  if (!site.authModule || site.source.type !== 'Literal') return undefined;
  const names = importedNames(site);
  if (!names || names.length === 0) return undefined;
  const entryFile = resolveSourceFile(site.authModule.entry) ?? site.authModule.entry;
  const exported = exportedNames(entryFile);
  if (!names.every((name) => exported.has(name))) return undefined;
  const quote = site.source.raw[0] ?? "'";
  const replacement = `${quote}${entrySpecifier(filename, entryFile, site.specifier)}${quote}`;
  return (fixer) => fixer.replaceText(site.source, replacement);
}
