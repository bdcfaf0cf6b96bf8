import jwt from 'jsonwebtoken';
import { keyring } from './keyring';

// The key expression spans lines: the follow-up that quotes it must still be one comment line.
export function readSession(token: string) {
  return jwt.verify(token, keyring.lookup('session', {
    rotate: false,
  }));
}
