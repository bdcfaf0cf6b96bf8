// jwt-decode v3: the decoder is the default export, conventionally named jwt_decode.
import jwt_decode from 'jwt-decode';
import { decodeToken } from './auth/jwt-handler';

interface Profile {
  name: string;
  exp: number;
}

export function profile(token: string): Profile {
  return decodeToken(token) as Profile;
}

export function header(token: string) {
  // TODO(jwt-ssot): jwt-decode `jwt-decode` with options ({ header: true }) that decodeToken cannot express; rewrite by hand.
  return jwt_decode(token, { header: true });
}
