/** no-auth-import-bypass: JWT library imports, private auth-module paths, and imports named at run time. */
import type { ImportSite } from '../types.js';
import { canonicalModule, canonicalModuleForReplacement, defineRuleFindings, relativeToRoot, type SiteFinding } from './define.js';

const FORM_WORDS: Record<ImportSite['form'], string> = {
  import: 'Import',
  require: 'require()',
  'dynamic-import': 'Dynamic import()',
  'import-equals': 'import = require()',
  'export-from': 'Re-export',
  'export-all': 'Re-export (export *)',
};

export default defineRuleFindings({
  id: 'no-auth-import-bypass',
  options: {
    allowTypeImports: {
      type: 'boolean',
      description: 'Allow `import type` from JWT libraries (types carry no verification logic).',
      default: true,
    },
  },
  find(analysis, settings, { allowTypeImports }) {
    if (analysis.exempt) return [];
    const findings: SiteFinding[] = [];
    for (const site of analysis.imports) {
      if (site.typeOnly && allowTypeImports) continue;
      if (site.authModule) {
        const entry = relativeToRoot(settings, site.authModule.entry);
        findings.push({
          kind: 'import',
          library: '(auth module)',
          api: site.specifier,
          node: site.source,
          replacement: `import from ${entry}`,
          messageId: 'privateAuthImport',
          data: { specifier: site.specifier, entry, form: FORM_WORDS[site.form] },
          importSite: site,
        });
      } else if (site.library) {
        findings.push({
          kind: 'import',
          library: site.library.name,
          api: site.specifier,
          node: site.node,
          replacement: `import from ${canonicalModuleForReplacement(settings)}`,
          messageId: 'libraryImport',
          data: { form: FORM_WORDS[site.form], specifier: site.specifier, library: site.library.name, module: canonicalModule(settings) },
          importSite: site,
        });
      }
    }
    if (analysis.mentionsJwt) {
      for (const site of analysis.unresolvedModules) {
        const form = site.form === 'require' ? 'require()' : 'import()';
        findings.push({
          kind: 'unanalysable',
          library: '(unknown)',
          api: form,
          node: site.node,
          replacement: `import ${canonicalModuleForReplacement(settings)} with a literal specifier`,
          messageId: 'unanalysableModule',
          data: { form },
        });
      }
    }
    return findings;
  },
});
