// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jsonwebtoken';
import { decodeToken } from './auth/jwt-handler';

export function peek(token: string) {
  const claims = decodeToken(token);
  // TODO(jwt-ssot): jsonwebtoken `decode` with options ({ complete: true }) that decodeToken cannot express; rewrite by hand.
  const full = jwt.decode(token, { complete: true });
  return { claims, full };
}

export const expiry = (token: string) => (decodeToken(token) as { exp: number }).exp;

export const issuer = (token: string) => decodeToken(token).iss;

export function handRolled(token: string) {
  return decodeToken(token);
}

export function fromBuffer(token: string) {
  const [, body] = token.split('.');
  return decodeToken(token);
}

export function segmentOnly(token: string) {
  // TODO(jwt-ssot): Hand-rolled decoding that is not JSON.parse(…) of one token segment; use decodeToken by hand.
  return atob(token.split('.')[1]!);
}
