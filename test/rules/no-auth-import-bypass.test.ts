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
  invalid: [
    ...corpus.invalid,
    {
      name: 'strict: type-only imports are reported with allowTypeImports: false',
      filename: app,
      code: "import type { JwtPayload } from 'jsonwebtoken';\nimport { type Jwt } from 'jsonwebtoken';\n",
      options: [{ allowTypeImports: false }],
      errors: [
        { messageId: 'libraryImport', line: 1, column: 1, endLine: 1, endColumn: 48 },
        { messageId: 'libraryImport', line: 2, column: 1, endLine: 2, endColumn: 41 },
      ],
    },
    {
      name: 'a value import next to a type import is still reported',
      filename: app,
      code: "import { type Jwt, verify } from 'jsonwebtoken';\n",
      errors: [{ messageId: 'libraryImport', line: 1, column: 1, endLine: 1, endColumn: 49 }],
    },
    {
      name: 'private path: default plus named import cannot be fixed (the entry has no default export)',
      filename: app,
      code: "import session, { sessionTtl } from './auth/internal/session';\n",
      errors: [{ messageId: 'privateAuthImport', line: 1, column: 37, endLine: 1, endColumn: 62 }],
    },
    {
      name: 'private path: a namespace import is not fixed',
      filename: app,
      code: "import * as session from './auth/internal/session';\n",
      errors: [{ messageId: 'privateAuthImport', line: 1, column: 26, endLine: 1, endColumn: 51 }],
    },
    {
      name: 'private path: a side-effect import is not fixed',
      filename: app,
      code: "import './auth/internal/session';\n",
      errors: [{ messageId: 'privateAuthImport', line: 1, column: 8, endLine: 1, endColumn: 33 }],
    },
    {
      name: 'private path: a dynamic import',
      filename: app,
      code: "const m = await import('./auth/internal/session');\n",
      errors: [{ messageId: 'privateAuthImport', line: 1, column: 24, endLine: 1, endColumn: 49 }],
    },
    {
      name: 'private path: autofix from a nested folder keeps the .js ending',
      filename: file('src/routes/me.ts'),
      code: "import { sessionTtl } from '../auth/internal/session.js';\n",
      output: "import { sessionTtl } from '../auth/index.js';\n",
      errors: [{ messageId: 'privateAuthImport', line: 1, column: 28, endLine: 1, endColumn: 57 }],
    },
    {
      name: 'private path: autofix keeps double quotes',
      filename: app,
      code: 'import { sessionTtl } from "./auth/internal/session";\n',
      output: 'import { sessionTtl } from "./auth";\n',
      errors: [{ messageId: 'privateAuthImport', line: 1, column: 28, endLine: 1, endColumn: 53 }],
    },
    {
      name: 'an import() whose module is computed, in a file about JWTs',
      filename: app,
      code: 'const jwtLib = await import(moduleName);\n',
      errors: [{ messageId: 'unanalysableModule', line: 1, column: 22, endLine: 1, endColumn: 40 }],
    },
  ],
});
