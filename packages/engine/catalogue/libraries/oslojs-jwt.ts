/** @oslojs/jwt: parses and encodes; it has no verification of its own. */
import { decode, object, sign, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: '@oslojs/jwt',
  modules: ['@oslojs/jwt'],
  namespace: object({ parseJWT: decode(), decodeJWT: decode(), encodeJWT: sign() }),
};

export default entry;
