/** jose (v4+), plus the `JWT` namespace of jose v1/v2. */
import { decode, object, payloadDecode, sign, verify, type LibraryEntry } from '../shape.js';

// `clockTolerance` is seconds, or a timespan string ('30 s', '1 day').
const checks = { clockTolerance: { keys: ['clockTolerance'], unit: 'seconds', timespans: true } } as const;

const entry: LibraryEntry = {
  name: 'jose',
  // @panva/jose: jose on JSR (`jsr:@panva/jose`).
  modules: ['jose', 'jose/*', '@panva/jose', '@panva/jose/*'],
  namespace: object({
    jwtVerify: verify({ optionsArg: 2, keyArg: 1, checks, rewrite: { to: 'verify', tokenArg: 0, maxArgs: 3, result: 'payload-member', promise: true, thenForm: true } }),
    jwtDecrypt: verify({ optionsArg: 2, checks }),
    compactVerify: verify({ note: 'signature only' }),
    flattenedVerify: verify({ note: 'signature only' }),
    generalVerify: verify({ note: 'signature only' }),
    decodeJwt: decode({ rewrite: payloadDecode }),
    decodeProtectedHeader: decode(),
    SignJWT: sign(),
    EncryptJWT: sign(),
    CompactSign: sign(),
    UnsecuredJWT: sign({ members: { decode: decode() } }),
    // jose v1/v2 (legacy): const { JWT } = require('jose')
    JWT: object({ verify: verify({ optionsArg: 2 }), decode: decode(), sign: sign() }),
  }),
};

export default entry;
