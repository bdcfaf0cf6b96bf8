// TODO(jwt-ssot): fast-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { createDecoder, createVerifier } from 'fast-jwt';
import { validateToken, decodeToken } from './auth/jwt-handler.js';

// TODO(jwt-ssot): fast-jwt verifier factory: once the verifiers it makes are replaced by validateToken, remove it.
const verifyAccess = createVerifier({ key: process.env.JWT_SECRET, algorithms: ['HS256'] });
// TODO(jwt-ssot): fast-jwt verifier factory: once the verifiers it makes are replaced by validateToken, remove it.
const verifyRefresh = createVerifier({ key: process.env.JWT_REFRESH_SECRET, algorithms: ['HS256'] });
// TODO(jwt-ssot): fast-jwt decoder factory: once the decoders it makes are replaced by decodeToken, remove it.
const decode = createDecoder();

export function subject(token) {
  return validateToken(token).sub;
}

export function refreshSubject(token) {
  // TODO(jwt-ssot): Verifies with JWT_REFRESH_SECRET while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.
  return verifyRefresh(token).sub;
}

export function expiry(token) {
  return decodeToken(token).exp;
}
