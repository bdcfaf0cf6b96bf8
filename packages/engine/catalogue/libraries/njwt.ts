/** njwt: `verify(token)` with one argument accepts `alg: none`. */
import { object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'njwt',
  modules: ['njwt'],
  namespace: object({
    verify: verify({ checks: { minArgs: 2 } }),
    createVerifier: verify({ note: 'factory' }),
    create: sign(),
    createJwt: sign(),
  }),
};

export default entry;
