import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
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

export function createRuleTester(): RuleTester {
  return new RuleTester({ settings: SETTINGS });
}
