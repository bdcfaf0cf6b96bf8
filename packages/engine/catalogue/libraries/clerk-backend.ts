/** @clerk/backend: session token verification, directly or through a Clerk client. */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: '@clerk/backend',
  modules: ['@clerk/backend', '@clerk/backend/*'],
  namespace: object({
    verifyToken: verify({ optionsArg: 1 }),
    createClerkClient: {
      returns: object({ authenticateRequest: verify({ optionsArg: 1 }), verifyToken: verify({ optionsArg: 1 }) }),
    },
    authenticateRequest: verify({ optionsArg: 1 }),
    verifyJwt: verify({ optionsArg: 1 }),
    hasValidSignature: verify({ note: 'signature only' }),
    decodeJwt: decode(),
    signJwt: sign(),
  }),
};

export default entry;
