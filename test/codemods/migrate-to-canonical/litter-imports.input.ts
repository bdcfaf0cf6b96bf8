import jwt from 'jsonwebtoken';
import config from './litter-config'; // app settings
import { SECRET, config as settings } from './litter-config';
import './litter-config';

const key = config.jwt.secret;

export function user(token: string) {
  return jwt.verify(token, key);
}

export function admin(token: string) {
  return jwt.verify(token, SECRET);
}

export const issuer = settings.jwt.issuer;
