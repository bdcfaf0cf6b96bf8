/** jsrsasign: `KJUR.jws.JWS` static functions. */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'jsrsasign',
  modules: ['jsrsasign'],
  namespace: object({
    KJUR: object({
      jws: object({
        JWS: object({
          verifyJWT: verify({ optionsArg: 2 }),
          verify: verify(),
          parse: decode(),
          readSafeJSONString: {},
          sign: sign(),
        }),
      }),
    }),
  }),
};

export default entry;
