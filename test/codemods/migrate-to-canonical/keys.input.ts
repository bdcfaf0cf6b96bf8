import jwt from 'jsonwebtoken';
import fs from 'node:fs';

const publicKey = fs.readFileSync('keys/public.pem');
const signingSecret = process.env.JWT_SECRET ?? '';

export function fromEnv(token: string) {
  return jwt.verify(token, signingSecret);
}

export function fromFile(token: string) {
  return jwt.verify(token, publicKey);
}

export function legacy(token: string) {
  return jwt.verify(token, process.env.LEGACY_JWT_SECRET!);
}

export function inline(token: string) {
  return jwt.verify(token, 'dev-secret');
}
