// jwt-decode v3: the decoder is the default export, conventionally named jwt_decode.
import jwt_decode from 'jwt-decode';

interface Profile {
  name: string;
  exp: number;
}

export function profile(token: string): Profile {
  return jwt_decode<Profile>(token);
}

export function header(token: string) {
  return jwt_decode(token, { header: true });
}
