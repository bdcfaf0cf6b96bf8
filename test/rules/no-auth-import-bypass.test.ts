import rule from '../../rules/no-auth-import-bypass.js';
import { corpusCases, createRuleTester, file, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const corpus = corpusCases('no-auth-import-bypass');
const app = file('src/app.ts');

ruleTester.run('no-auth-import-bypass', testable(rule), {
  valid: [
    ...corpus.valid,
    { name: 'the canonical module is imported', filename: app, code: "import { validateToken } from './auth/jwt-handler';\nvalidateToken(token);\n" },
    { name: "the auth module's entry is imported", filename: app, code: "import { sessionTtl } from './auth';\n" },
    {
      name: 'type-only imports and re-exports are allowed by default',
      filename: app,
      code: "import type { JwtPayload } from 'jsonwebtoken';\nimport { type Jwt } from 'jsonwebtoken';\nexport type { JwtHeader } from 'jsonwebtoken';\n",
    },
    { name: 'files inside the auth module may import its private paths', filename: file('src/auth/login.ts'), code: "import { sessionTtl } from './internal/session';\n" },
    { name: 'the canonical module may import the library', filename: file('src/auth/jwt-handler.ts'), code: "import jwt from 'jsonwebtoken';\nexport * from 'jose';\n" },
    { name: 'allowed files may import the library', filename: file('test/helpers.ts'), code: "import jwt from 'jsonwebtoken';\nconst jose = await import('jose');\n" },
    { name: 'look-alike module names', filename: app, code: "import jwtish from 'jsonwebtoken-ish';\nimport joseph from 'joseph';\nimport x from './jwt';\n" },
    { name: 'names in strings and comments', filename: app, code: "// import jwt from 'jsonwebtoken'\nconst doc = \"require('jose')\";\n" },
    { name: 'a require(expr) in a file that never mentions JWTs', filename: file('src/plugin.js'), code: 'const lib = require(name);\n' },
    { name: 'a local function named require', filename: app, code: "function require(name: string) { return name; }\nrequire('jsonwebtoken');\n" },
  ],
  // Every invalid case (with each error, suggestion and fix spelled out) is a sample of test/fixtures/corpus.ts.
  invalid: corpus.invalid,
});
