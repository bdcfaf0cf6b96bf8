import jwt from 'jwt-simple';
import { validateToken, decodeToken } from './auth/jwt-handler';

export function subject(token: string): string {
  return validateToken(token).sub;
}

export function peek(token: string) {
  return decodeToken(token);
}

export function legacy(token: string) {
  // TODO(jwt-ssot): Verifies with LEGACY_SECRET while validateToken uses JWT_SECRET; decide which key is right.
  return jwt.decode(token, process.env.LEGACY_SECRET!);
}
