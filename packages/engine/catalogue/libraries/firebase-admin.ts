/**
 * firebase-admin: the `Auth` service, reached from the namespace, an app, a tenant or `getAuth()`. The SDK
 * also holds Firestore, messaging and storage: only the Auth service's token members are JWT handling.
 */
import { object, sign, verify, type ApiShape, type LibraryEntry } from '../shape.js';

const auth = object({
  verifyIdToken: verify(),
  verifySessionCookie: verify(),
  createCustomToken: sign(),
  createSessionCookie: sign(),
});

// A tenant's Auth has the same token members; `authForTenant` hands it out.
const tenantManager: ApiShape = object({ authForTenant: { returns: auth } });
const authWithTenants: ApiShape = { ...auth, members: { ...auth.members, tenantManager: { returns: tenantManager } } };

const app = object({ auth: { returns: authWithTenants } });

const entry: LibraryEntry = {
  name: 'firebase-admin',
  modules: ['firebase-admin', 'firebase-admin/*'],
  namespace: object({
    auth: { returns: authWithTenants },
    app: { returns: app },
    initializeApp: { returns: app },
    getAuth: { returns: authWithTenants },
  }),
  multiPurpose: true,
};

export default entry;
