import { decodeToken } from './auth/jwt-handler.js';

export function claims(token) {
  return decodeToken(token);
}

export function claimsFromBuffer(token) {
  return decodeToken(token);
}
