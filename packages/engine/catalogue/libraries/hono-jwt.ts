/** hono/jwt: the `jwt` and `jwk` middleware and the JWT utilities (also under hono/utils/jwt). */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

// The third argument pins the algorithm (required since hono 4.11.4).
const pinsAlgorithm = { minArgs: 3 };

const entry: LibraryEntry = {
  name: 'hono/jwt',
  modules: ['hono/jwt', 'hono/utils/jwt', 'hono/utils/jwt/*', 'hono/jwk'],
  namespace: object({
    jwt: verify({ note: 'middleware', optionsArg: 0, followUp: 'hono jwt() middleware: verify in a middleware of your own that calls {{name}} and sets the payload on the context' }),
    verify: verify({
      optionsArg: 2,
      keyArg: 1,
      checks: pinsAlgorithm,
      // The third argument is the algorithm (`'HS256'`) or options (`{ alg, iss, … }`): compared with the canonical ones.
      rewrite: { to: 'verify', tokenArg: 0, maxArgs: 3, result: 'payload', promise: true, algorithmArg: 2 },
    }),
    verifyWithJwks: verify({ optionsArg: 1 }),
    // decode returns `{ header, payload }`: `const { payload } = decode(t)` and `decode(t).payload` map onto the canonical decode.
    decode: decode({ rewrite: { to: 'decode', tokenArg: 0, maxArgs: 1, result: 'payload-member' } }),
    decodeHeader: decode(),
    sign: sign(),
    Jwt: object({ verify: verify({ optionsArg: 2, checks: pinsAlgorithm }), decode: decode(), sign: sign() }),
    jwk: verify({ note: 'middleware', optionsArg: 0, followUp: 'hono jwk() middleware: verify in a middleware of your own that calls {{name}} and sets the payload on the context' }),
  }),
};

export default entry;
