import jwt from 'jsonwebtoken';
import { jwtDecode } from 'jwt-decode';
import { decodeJwt } from 'jose';

export function peek(token: string) {
  const claims = jwt.decode(token);
  const full = jwt.decode(token, { complete: true });
  return { claims, full };
}

export const expiry = (token: string) => jwtDecode<{ exp: number }>(token).exp;

export const issuer = (token: string) => decodeJwt(token).iss;

export function handRolled(token: string) {
  return JSON.parse(atob(token.split('.')[1]!));
}

export function fromBuffer(token: string) {
  const [, body] = token.split('.');
  return JSON.parse(Buffer.from(body!, 'base64url').toString());
}

export function segmentOnly(token: string) {
  return atob(token.split('.')[1]!);
}
