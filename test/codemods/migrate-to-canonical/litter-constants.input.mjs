import jwt from 'jsonwebtoken';

const raw = process.env.JWT_SECRET;
const key = Buffer.from(raw, 'utf8'); // the bytes jsonwebtoken gets

const bootedAt = Date.now();

export function user(token) {
  return jwt.verify(token, key);
}

export function session(token) {
  const perRequest = process.env.JWT_SECRET ?? '';
  return jwt.verify(token, perRequest);
}

export const uptime = () => Date.now() - bootedAt;
