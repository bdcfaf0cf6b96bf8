import type { UnsafeReason } from '../packages/engine/index.js';
import { createRule, defaultOptions, optionsSchema } from './utils/create-rule.js';
import { reportFindings } from './utils/findings.js';

export type Options = [{ maxClockTolerance?: number }];
// One message per reason the engine reports (packages/engine/types.ts).
export type MessageIds = UnsafeReason;

export default createRule<Options, MessageIds>({
  name: 'no-unsafe-verify-options',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow JWT verification that accepts expired, unsigned or unverified tokens, everywhere.',
      recommended: true,
    },
    messages: {
      ignoreExpiration: '{{target}} is called with {{option}}: true, so expired tokens are accepted.',
      algorithmNone: "{{target}} allows the 'none' algorithm, so unsigned tokens are accepted.",
      signsUnsigned: "{{target}} is called with algorithm 'none', so it issues unsigned tokens that no verifier should accept.",
      unpinnedAlgorithms:
        '{{target}} does not pin the algorithm, so the token chooses how it is checked; pass the allowed algorithms explicitly.',
      noVerify: '{{target}} is called with noVerify set, so the signature is never checked.',
      clockTolerance: '{{target}} tolerates {{tolerance}} of clock skew (more than {{limit}}), so tokens stay valid that long after they expire.',
      fallbackDecode:
        'This decode runs when {{verifyLibrary}} `{{verifyApi}}` (line {{line}}) rejects the same token, so a forged or expired token is accepted anyway.',
    },
    schema: optionsSchema('no-unsafe-verify-options'),
  },
  defaultOptions: defaultOptions('no-unsafe-verify-options'),
  create(context, [options]) {
    return reportFindings(context, 'no-unsafe-verify-options', options);
  },
});
