// TODO(jwt-ssot): jsonwebtoken is still imported only to sign tokens (`sign`); signing is out of scope of the canonical validator: issue tokens from src/auth/jwt-handler.ts (or a module listed in `allow`) and drop this import.
import jwt from 'jsonwebtoken';
import { validateToken } from './auth/jwt-handler.js';

export function currentUser(token) {
  return validateToken(token);
}

export const issue = (sub, key) => jwt.sign({ sub }, key, { expiresIn: '1h' });
