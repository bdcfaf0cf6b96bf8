// Sessions: the API checks the bearer token on every request.
// TODO(jwt-ssot): jsonwebtoken is still imported only to sign tokens (`sign`); signing is out of scope of the canonical validator: issue tokens from src/auth/jwt-handler.ts (or a module listed in `allow`) and drop this import.
import jwt, { JwtPayload } from 'jsonwebtoken';
import { validateToken } from './auth/jwt-handler';

export function currentUser(header: string): JwtPayload {
  const token = header.replace(/^Bearer /, '');
  const claims = validateToken(token) as JwtPayload;
  return claims;
}

export const userId = (token: string): string => (<JwtPayload>validateToken(token)).sub!;

export function issue(sub: string): string {
  // TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
  return jwt.sign({ sub }, process.env.JWT_SECRET!, { expiresIn: '1h' });
}
