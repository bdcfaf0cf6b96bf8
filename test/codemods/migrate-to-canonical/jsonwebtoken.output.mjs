// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jsonwebtoken';
import { validateToken, decodeToken } from './auth/jwt-handler.js';

export function user(token) {
  return validateToken(token);
}

export function peek(token) {
  return decodeToken(token);
}

export function admin(token) {
  // TODO(jwt-ssot): Options audience are not what validateToken enforces; move them into the canonical module or keep this call.
  return jwt.verify(token, process.env.JWT_SECRET, { audience: 'admin' });
}
