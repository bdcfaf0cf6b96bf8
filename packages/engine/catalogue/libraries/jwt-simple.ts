/** jwt-simple: `decode(token, key, noVerify?, algorithm?)` verifies unless told not to. */
import { object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'jwt-simple',
  modules: ['jwt-simple'],
  namespace: object({
    // decode(t, key, true) skips verification; without the 4th argument the token's own `alg` is used.
    // Verified: the token, a key the canonical one must match, a falsy flag, and the algorithm it must pin.
    decode: verify({
      keyArg: 1,
      checks: { noVerifyFlagArg: 2, minArgs: 4 },
      rewrite: { to: 'verify', tokenArg: 0, maxArgs: 4, result: 'payload', falsyArgs: [2], algorithmArg: 3, noVerify: { to: 'decode', tokenArg: 0, maxArgs: 3, result: 'payload' } },
    }),
    encode: sign(),
  }),
};

export default entry;
