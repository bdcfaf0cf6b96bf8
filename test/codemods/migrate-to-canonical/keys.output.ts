// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jsonwebtoken';
import fs from 'node:fs';
import { validateToken } from './auth/jwt-handler';

const publicKey = fs.readFileSync('keys/public.pem');

export function fromEnv(token: string) {
  return validateToken(token);
}

export function fromFile(token: string) {
  // TODO(jwt-ssot): Verifies with a key that is not a recognised secret (`publicKey`); check that validateToken uses the same key, then call it.
  return jwt.verify(token, publicKey);
}

export function legacy(token: string) {
  // TODO(jwt-ssot): Verifies with LEGACY_JWT_SECRET while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.
  return jwt.verify(token, process.env.LEGACY_JWT_SECRET!);
}

export function inline(token: string) {
  // TODO(jwt-ssot): Verifies with a key that is not a recognised secret (`'dev-secret'`); check that validateToken uses the same key, then call it.
  return jwt.verify(token, 'dev-secret');
}
