/**
 * The autofix for an import of an auth module's private path: point it at the module's entry, but only
 * when the entry exports every imported name (the engine's `entryImportSpecifier`, shared with migrate).
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { entryImportSpecifier, resolverFor, type ImportSite, type Settings } from '../../packages/engine/index.js';

export function entryImportFix(site: ImportSite, filename: string, settings: Settings): TSESLint.ReportFixFunction | undefined {
  if (!site.authModule || site.source.type !== 'Literal') return undefined;
  const specifier = entryImportSpecifier(site, filename, resolverFor(settings));
  if (specifier === undefined) return undefined;
  const quote = site.source.raw[0] ?? "'";
  const replacement = `${quote}${specifier}${quote}`;
  return (fixer) => fixer.replaceText(site.source, replacement);
}
