// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jsonwebtoken';
import { keyring } from './keyring';

// The key expression spans lines: the follow-up that quotes it must still be one comment line.
export function readSession(token: string) {
  // TODO(jwt-ssot): Verifies with a key that is not a recognised secret (`keyring.lookup('session', { rotate: false, })`); check that validateToken uses the same key, then call it.
  return jwt.verify(token, keyring.lookup('session', {
    rotate: false,
  }));
}
