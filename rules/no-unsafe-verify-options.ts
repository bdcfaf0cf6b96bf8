import { DEFAULT_RULE_OPTIONS } from '../packages/engine/index.js';
import { createRule } from './utils/create-rule.js';
import { reportFindings } from './utils/findings.js';

export type Options = [Record<string, never>];
export type MessageIds = 'ignoreExpiration' | 'algorithmNone' | 'unpinnedAlgorithms' | 'noVerify' | 'fallbackDecode';

export default createRule<Options, MessageIds>({
  name: 'no-unsafe-verify-options',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow JWT verification that accepts expired, unsigned or unverified tokens, everywhere.',
      recommended: true,
    },
    messages: {
      ignoreExpiration: '{{library}} `{{api}}` is called with ignoreExpiration: true, so expired tokens are accepted.',
      algorithmNone: "{{library}} `{{api}}` allows the 'none' algorithm, so unsigned tokens are accepted.",
      unpinnedAlgorithms:
        '{{library}} `{{api}}` does not pin the algorithm, so the token chooses how it is checked; pass the allowed algorithms explicitly.',
      noVerify: '{{library}} `{{api}}` is called with noVerify set, so the signature is never checked.',
      fallbackDecode:
        'This decode runs when {{verifyLibrary}} `{{verifyApi}}` (line {{line}}) rejects the same token, so a forged or expired token is accepted anyway.',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  },
  defaultOptions: [DEFAULT_RULE_OPTIONS['no-unsafe-verify-options']],
  create(context) {
    return reportFindings(context, 'no-unsafe-verify-options', {});
  },
});
