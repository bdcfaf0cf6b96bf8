import rule from '../../rules/no-unsafe-verify-options.js';
import { corpusCases, createRuleTester, file, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const corpus = corpusCases('no-unsafe-verify-options');
// The rule applies everywhere, the canonical module included: most cases live there.
const canonical = file('src/auth/jwt-handler.ts');

ruleTester.run('no-unsafe-verify-options', testable(rule), {
  valid: [
    ...corpus.valid,
    {
      name: 'pinned algorithms and ignoreExpiration: false',
      filename: canonical,
      code: "import jwt from 'jsonwebtoken';\njwt.verify(token, key, { algorithms: ['RS256'] });\njwt.verify(token, key, { ignoreExpiration: false });\n",
    },
    {
      name: 'fast-jwt options that may set algorithms (spread, variable)',
      filename: canonical,
      code: "import { createVerifier } from 'fast-jwt';\nconst a = createVerifier({ ...base });\nconst b = createVerifier(options);\n",
    },
    { name: 'njwt with a key', filename: canonical, code: "import nJwt from 'njwt';\nnJwt.verify(token, key);\n" },
    { name: 'hono verify with alg', filename: canonical, code: "import { verify } from 'hono/jwt';\nawait verify(token, secret, 'HS256');\n" },
    {
      name: 'a decode of another token in the catch block',
      filename: canonical,
      code: "import jwt from 'jsonwebtoken';\ntry {\n  jwt.verify(a, key);\n} catch {\n  jwt.decode(b);\n}\n",
    },
    {
      name: 'a decode after a successful verify is no fallback',
      filename: canonical,
      code: "import jwt from 'jsonwebtoken';\ntry {\n  jwt.verify(token, key);\n  jwt.decode(token, { complete: true });\n} catch {\n  throw new Error('bad token');\n}\n",
    },
    { name: 'ignoreExpiration on a local object', filename: canonical, code: 'const jwt = { verify: (..._a: unknown[]) => 1 };\njwt.verify(token, key, { ignoreExpiration: true });\n' },
    { name: "'none' in a string elsewhere", filename: canonical, code: "const algorithms = ['none'];\nconsole.log(algorithms);\n" },
  ],
  invalid: [
    ...corpus.invalid,
    {
      name: 'applies in the canonical module: ignoreExpiration and none in one call',
      filename: canonical,
      code: "import jwt from 'jsonwebtoken';\nexport const validateToken = (t: string) => jwt.verify(t, key, { ignoreExpiration: true, algorithms: ['none'] });\n",
      errors: [
        { messageId: 'ignoreExpiration', line: 2, column: 66, endLine: 2, endColumn: 88 },
        { messageId: 'algorithmNone', line: 2, column: 90, endLine: 2, endColumn: 110 },
      ],
    },
    {
      name: "jose with algorithms: ['none']",
      filename: canonical,
      code: "import { jwtVerify } from 'jose';\nawait jwtVerify(token, key, { algorithms: ['none'] });\n",
      errors: [{ messageId: 'algorithmNone', line: 2, column: 31, endLine: 2, endColumn: 51 }],
    },
    {
      name: 'hono Jwt.verify without alg',
      filename: canonical,
      code: "import { Jwt } from 'hono/utils/jwt';\nawait Jwt.verify(token, secret);\nawait Jwt.verify(token, secret, 'HS256');\n",
      errors: [{ messageId: 'unpinnedAlgorithms', line: 2, column: 7, endLine: 2, endColumn: 32 }],
    },
    {
      name: 'fallback in the rejection handler of .then',
      filename: canonical,
      code: "import { jwtVerify, decodeJwt } from 'jose';\nawait jwtVerify(token, key).then((r) => r.payload, () => decodeJwt(token));\n",
      errors: [{ messageId: 'fallbackDecode', line: 2, column: 58, endLine: 2, endColumn: 74 }],
    },
    {
      name: 'fallback on a member-expression token',
      filename: canonical,
      code: "import { jwtVerify, decodeJwt } from 'jose';\nconst r = await jwtVerify(req.token, key).catch(() => ({ payload: decodeJwt(req.token) }));\n",
      errors: [{ messageId: 'fallbackDecode', line: 2, column: 67, endLine: 2, endColumn: 87 }],
    },
    {
      name: 'fallback to hand-rolled decoding',
      filename: file('src/app.ts'),
      code: "import jwt from 'jsonwebtoken';\ntry {\n  jwt.verify(token, key);\n} catch {\n  JSON.parse(atob(token.split('.')[1]));\n}\n",
      errors: [{ messageId: 'fallbackDecode', line: 5, column: 14, endLine: 5, endColumn: 39 }],
    },
  ],
});
