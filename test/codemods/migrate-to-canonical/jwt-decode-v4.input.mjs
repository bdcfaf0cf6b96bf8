// jwt-decode v4: a named export, jwtDecode.
import { jwtDecode } from 'jwt-decode';

export function expiresAt(token) {
  return new Date(jwtDecode(token).exp * 1000);
}

export function header(token) {
  return jwtDecode(token, { header: true });
}
