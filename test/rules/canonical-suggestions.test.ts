/**
 * The suggestion follows the canonical function and the project, as migrate does: `await` for an async
 * canonical function in an async caller (no suggestion where the caller cannot await), and the `.js`
 * ending a NodeNext ESM project needs, and a tsconfig `paths` alias. Each fixture project under test/fixtures/rewrite-* has its own
 * canonical module (and package.json / tsconfig.json).
 */
import path from 'node:path';
import verifyRule from '../../rules/no-direct-verify.js';
import { FIXTURES, createRuleTester, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();

function projectSettings(folder: string) {
  return {
    'jwt-ssot': {
      root: path.join(FIXTURES, folder),
      canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } },
    },
  };
}

const ASYNC = projectSettings('rewrite-async');
const NODE_NEXT = projectSettings('rewrite-node-next');
const PATHS_ALIAS = projectSettings('rewrite-paths-alias');
const asyncFile = path.join(FIXTURES, 'rewrite-async/src/routes/user.ts');
const nodeNextFile = path.join(FIXTURES, 'rewrite-node-next/src/routes/user.ts');
const aliasFile = path.join(FIXTURES, 'rewrite-paths-alias/src/routes/user.ts');

ruleTester.run('no-direct-verify suggestions (canonical shape and project)', testable(verifyRule), {
  valid: [],
  invalid: [
    {
      name: 'an async canonical function in an async caller: the suggestion awaits it',
      filename: asyncFile,
      settings: ASYNC,
      code: [
        "import jwt from 'jsonwebtoken';",
        '',
        'export async function currentUser(token: string) {',
        '  const decoded = jwt.verify(token, process.env.JWT_SECRET!);',
        '  return decoded;',
        '}',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'directVerify',
          line: 4,
          column: 19,
          suggestions: [
            {
              messageId: 'useCanonicalVerify',
              output: [
                "import jwt from 'jsonwebtoken';",
                "import { validateToken } from '../auth/jwt-handler';",
                '',
                'export async function currentUser(token: string) {',
                '  const decoded = await validateToken(token);',
                '  return decoded;',
                '}',
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'an async canonical function in a sync caller: no suggestion (it could not be awaited)',
      filename: asyncFile,
      settings: ASYNC,
      code: [
        "import jwt from 'jsonwebtoken';",
        '',
        'export function currentUser(token: string) {',
        '  return jwt.verify(token, process.env.JWT_SECRET!);',
        '}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'directVerify', line: 4, column: 10, suggestions: [] }],
    },
    {
      name: 'a NodeNext ESM project: the import specifier ends in .js',
      filename: nodeNextFile,
      settings: NODE_NEXT,
      code: ["import jwt from 'jsonwebtoken';", '', 'export const currentUser = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);', ''].join('\n'),
      errors: [
        {
          messageId: 'directVerify',
          line: 3,
          column: 47,
          suggestions: [
            {
              messageId: 'useCanonicalVerify',
              output: [
                "import jwt from 'jsonwebtoken';",
                "import { validateToken } from '../auth/jwt-handler.js';",
                '',
                'export const currentUser = (token: string) => validateToken(token);',
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'a tsconfig paths alias that maps to the canonical module: the import uses it',
      filename: aliasFile,
      settings: PATHS_ALIAS,
      code: ["import jwt from 'jsonwebtoken';", 'export const currentUser = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);', ''].join('\n'),
      errors: [
        {
          messageId: 'directVerify',
          line: 2,
          column: 47,
          suggestions: [
            {
              messageId: 'useCanonicalVerify',
              output: ["import jwt from 'jsonwebtoken';", "import { validateToken } from '@/auth/jwt-handler';", 'export const currentUser = (token: string) => validateToken(token);', ''].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'options the canonical module does not enforce: offered after a check that names them',
      filename: nodeNextFile,
      settings: NODE_NEXT,
      code: ["import jwt from 'jsonwebtoken';", "export const currentUser = (token: string) => jwt.verify(token, process.env.JWT_SECRET!, { audience: 'api' });", ''].join('\n'),
      errors: [
        {
          messageId: 'directVerify',
          line: 2,
          column: 47,
          suggestions: [
            {
              messageId: 'useCanonicalVerifyAfterCheck',
              data: { name: 'validateToken', module: 'src/auth/jwt-handler.ts', check: 'validateToken enforces the options audience as this call sets them' },
              output: [
                "import jwt from 'jsonwebtoken';",
                "import { validateToken } from '../auth/jwt-handler.js';",
                'export const currentUser = (token: string) => validateToken(token);',
                '',
              ].join('\n'),
            },
          ],
        },
      ],
    },
  ],
});
