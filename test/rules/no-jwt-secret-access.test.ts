import rule from '../../rules/no-jwt-secret-access.js';
import { corpusCases, createRuleTester, file, settingsWith, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const corpus = corpusCases('no-jwt-secret-access');
const app = file('src/app.ts');

ruleTester.run('no-jwt-secret-access', testable(rule), {
  valid: [
    ...corpus.valid,
    { name: 'non-secret names', filename: app, code: "const port = process.env.PORT;\nconst url = process.env['DATABASE_URL'];\nconst { NODE_ENV } = process.env;\n" },
    {
      name: 'a real local process still shadows, beside an ambient declaration in another scope',
      filename: app,
      code: "const process = { env: { JWT_SECRET: 'fixture' } };\nexport const secret = process.env.JWT_SECRET;\nconst { env } = process;\nexport const other = env.JWT_SECRET;\nexport namespace Typed {\n  declare const process: { env: Record<string, string> };\n}\n",
    },
    { name: 'a shadowed process parameter', filename: app, code: 'export function f(process: { env: Record<string, string> }) {\n  return process.env.JWT_SECRET;\n}\n' },
    { name: 'a shadowed process at module level', filename: app, code: "const process = { env: { JWT_SECRET: 'x' } };\nexport const k = process.env.JWT_SECRET;\n" },
    { name: 'env destructured from a shadowed process', filename: app, code: 'export function f(process: { env: Record<string, string> }) {\n  const { env } = process;\n  return env.JWT_SECRET;\n}\n' },
    { name: 'writing or deleting the variable is not a read', filename: app, code: "process.env.JWT_SECRET = 'generated';\ndelete process.env.JWT_SECRET;\n" },
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
  // Every invalid case (with each error, suggestion and fix spelled out) is a sample of test/fixtures/corpus.ts.
  invalid: corpus.invalid,
});
