// The core's editor entry: it never reaches ts-morph (test/rewrite/editor-weight.test.ts).
import { canonicalSuggestion } from '../packages/rewrite/suggest.js';
import { createRule, defaultOptions, optionsSchema } from './utils/create-rule.js';
import { reportFindings } from './utils/findings.js';
import { suggestionSource } from './utils/suggestion-source.js';

export type Options = [Record<string, never>];
export type MessageIds = 'directDecode' | 'decodeReference' | 'handRolledDecode' | 'useCanonicalDecode' | 'useCanonicalDecodeAfterCheck';

export default createRule<Options, MessageIds>({
  name: 'no-direct-decode',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow decoding JWTs without verification outside the canonical validator module.',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      directDecode: 'Unverified JWT decoding with {{target}}{{how}} outside the canonical module; use {{replacement}}.',
      decodeReference: '{{target}} is handed on here, so JWTs get decoded unverified outside the canonical module; use {{replacement}}.',
      handRolledDecode: 'Hand-rolled JWT decoding (`{{api}}` of a token segment) outside the canonical module; use {{replacement}}.',
      useCanonicalDecode: 'Replace with {{name}}(token) from {{module}}.',
      useCanonicalDecodeAfterCheck: 'Replace with {{name}}(token) from {{module}} after checking: {{check}}.',
    },
    schema: optionsSchema('no-direct-decode'),
  },
  defaultOptions: defaultOptions('no-direct-decode'),
  create(context) {
    return reportFindings(context, 'no-direct-decode', {}, (finding, settings) => ({
      suggest: canonicalSuggestion(suggestionSource(context, settings), finding, { replace: 'useCanonicalDecode', replaceAfterCheck: 'useCanonicalDecodeAfterCheck' }),
    }));
  },
});
