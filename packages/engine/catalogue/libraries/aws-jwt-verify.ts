/** aws-jwt-verify: `XVerifier.create(…)` returns the verifier. */
import { decode, object, verify, type ApiShape, type LibraryEntry } from '../shape.js';

const verifierFactory: ApiShape = object({
  create: { returns: object({ verify: verify({ optionsArg: 1 }), verifySync: verify({ optionsArg: 1 }) }) },
});

const entry: LibraryEntry = {
  name: 'aws-jwt-verify',
  modules: ['aws-jwt-verify', 'aws-jwt-verify/*'],
  namespace: object({
    CognitoJwtVerifier: verifierFactory,
    JwtVerifier: verifierFactory,
    AlbJwtVerifier: verifierFactory,
    JwtRsaVerifier: verifierFactory,
    decomposeUnverifiedJwt: decode(),
  }),
};

export default entry;
