/**
 * The autofix for an import of an auth module's private path: point it at the module's entry, but only
 * when the entry exports every imported name (the engine's `entryImportSpecifier`, shared with migrate).
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { entryImportSpecifier, type ImportSite } from '../../packages/engine/index.js';

export function entryImportFix(site: ImportSite, filename: string): TSESLint.ReportFixFunction | undefined {
  if (!site.authModule || site.source.type !== 'Literal') return undefined;
  const specifier = entryImportSpecifier(site, filename);
  if (specifier === undefined) return undefined;
  const quote = site.source.raw[0] ?? "'";
  const replacement = `${quote}${specifier}${quote}`;
  return (fixer) => fixer.replaceText(site.source, replacement);
}
