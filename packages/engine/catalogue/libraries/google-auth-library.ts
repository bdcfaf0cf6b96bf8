/**
 * google-auth-library: an `OAuth2Client` instance verifies ID tokens and reads access-token info. The
 * package is mostly the credentials of clients calling Google APIs (`GoogleAuth`, `JWT`, service accounts):
 * those sign requests to Google and validate nothing, so only the token members below are JWT handling.
 */
import { object, verify, type LibraryEntry } from '../shape.js';

const oauth2Client = object({
  verifyIdToken: verify(),
  verifySignedJwtWithCerts: verify(),
  verifySignedJwtWithCertsAsync: verify(),
  getTokenInfo: verify({ note: 'access-token introspection' }),
});

const entry: LibraryEntry = {
  name: 'google-auth-library',
  modules: ['google-auth-library'],
  namespace: object({ OAuth2Client: { instance: oauth2Client } }),
  multiPurpose: true,
};

export default entry;
