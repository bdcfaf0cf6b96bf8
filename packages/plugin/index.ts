/**
 * eslint-plugin-jwt-ssot: the flat-config plugin object, its rules and its presets. Presets are built
 * from each rule's `meta.docs` (recommended / strictOptions), never listed by hand.
 */
import type { ESLint, Linter } from 'eslint';
import { packageInfo } from '../engine/package-info.js';
import { lazyParser } from './lazy-parser.js';
import { rules } from '../../rules/index.js';

const { name, version } = packageInfo();

export const NAMESPACE = 'jwt-ssot';
export const FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

type RuleName = keyof typeof rules;
type RuleEntry = Linter.RuleEntry;

function presetRules(preset: 'recommended' | 'strict'): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const id of Object.keys(rules).sort() as RuleName[]) {
    const docs = rules[id].meta.docs!;
    if (preset === 'recommended' && !docs.recommended) continue;
    entries[`${NAMESPACE}/${id}`] = preset === 'strict' && docs.strictOptions ? ['error', docs.strictOptions] : 'error';
  }
  return entries;
}

const plugin = {
  meta: { name, version, namespace: NAMESPACE },
  rules,
  configs: {} as Record<'recommended' | 'strict', Linter.Config>,
};

for (const preset of ['recommended', 'strict'] as const) {
  plugin.configs[preset] = {
    name: `${NAMESPACE}/${preset}`,
    files: FILES,
    plugins: { [NAMESPACE]: plugin as unknown as ESLint.Plugin },
    languageOptions: { parser: lazyParser },
    rules: presetRules(preset),
  };
}

export default plugin;
export { rules };
