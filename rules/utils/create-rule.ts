// The eslint-utils entry alone: the package's index also loads ESLint itself, which `jwt-ssot --help`
// (it loads the commands for their summaries) must not pay for.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import type { JSONSchema } from '@typescript-eslint/utils';
import { DEFAULT_RULE_OPTIONS, ruleOptionDescriptors, type RuleId, type RuleOptions } from '../../packages/engine/index.js';

export interface JwtSsotRuleDocs {
  description: string;
  /** In `configs.recommended` (every rule is in `configs.strict`). */
  recommended: boolean;
  /** Options `configs.strict` sets beyond the defaults. */
  strictOptions?: Record<string, unknown>;
}

export const DOCS_BASE_URL = 'https://github.com/jwt-ssot/eslint-plugin-jwt-ssot/blob/main/docs/rules';

/** The one rule factory: adds `docs.url` and merges `defaultOptions` into what the user configures. */
export const createRule = RuleCreator<JwtSsotRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);

/**
 * The rule's `meta.schema`, from the options its findings module (packages/engine/findings/<id>.ts)
 * declares: each property with its type, description and default, so the schema cannot drift from them.
 */
export function optionsSchema(rule: RuleId): JSONSchema.JSONSchema4[] {
  const properties = Object.fromEntries(
    Object.entries(ruleOptionDescriptors(rule)).map(([name, option]) => [name, { type: option.type, description: option.description, default: option.default }]),
  );
  return [{ type: 'object', properties, additionalProperties: false }];
}

/** The rule's `defaultOptions`: the same declared defaults, applied by createRule before `create` runs. */
export function defaultOptions<R extends RuleId>(rule: R): [RuleOptions[R]] {
  return [DEFAULT_RULE_OPTIONS[rule]];
}
