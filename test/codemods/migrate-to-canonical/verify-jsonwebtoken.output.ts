// Sessions: the API checks the bearer token on every request.
import jwt, { JwtPayload } from 'jsonwebtoken';
import { validateToken } from './auth/jwt-handler';

export function currentUser(header: string): JwtPayload {
  const token = header.replace(/^Bearer /, '');
  const claims = validateToken(token) as JwtPayload;
  return claims;
}

export const userId = (token: string): string => (<JwtPayload>validateToken(token)).sub!;

export function issue(sub: string): string {
  return jwt.sign({ sub }, process.env.JWT_SECRET!, { expiresIn: '1h' });
}
