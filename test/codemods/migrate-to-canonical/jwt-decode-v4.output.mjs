// jwt-decode v4: a named export, jwtDecode.
// TODO(jwt-ssot): jwt-decode stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { jwtDecode } from 'jwt-decode';
import { decodeToken } from './auth/jwt-handler.js';

export function expiresAt(token) {
  return new Date(decodeToken(token).exp * 1000);
}

export function header(token) {
  // TODO(jwt-ssot): jwt-decode `jwtDecode` with options ({ header: true }) that decodeToken cannot express; rewrite by hand.
  return jwtDecode(token, { header: true });
}
