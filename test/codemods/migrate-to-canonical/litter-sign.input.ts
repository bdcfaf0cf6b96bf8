import jwt from 'jsonwebtoken';
import { SECRET } from './litter-config';

export function currentUser(token: string) {
  return jwt.verify(token, SECRET);
}

export function issue(sub: string) {
  return jwt.sign({ sub }, SECRET, { expiresIn: '1h' });
}

export function refresh(sub: string) {
  return jwt.sign({ sub, refresh: true }, SECRET, { expiresIn: '7d' });
}
