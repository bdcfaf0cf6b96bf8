/** firebase-admin: the `Auth` service, reached from the namespace, an app or `getAuth()`. */
import { object, sign, verify, type LibraryEntry } from '../shape.js';

const auth = object({
  verifyIdToken: verify(),
  verifySessionCookie: verify(),
  createCustomToken: sign(),
  createSessionCookie: sign(),
});

const app = object({ auth: { returns: auth } });

const entry: LibraryEntry = {
  name: 'firebase-admin',
  modules: ['firebase-admin', 'firebase-admin/*'],
  namespace: object({
    auth: { returns: auth },
    app: { returns: app },
    initializeApp: { returns: app },
    getAuth: { returns: auth },
  }),
};

export default entry;
