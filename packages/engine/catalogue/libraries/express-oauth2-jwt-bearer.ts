/**
 * express-oauth2-jwt-bearer (Auth0): `auth(options?)` returns Express middleware that validates JWT
 * bearer access tokens. `requiredScopes`, `claimCheck`, `claimEquals`, `claimIncludes` and
 * `scopeIncludesAny` only check claims of a token `auth` already verified, so they are not sites.
 */
import { object, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'express-oauth2-jwt-bearer',
  modules: ['express-oauth2-jwt-bearer'],
  namespace: object({
    // Options: issuerBaseURL, audience, issuer, secret, tokenSigningAlg, jwksUri, …
    auth: verify({
      note: 'middleware',
      optionsArg: 0,
      checks: { algorithmKeys: ['tokenSigningAlg'] },
      followUp: 'express-oauth2-jwt-bearer auth() middleware: replace it with a middleware that calls {{name}} and sets req.auth',
    }),
  }),
};

export default entry;
