/** next-auth/jwt: `getToken` reads and checks the session token; `decode` decrypts it. */
import { object, sign, verify, type ApiShape, type LibraryEntry } from '../shape.js';

/** Auth.js's JWT helpers; @auth/core/jwt has the same API. */
export const authJwt: ApiShape = object({
  getToken: verify({ optionsArg: 0 }),
  decode: verify({ note: 'authenticated decrypt' }),
  encode: sign(),
});

const entry: LibraryEntry = { name: 'next-auth/jwt', modules: ['next-auth/jwt'], namespace: authJwt };

export default entry;
