import { validateToken as ssotValidateToken } from './auth/jwt-handler';

function validateToken(token: string): boolean {
  return token.length > 0;
}

export function check(token: string) {
  if (!validateToken(token)) throw new Error('empty token');
  return ssotValidateToken(token);
}
