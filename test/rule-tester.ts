import path from 'node:path';
import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { RuleId } from '../packages/engine/index.js';
import { CORPUS } from './fixtures/corpus.js';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const FIXTURES = path.join(__dirname, 'fixtures');

/** The settings the rule tests share: a canonical module under src/auth and a test allowlist. */
export const SETTINGS = {
  'jwt-ssot': {
    root: FIXTURES,
    canonical: {
      module: 'src/auth/jwt-handler.ts',
      exports: { verify: 'validateToken', decode: 'decodeToken' },
    },
    allow: ['test/**'],
    authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }],
  },
};

/** A file under the fixture root, where the rule tests pretend their code lives. */
export const file = (relative: string): string => path.join(FIXTURES, relative);

/**
 * The rule tester bundles its own (older) copy of @typescript-eslint/utils, whose types differ from the
 * ones our rules are built with only nominally; this hands a rule to it without a compile error.
 */
export function testable(rule: unknown): Parameters<RuleTester['run']>[1] {
  return rule as Parameters<RuleTester['run']>[1];
}

export function createRuleTester(parserOptions?: Record<string, unknown>): RuleTester {
  return new RuleTester({ settings: SETTINGS, ...(parserOptions ? { languageOptions: { parserOptions } } : {}) });
}

/** Shared settings with extra keys merged into settings['jwt-ssot']. */
export function settingsWith(extra: Readonly<Record<string, unknown>> = {}): { 'jwt-ssot': Record<string, unknown> } {
  return { 'jwt-ssot': { ...SETTINGS['jwt-ssot'], ...extra } };
}

interface CorpusCases {
  valid: ValidTestCase<[Record<string, unknown>]>[];
  invalid: InvalidTestCase<string, [Record<string, unknown>]>[];
}

/**
 * The corpus (test/fixtures/corpus.ts) as cases for one rule: samples the rule reports on are invalid
 * cases with every error spelled out; the others are valid cases (the rule must stay silent on them).
 */
export function corpusCases(rule: RuleId): CorpusCases {
  const cases: CorpusCases = { valid: [], invalid: [] };
  for (const sample of CORPUS) {
    const base = {
      name: `corpus: ${sample.name}`,
      code: sample.code,
      filename: file(sample.filename),
      options: [sample.options?.[rule] ?? {}] as [Record<string, unknown>],
      ...(sample.settings ? { settings: settingsWith(sample.settings) } : {}),
    };
    const errors = sample.errors[rule];
    if (errors) {
      cases.invalid.push({
        ...base,
        errors: errors.map((error) => ({ ...error, suggestions: error.suggestions?.map((s) => ({ ...s })) })),
        output: sample.output?.[rule] ?? null,
      });
    } else {
      cases.valid.push(base);
    }
  }
  return cases;
}
