import { decodeToken } from './auth/jwt-handler';
import { verify } from 'jsonwebtoken';
import { sessionTtl } from './auth/internal/session';

export function refresh(token: string) {
  const preview = decodeToken(token);
  const claims = verify(token, process.env.JWT_SECRET!);
  return { preview, claims, ttl: sessionTtl };
}
