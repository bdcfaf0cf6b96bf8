// jwt-decode v3: the decoder is the default export, conventionally named jwt_decode.
import jwt_decode from 'jwt-decode';

export function expiresAt(token) {
  return new Date(jwt_decode(token).exp * 1000);
}

export function header(token) {
  return jwt_decode(token, { header: true });
}
