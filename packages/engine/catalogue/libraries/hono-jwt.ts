/** hono/jwt: the `jwt` and `jwk` middleware and the JWT utilities (also under hono/utils/jwt). */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

// The third argument pins the algorithm (required since hono 4.11.4).
const pinsAlgorithm = { minArgs: 3 };

const entry: LibraryEntry = {
  name: 'hono/jwt',
  modules: ['hono/jwt', 'hono/utils/jwt', 'hono/utils/jwt/*', 'hono/jwk'],
  namespace: object({
    jwt: verify({ note: 'middleware', optionsArg: 0 }),
    verify: verify({
      optionsArg: 2,
      keyArg: 1,
      checks: pinsAlgorithm,
      rewrite: {
        to: 'verify',
        tokenArg: 0,
        maxArgs: 3,
        result: 'payload',
        promise: true,
        confirm: 'its third argument pins the algorithm; check that {{name}} pins the same one and reads the same key',
      },
    }),
    verifyWithJwks: verify({ optionsArg: 1 }),
    decode: decode({
      rewrite: { to: 'decode', tokenArg: 0, maxArgs: 1, result: 'payload', confirm: 'its decode returns `{ header, payload }`, not the payload; check how the result is used' },
    }),
    decodeHeader: decode(),
    sign: sign(),
    Jwt: object({ verify: verify({ optionsArg: 2, checks: pinsAlgorithm }), decode: decode(), sign: sign() }),
    jwk: verify({ note: 'middleware', optionsArg: 0 }),
  }),
};

export default entry;
