/** google-auth-library: an `OAuth2Client` instance verifies ID tokens. */
import { object, verify, type LibraryEntry } from '../shape.js';

const oauth2Client = object({
  verifyIdToken: verify(),
  verifySignedJwtWithCerts: verify(),
  verifySignedJwtWithCertsAsync: verify(),
});

const entry: LibraryEntry = {
  name: 'google-auth-library',
  modules: ['google-auth-library'],
  namespace: object({ OAuth2Client: { instance: oauth2Client } }),
};

export default entry;
