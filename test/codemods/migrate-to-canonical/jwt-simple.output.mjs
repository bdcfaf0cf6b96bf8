// TODO(jwt-ssot): jwt-simple stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jwt-simple';
import { validateToken, decodeToken } from './auth/jwt-handler.js';

export function subject(token) {
  return validateToken(token).sub;
}

export function peek(token) {
  return decodeToken(token);
}

export function otherAlgorithm(token) {
  // TODO(jwt-ssot): Pins the algorithm HS512 while validateToken pins ['HS256']; decide which is right.
  return jwt.decode(token, process.env.JWT_SECRET, false, 'HS512');
}
