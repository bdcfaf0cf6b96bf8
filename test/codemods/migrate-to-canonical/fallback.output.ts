// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jsonwebtoken';
import { validateToken } from './auth/jwt-handler';

function claimsOf(token: string) {
  // TODO(jwt-ssot): This decode is a fallback for a failed verification of the same token: it accepts exactly the tokens the verification rejects; remove the fallback or justify it.
  return jwt.decode(token);
}

export function session(token: string) {
  try {
    return validateToken(token);
  } catch {
    return claimsOf(token);
  }
}

export function inline(token: string) {
  try {
    return validateToken(token);
  } catch {
    // TODO(jwt-ssot): This decode is a fallback for a failed verification of the same token: it accepts exactly the tokens the verification rejects; remove the fallback or justify it.
    return jwt.decode(token);
  }
}
