/**
 * The editor's side of key equivalence: a key traced to the canonical function's own secret source gets
 * the plain suggestion (migrate rewrites it too); a different key gets the "after checking" suggestion
 * whose check names both keys. The code lives in test/fixtures/keys-ts, next to its config module.
 */
import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-direct-verify.js';
import { testable } from '../rule-tester.js';

const ROOT = path.join(__dirname, '../fixtures/keys-ts');
const filename = path.join(ROOT, 'src/routes/editor.ts');

const ruleTester = new RuleTester({
  settings: { 'jwt-ssot': { root: ROOT, canonical: { module: 'src/auth/jwt.ts', exports: { verify: 'validateToken' } } } },
});

ruleTester.run('no-direct-verify (keys traced through the config module)', testable(rule), {
  valid: [],
  invalid: [
    {
      name: 'a config object property that is the canonical key: plain suggestion',
      filename,
      code: "import jwt from 'jsonwebtoken';\nimport { config } from '../config';\nexport const user = (t: string) => jwt.verify(t, config.jwt.secret);\n",
      errors: [
        {
          messageId: 'directVerify',
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'useCanonicalVerify',
              data: { name: 'validateToken', module: 'src/auth/jwt.ts' },
              output: "import jwt from 'jsonwebtoken';\nimport { config } from '../config';\nimport { validateToken } from '../auth/jwt';\nexport const user = (t: string) => validateToken(t);\n",
            },
          ],
        },
      ],
    },
    {
      name: 'a helper returning the canonical key: plain suggestion',
      filename,
      code: "import jwt from 'jsonwebtoken';\nimport { getSecret } from '../config';\nexport const user = (t: string) => jwt.verify(t, getSecret());\n",
      errors: [
        {
          messageId: 'directVerify',
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'useCanonicalVerify',
              output: "import jwt from 'jsonwebtoken';\nimport { getSecret } from '../config';\nimport { validateToken } from '../auth/jwt';\nexport const user = (t: string) => validateToken(t);\n",
            },
          ],
        },
      ],
    },
    {
      name: 'a different key from the same config module: the check names both keys',
      filename,
      code: "import jwt from 'jsonwebtoken';\nimport { config } from '../config';\nexport const refresh = (t: string) => jwt.verify(t, config.jwt.refreshSecret);\n",
      errors: [
        {
          messageId: 'directVerify',
          line: 3,
          column: 39,
          endLine: 3,
          endColumn: 78,
          suggestions: [
            {
              messageId: 'useCanonicalVerifyAfterCheck',
              data: {
                name: 'validateToken',
                module: 'src/auth/jwt.ts',
                check: "validateToken's key (JWT_SECRET) is right where this call used `config.jwt.refreshSecret` (env JWT_REFRESH_SECRET)",
              },
              output: "import jwt from 'jsonwebtoken';\nimport { config } from '../config';\nimport { validateToken } from '../auth/jwt';\nexport const refresh = (t: string) => validateToken(t);\n",
            },
          ],
        },
      ],
    },
  ],
});
