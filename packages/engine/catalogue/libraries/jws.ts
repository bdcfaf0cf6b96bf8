/** jws: JSON Web Signatures, the layer under jsonwebtoken. */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'jws',
  modules: ['jws'],
  namespace: object({ verify: verify(), createVerify: verify(), decode: decode(), sign: sign(), createSign: sign() }),
};

export default entry;
