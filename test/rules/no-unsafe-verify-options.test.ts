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
    {
      name: 'a decode in the success handler of .then is no fallback',
      filename: canonical,
      code: "import { jwtVerify, decodeJwt } from 'jose';\njwtVerify(token, key).then(() => decodeJwt(token)).finally(done);\n",
    },
    {
      name: 'a verify in a callback that does not throw into the try',
      filename: canonical,
      code: "import jwt from 'jsonwebtoken';\ntry {\n  setTimeout(() => jwt.verify(token, key), 0);\n} catch {\n  jwt.decode(token);\n}\n",
    },
    { name: 'ignoreExpiration on a local object', filename: canonical, code: 'const jwt = { verify: (..._a: unknown[]) => 1 };\njwt.verify(token, key, { ignoreExpiration: true });\n' },
    {
      name: 'a clock tolerance the rule allows, and one it cannot read',
      filename: canonical,
      code: "import jwt from 'jsonwebtoken';\njwt.verify(token, key, { algorithms: ['RS256'], clockTolerance: 300 });\njwt.verify(token, key, { algorithms: ['RS256'], clockTolerance: configured });\n",
    },
    {
      name: 'jose timespans within the limit, and a string that is no timespan',
      filename: canonical,
      code: "import { jwtVerify } from 'jose';\nawait jwtVerify(token, key, { clockTolerance: '5 minutes' });\nawait jwtVerify(token, key, { clockTolerance: 'lenient' });\n",
    },
    {
      name: 'fast-jwt counts milliseconds: 300000 ms is the 300 s limit',
      filename: canonical,
      code: "import { createVerifier } from 'fast-jwt';\ncreateVerifier({ key, algorithms: ['HS256'], clockTolerance: 300000 });\n",
    },
    {
      name: 'a clockTolerance on an API without one (jws) is not read',
      filename: canonical,
      code: "import jws from 'jws';\njws.verify(token, 'HS256', { clockTolerance: 86400 });\n",
    },
    { name: "'none' in a string elsewhere", filename: canonical, code: "const algorithms = ['none'];\nconsole.log(algorithms);\n" },
  ],
  // Every invalid case (with each error, suggestion and fix spelled out) is a sample of test/fixtures/corpus.ts.
  invalid: corpus.invalid,
});
