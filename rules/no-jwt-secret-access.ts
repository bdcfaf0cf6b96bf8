import { DEFAULT_RULE_OPTIONS } from '../packages/engine/index.js';
import { createRule } from './utils/create-rule.js';
import { reportFindings } from './utils/findings.js';

export type Options = [Record<string, never>];
export type MessageIds = 'secretAccess';

export default createRule<Options, MessageIds>({
  name: 'no-jwt-secret-access',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading JWT secrets from the environment outside the canonical validator module.',
      recommended: true,
    },
    messages: {
      secretAccess:
        'Read of JWT secret {{name}} from {{source}} outside the canonical module; only {{module}} should hold JWT keys.',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  },
  defaultOptions: [DEFAULT_RULE_OPTIONS['no-jwt-secret-access']],
  create(context) {
    return reportFindings(context, 'no-jwt-secret-access', {});
  },
});
