import { decodeToken, validateToken } from './auth/jwt-handler';
import { sessionTtl } from './auth';

export function refresh(token: string) {
  const preview = decodeToken(token);
  const claims = validateToken(token);
  return { preview, claims, ttl: sessionTtl };
}
