import type { RuleOptions } from '../packages/engine/index.js';
import { createRule, defaultOptions, optionsSchema } from './utils/create-rule.js';
import { entryImportFix } from './utils/entry-import-fix.js';
import { reportFindings } from './utils/findings.js';

export type Options = [RuleOptions['no-auth-import-bypass']];
export type MessageIds = 'libraryImport' | 'privateAuthImport' | 'unanalysableModule';

export default createRule<Options, MessageIds>({
  name: 'no-auth-import-bypass',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow importing JWT libraries, or private paths of auth modules, around the canonical module.',
      recommended: true,
      strictOptions: { allowTypeImports: false },
    },
    fixable: 'code',
    messages: {
      libraryImport: "{{form}} of JWT library '{{specifier}}' outside the canonical module; go through {{module}} instead.",
      privateAuthImport: "{{form}} of '{{specifier}}', which is private to the auth module {{entry}}; import it from the module's entry.",
      unanalysableModule:
        'This {{form}} names its module at run time, so it cannot be checked for JWT libraries; use a string literal or the canonical module.',
    },
    schema: optionsSchema('no-auth-import-bypass'),
  },
  defaultOptions: defaultOptions('no-auth-import-bypass'),
  create(context, [options]) {
    return reportFindings(context, 'no-auth-import-bypass', options, (finding, settings) => {
      const fix = finding.importSite && entryImportFix(finding.importSite, context.filename, settings);
      return fix ? { fix } : {};
    });
  },
});
