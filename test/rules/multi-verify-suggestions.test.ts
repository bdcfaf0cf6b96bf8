/**
 * The editor suggestion maps a site to the verify function that checks the same, as migrate does
 * (test/rewrite/multi-verify.test.ts), and calls to any of the canonical functions are never reported.
 * The canonical module is test/fixtures/multi-ts/src/auth/tokens.ts.
 */
import path from 'node:path';
import verifyRule from '../../rules/no-direct-verify.js';
import { FIXTURES, createRuleTester, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const root = path.join(FIXTURES, 'multi-ts');
const settings = {
  'jwt-ssot': {
    root,
    canonical: { module: 'src/auth/tokens.ts', exports: { verify: ['validateAccessToken', 'validateRefreshToken', 'validateEmailToken'] } },
  },
};
const filename = path.join(root, 'src/routes/suggested.ts');

ruleTester.run('no-direct-verify suggestions (several verify functions)', testable(verifyRule), {
  valid: [
    {
      name: 'calls to every canonical function are canonical',
      filename,
      settings,
      code: [
        "import { validateAccessToken, validateRefreshToken, validateEmailToken } from '../auth/tokens';",
        '',
        'export async function all(a: string, r: string, e: string) {',
        '  return [validateAccessToken(a), validateRefreshToken(r), await validateEmailToken(e)];',
        '}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a refresh-token site: the suggestion calls validateRefreshToken',
      filename,
      settings,
      code: ["import jwt from 'jsonwebtoken';", '', 'export function rotate(token: string) {', '  return jwt.verify(token, process.env.JWT_REFRESH_SECRET!);', '}', ''].join('\n'),
      errors: [
        {
          messageId: 'directVerify',
          line: 4,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalVerify',
              data: { name: 'validateRefreshToken', module: 'src/auth/tokens.ts' },
              output: [
                "import jwt from 'jsonwebtoken';",
                "import { validateRefreshToken } from '../auth/tokens';",
                '',
                'export function rotate(token: string) {',
                '  return validateRefreshToken(token);',
                '}',
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'an access-token site beside an existing import of the module: the name is merged into it',
      filename,
      settings,
      code: [
        "import jwt from 'jsonwebtoken';",
        "import { validateRefreshToken } from '../auth/tokens';",
        "import { config } from '../config';",
        '',
        'export function user(token: string) {',
        "  return jwt.verify(token, config.jwt.accessSecret, { algorithms: ['HS256'] });",
        '}',
        'export const refresh = validateRefreshToken;',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'directVerify',
          line: 6,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalVerify',
              data: { name: 'validateAccessToken', module: 'src/auth/tokens.ts' },
              output: [
                "import jwt from 'jsonwebtoken';",
                "import { validateRefreshToken, validateAccessToken } from '../auth/tokens';",
                "import { config } from '../config';",
                '',
                'export function user(token: string) {',
                '  return validateAccessToken(token);',
                '}',
                'export const refresh = validateRefreshToken;',
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'a key no function uses: offered after checking, onto the first function',
      filename,
      settings,
      code: ["import jwt from 'jsonwebtoken';", '', 'export function license(key: string) {', '  return jwt.verify(key, process.env.LICENSE_SECRET!);', '}', ''].join('\n'),
      errors: [
        {
          messageId: 'directVerify',
          line: 4,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalVerifyAfterCheck',
              data: { name: 'validateAccessToken', module: 'src/auth/tokens.ts', check: "validateAccessToken's key (JWT_SECRET) is right where this call used LICENSE_SECRET" },
              output: [
                "import jwt from 'jsonwebtoken';",
                "import { validateAccessToken } from '../auth/tokens';",
                '',
                'export function license(key: string) {',
                '  return validateAccessToken(key);',
                '}',
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
  ],
});
