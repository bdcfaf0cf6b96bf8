import { ESLintUtils } from '@typescript-eslint/utils';

export interface JwtSsotRuleDocs {
  description: string;
  /** In `configs.recommended` (every rule is in `configs.strict`). */
  recommended: boolean;
  /** Options `configs.strict` sets beyond the defaults. */
  strictOptions?: Record<string, unknown>;
}

export const DOCS_BASE_URL = 'https://github.com/jwt-ssot/eslint-plugin-jwt-ssot/blob/main/docs/rules';

/** The one rule factory: adds `docs.url` and applies `defaultOptions`. */
export const createRule = ESLintUtils.RuleCreator<JwtSsotRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);
