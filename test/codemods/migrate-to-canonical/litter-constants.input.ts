import jwt from 'jsonwebtoken';
import { createSecretKey } from 'node:crypto';

const raw = process.env.JWT_SECRET ?? '';
const secretKey = createSecretKey(Buffer.from(raw, 'utf8')); // what jsonwebtoken gets

const shared = process.env.JWT_SECRET!;
const region = process.env.AWS_REGION; // unused before the migration: not the codemod's to remove

function loadSecret(): string {
  return process.env.JWT_SECRET!;
}
const loaded = loadSecret();

export const exported = new TextEncoder().encode(process.env.JWT_SECRET);

export function user(token: string) {
  return jwt.verify(token, secretKey);
}

export function session(token: string) {
  const perRequest = String(process.env.JWT_SECRET); // read on every call
  return jwt.verify(token, perRequest);
}

export function admin(token: string) {
  return jwt.verify(token, loaded);
}

export function issue(sub: string) {
  return jwt.sign({ sub }, shared, { expiresIn: '1h' });
}

export function check(token: string) {
  return jwt.verify(token, shared);
}
