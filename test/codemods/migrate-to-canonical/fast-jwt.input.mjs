import { createDecoder, createVerifier } from 'fast-jwt';

const verifyAccess = createVerifier({ key: process.env.JWT_SECRET, algorithms: ['HS256'] });
const verifyRefresh = createVerifier({ key: process.env.JWT_REFRESH_SECRET, algorithms: ['HS256'] });
const decode = createDecoder();

export function subject(token) {
  return verifyAccess(token).sub;
}

export function refreshSubject(token) {
  return verifyRefresh(token).sub;
}

export function expiry(token) {
  return decode(token).exp;
}
