import { validateToken } from './auth/jwt-handler.js';

const bootedAt = Date.now();

export function user(token) {
  return validateToken(token);
}

export function session(token) {
  return validateToken(token);
}

export const uptime = () => Date.now() - bootedAt;
