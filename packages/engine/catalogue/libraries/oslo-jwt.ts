/** oslo/jwt: `validateJWT` checks the signature and time claims. */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'oslo/jwt',
  modules: ['oslo/jwt'],
  namespace: object({ validateJWT: verify(), parseJWT: decode(), createJWT: sign() }),
};

export default entry;
