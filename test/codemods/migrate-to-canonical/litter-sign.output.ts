// TODO(jwt-ssot): jsonwebtoken is still imported only to sign tokens (`sign`); signing is out of scope of the canonical validator: issue tokens from src/auth/jwt-handler.ts (or a module listed in `allow`) and drop this import.
import jwt from 'jsonwebtoken';
import { SECRET } from './litter-config';
import { validateToken } from './auth/jwt-handler';

export function currentUser(token: string) {
  return validateToken(token);
}

export function issue(sub: string) {
  return jwt.sign({ sub }, SECRET, { expiresIn: '1h' });
}

export function refresh(sub: string) {
  return jwt.sign({ sub, refresh: true }, SECRET, { expiresIn: '7d' });
}
