// TODO(jwt-ssot): fast-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { createDecoder, createVerifier } from 'fast-jwt';
import { validateToken } from './auth/jwt-handler';

// TODO(jwt-ssot): fast-jwt verifier factory: once the verifiers it makes are replaced by validateToken, remove it.
const verifyAccess = createVerifier({ key: process.env.JWT_SECRET, algorithms: ['HS256'] });
// TODO(jwt-ssot): fast-jwt verifier factory: once the verifiers it makes are replaced by validateToken, remove it.
const verifyLegacy = createVerifier({ key: process.env.LEGACY_SECRET, algorithms: ['HS256'] });
// TODO(jwt-ssot): fast-jwt decoder factory: once the decoders it makes are replaced by decodeToken, remove it.
const decodeComplete = createDecoder({ complete: true });

export function subject(token: string) {
  return validateToken(token).sub;
}

export function legacySubject(token: string) {
  // TODO(jwt-ssot): Verifies with LEGACY_SECRET while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.
  return verifyLegacy(token).sub;
}

export function peek(token: string) {
  // TODO(jwt-ssot): fast-jwt decoder factory: once the decoders it makes are replaced by decodeToken, remove it. Another JWT call is nested in this one; migrate both by hand.
  return createDecoder()(token);
}

export function header(token: string) {
  // TODO(jwt-ssot): The factory of fast-jwt `createDecoder()` has options (`{ complete: true }`) that decodeToken cannot express; rewrite by hand.
  return decodeComplete(token).header;
}

// TODO(jwt-ssot): fast-jwt verifier factory: once the verifiers it makes are replaced by validateToken, remove it.
const verifyWithCallback = createVerifier({ key: async () => process.env.JWT_SECRET!, algorithms: ['HS256'] });

export async function subjectFromCallbackKey(token: string) {
  // TODO(jwt-ssot): Verifies with a key that is not a recognised secret (`async () => process.env.JWT_SECRET!`); check that validateToken uses the same key, then call it.
  return (await verifyWithCallback(token)).sub;
}
