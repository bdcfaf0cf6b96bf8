import rule from '../../rules/no-direct-verify.js';
import { corpusCases, createRuleTester, file, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const corpus = corpusCases('no-direct-verify');
const app = file('src/app.ts');

ruleTester.run('no-direct-verify', testable(rule), {
  valid: [
    ...corpus.valid,
    // Precision: look-alikes that are not JWT verification.
    { name: 'a local object with verify', filename: app, code: "const jwt = { verify: (t: string) => t };\njwt.verify(token);\n" },
    { name: 'a local function named verify', filename: app, code: 'function verify(t: string) { return t; }\nverify(token);\n' },
    { name: 'crypto.verify', filename: app, code: "import crypto from 'node:crypto';\ncrypto.verify('sha256', data, key, signature);\n" },
    { name: 'argon2.verify', filename: app, code: "import argon2 from 'argon2';\nawait argon2.verify(hash, password);\n" },
    { name: 'notp.totp.verify', filename: app, code: "import notp from 'notp';\nnotp.totp.verify(code, key);\n" },
    {
      name: 'a parameter shadowing an imported verify',
      filename: app,
      code: "import { verify } from 'jsonwebtoken';\nexport function check(verify: (t: string) => boolean, t: string) {\n  return verify(t);\n}\n",
    },
    {
      name: 'names in strings and comments',
      filename: app,
      code: "// jwt.verify(token, key) from 'jsonwebtoken'\nconst doc = \"import jwt from 'jsonwebtoken'; jwt.verify(t)\";\nconsole.log(`require('jsonwebtoken').verify(t)`);\n",
    },
    { name: 'a type-only import', filename: app, code: "import type { JwtPayload } from 'jsonwebtoken';\nexport type Claims = JwtPayload;\n" },
    { name: 'a verify of an unknown library', filename: app, code: "import { verify } from 'some-other-lib';\nverify(token);\n" },
    {
      name: 'request.jwtVerify() in a file that does not register @fastify/jwt',
      filename: app,
      code: "app.get('/', async (request) => {\n  await request.jwtVerify();\n  app.jwt.verify(token);\n});\n",
    },
    { name: "server.auth.strategy(…, 'jwt') without a hapi JWT plugin", filename: app, code: "server.auth.strategy('session', 'jwt', { key });\n" },
    {
      name: 'hapi-auth-jwt2 registered, but a strategy of another scheme',
      filename: app,
      code: "import hapiAuthJwt2 from 'hapi-auth-jwt2';\nserver.auth.strategy('simple', 'basic', { validate });\n",
    },
    {
      name: 'a receiver typed by another service',
      filename: app,
      code: 'class Guard {\n  constructor(private jwtService: OtherService) {}\n  check(t: string) {\n    return this.jwtService.verify(t);\n  }\n}\n',
    },
    {
      name: 'express-oauth2-jwt-bearer: requiredScopes alone only checks an already verified token',
      filename: app,
      code: "import { requiredScopes, claimIncludes } from 'express-oauth2-jwt-bearer';\napp.get('/orders', requiredScopes('read:orders'), claimIncludes('roles', 'admin'), list);\n",
    },
    {
      name: 'a local function named auth beside express-oauth2-jwt-bearer',
      filename: app,
      code: "import { requiredScopes } from 'express-oauth2-jwt-bearer';\nfunction auth(options: { audience: string }) { return (req: unknown, res: unknown, next: () => void) => next(); }\napp.use(auth({ audience }), requiredScopes('read:orders'));\n",
    },
    { name: 'sign is not reported by default', filename: app, code: "import jwt from 'jsonwebtoken';\njwt.sign({ sub }, key);\n" },
    { name: 'jwt-simple encode is signing', filename: app, code: "import jwt from 'jwt-simple';\njwt.encode(payload, key);\n" },
    // Shadowing: a local binding with the library's name is not the library.
    { name: 'a parameter shadowing the namespace', filename: app, code: "import jwt from 'jsonwebtoken';\nexport function f(jwt: { verify(t: string): void }) {\n  jwt.verify(t);\n}\n" },
    { name: 'a destructured parameter', filename: app, code: "import { verify } from 'jsonwebtoken';\nexport function f({ verify }: { verify: (t: string) => void }) {\n  verify(t);\n}\n" },
    { name: 'a block-scoped shadow', filename: app, code: "import { verify } from 'jsonwebtoken';\n{\n  const verify = (t: string) => t;\n  verify(x);\n}\n" },
    { name: 'a catch parameter shadow', filename: file('src/app.ts'), code: "import { decode as verify } from 'jsonwebtoken';\ntry {\n  x();\n} catch (verify) {\n  verify(t);\n}\n" },
    { name: 'a class method named verify', filename: app, code: "import jwt from 'jsonwebtoken';\nclass A {\n  verify(t: string) {\n    return t;\n  }\n}\nnew A().verify(t);\n" },
    { name: 'a nested object member named jwt', filename: app, code: "import jwt from 'jsonwebtoken';\nconst other = { jwt: { verify() {} } };\nother.jwt.verify();\n" },
    { name: 'type positions (typeof)', filename: app, code: "import jwt from 'jsonwebtoken';\ntype V = typeof jwt.verify;\nlet x: ReturnType<typeof jwt.decode>;\n" },
    { name: 'comparisons and typeof tests are not calls', filename: app, code: "import jwt from 'jsonwebtoken';\nif (jwt.verify === undefined) {}\nif (typeof jwt.verify === 'function') {}\n" },
    // Exempt files: the canonical module and `allow`.
    {
      name: 'the canonical module may verify',
      filename: file('src/auth/jwt-handler.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const validateToken = (t: string) => jwt.verify(t, key, { algorithms: ['RS256'] });\n",
    },
    { name: 'an allowed test file may verify', filename: file('test/helpers.ts'), code: "import jwt from 'jsonwebtoken';\njwt.verify(token, key);\n" },
  ],
  // Every invalid case (with each error, suggestion and fix spelled out) is a sample of test/fixtures/corpus.ts.
  invalid: corpus.invalid,
});
