import rule from '../../rules/no-jwt-secret-access.js';
import { corpusCases, createRuleTester, file, settingsWith, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const corpus = corpusCases('no-jwt-secret-access');
const app = file('src/app.ts');

ruleTester.run('no-jwt-secret-access', testable(rule), {
  valid: [
    ...corpus.valid,
    { name: 'non-secret names', filename: app, code: "const port = process.env.PORT;\nconst url = process.env['DATABASE_URL'];\nconst { NODE_ENV } = process.env;\n" },
    { name: 'a shadowed process parameter', filename: app, code: 'export function f(process: { env: Record<string, string> }) {\n  return process.env.JWT_SECRET;\n}\n' },
    { name: 'a shadowed process at module level', filename: app, code: "const process = { env: { JWT_SECRET: 'x' } };\nexport const k = process.env.JWT_SECRET;\n" },
    { name: 'a name computed at run time', filename: app, code: "const name = pick();\nconst k = process.env[name];\n" },
    { name: 'names in strings and comments', filename: app, code: "// process.env.JWT_SECRET\nconst doc = 'process.env.JWT_SECRET';\n" },
    { name: 'the canonical module may read the secret', filename: file('src/auth/jwt-handler.ts'), code: 'const key = process.env.JWT_SECRET;\n' },
    { name: 'an allowed file may read the secret', filename: file('test/setup.ts'), code: 'process.env.JWT_SECRET = "test";\nconst key = process.env.JWT_SECRET;\n' },
    {
      name: 'custom secretEnv replaces the defaults',
      filename: app,
      code: 'const a = process.env.JWT_SECRET;\n',
      settings: settingsWith({ secretEnv: ['/^AUTH_.*_KEY$/'] }),
    },
  ],
  invalid: [
    ...corpus.invalid,
    {
      name: 'destructuring with a rename and a default, optional chain, Bun, Deno and a template key',
      filename: app,
      code:
        "const { JWT_SECRET: secret = 'dev' } = process.env;\nconst k = process.env?.JWT_SECRET;\nconst b = Bun.env.JWT_SECRET;\nconst d = Deno.env.get('JWT_SECRET');\nconst t = process.env[`TOKEN_SECRET`];\n",
      errors: [
        { messageId: 'secretAccess', line: 1, column: 9, endLine: 1, endColumn: 35 },
        { messageId: 'secretAccess', line: 2, column: 11, endLine: 2, endColumn: 34 },
        { messageId: 'secretAccess', line: 3, column: 11, endLine: 3, endColumn: 29 },
        { messageId: 'secretAccess', line: 4, column: 11, endLine: 4, endColumn: 37 },
        { messageId: 'secretAccess', line: 5, column: 11, endLine: 5, endColumn: 38 },
      ],
    },
    {
      name: 'a secretEnv regular expression',
      filename: app,
      code: 'const a = process.env.AUTH_ISSUER_KEY;\nconst b = process.env.AUTH_ISSUER;\n',
      settings: settingsWith({ secretEnv: ['/^AUTH_.*_KEY$/'] }),
      errors: [{ messageId: 'secretAccess', line: 1, column: 11, endLine: 1, endColumn: 38 }],
    },
  ],
});
