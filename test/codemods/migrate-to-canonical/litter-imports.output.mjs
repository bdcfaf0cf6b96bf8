import config from './litter-config.js';
import { validateToken } from './auth/jwt-handler.js';

export function user(token) {
  return validateToken(token);
}

export function issuer() {
  return config.jwt.issuer;
}
