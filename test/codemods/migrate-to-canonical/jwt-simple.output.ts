// TODO(jwt-ssot): jwt-simple stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jwt-simple';
import { validateToken, decodeToken } from './auth/jwt-handler';

export function subject(token: string): string {
  return validateToken(token).sub;
}

export function peek(token: string) {
  return decodeToken(token);
}

export function legacy(token: string) {
  // TODO(jwt-ssot): Verifies with LEGACY_SECRET while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.
  return jwt.decode(token, process.env.LEGACY_SECRET!);
}
