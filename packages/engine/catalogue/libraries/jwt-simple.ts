/** jwt-simple: `decode(token, key, noVerify?, algorithm?)` verifies unless told not to. */
import { object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'jwt-simple',
  modules: ['jwt-simple'],
  namespace: object({
    // decode(t, key, true) skips verification; without the 4th argument the token's own `alg` is used.
    decode: verify({ checks: { noVerifyFlagArg: 2, minArgs: 4 } }),
    encode: sign(),
  }),
};

export default entry;
