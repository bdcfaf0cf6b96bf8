// TODO(jwt-ssot): jsonwebtoken is still imported only to sign tokens (`sign`); signing is out of scope of the canonical validator: issue tokens from src/auth/jwt-handler.ts (or a module listed in `allow`) and drop this import.
import jwt from 'jsonwebtoken';
import { validateToken } from './auth/jwt-handler';

// TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
const shared = process.env.JWT_SECRET!;
const region = process.env.AWS_REGION; // unused before the migration: not the codemod's to remove

function loadSecret(): string {
  // TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
  return process.env.JWT_SECRET!;
}
const loaded = loadSecret();

// TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
export const exported = new TextEncoder().encode(process.env.JWT_SECRET);

export function user(token: string) {
  return validateToken(token);
}

export function session(token: string) {
  return validateToken(token);
}

export function admin(token: string) {
  return validateToken(token);
}

export function issue(sub: string) {
  return jwt.sign({ sub }, shared, { expiresIn: '1h' });
}

export function check(token: string) {
  return validateToken(token);
}
