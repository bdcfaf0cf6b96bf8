import jwt from 'jsonwebtoken';
import { SECRET } from './litter-config.js'; // the signing key
import config from './litter-config.js';

export function user(token) {
  return jwt.verify(token, SECRET);
}

export function issuer() {
  return config.jwt.issuer;
}
