import { decodeJwt } from 'jose';

export function audience(token: string) {
  return decodeJwt(token).aud;
}

export function parse(token: string) {
  return JSON.parse(atob(token.split('.')[1]!));
}
