import { config as settings } from './litter-config';
import './litter-config';
import { validateToken } from './auth/jwt-handler';

export function user(token: string) {
  return validateToken(token);
}

export function admin(token: string) {
  return validateToken(token);
}

export const issuer = settings.jwt.issuer;
