// The core's editor entry: it never reaches ts-morph (test/rewrite/editor-weight.test.ts).
import { canonicalSuggestion } from '../packages/rewrite/suggest.js';
import { createRule, defaultOptions, optionsSchema } from './utils/create-rule.js';
import { reportFindings } from './utils/findings.js';
import { suggestionSource } from './utils/suggestion-source.js';

export type Options = [{ checkSign?: boolean }];
export type MessageIds = 'directVerify' | 'verifyReference' | 'computedAccess' | 'directSign' | 'useCanonicalVerify' | 'useCanonicalVerifyAfterCheck';

export default createRule<Options, MessageIds>({
  name: 'no-direct-verify',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow verifying JWTs outside the canonical validator module.',
      recommended: true,
      strictOptions: { checkSign: true },
    },
    hasSuggestions: true,
    messages: {
      directVerify: 'Direct JWT verification with {{target}}{{how}} outside the canonical module; use {{replacement}}.',
      verifyReference:
        '{{target}}{{how}} is handed on here, so JWTs get verified outside the canonical module; use {{replacement}}.',
      computedAccess:
        'A computed member of {{library}} is called here, which may verify or decode a JWT outside the canonical module; use {{replacement}}.',
      directSign: 'JWT signing with {{target}} outside the canonical module; issue tokens through {{module}}.',
      useCanonicalVerify: 'Replace with {{name}}(token) from {{module}}.',
      useCanonicalVerifyAfterCheck: 'Replace with {{name}}(token) from {{module}} after checking: {{check}}.',
    },
    schema: optionsSchema('no-direct-verify'),
  },
  defaultOptions: defaultOptions('no-direct-verify'),
  create(context, [options]) {
    return reportFindings(context, 'no-direct-verify', options, (finding, settings) => ({
      suggest: canonicalSuggestion(suggestionSource(context, settings), finding, { replace: 'useCanonicalVerify', replaceAfterCheck: 'useCanonicalVerifyAfterCheck' }),
    }));
  },
});
