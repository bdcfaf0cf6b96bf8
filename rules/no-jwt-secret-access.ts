import { createRule, defaultOptions, optionsSchema } from './utils/create-rule.js';
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
    schema: optionsSchema('no-jwt-secret-access'),
  },
  defaultOptions: defaultOptions('no-jwt-secret-access'),
  create(context) {
    return reportFindings(context, 'no-jwt-secret-access', {});
  },
});
