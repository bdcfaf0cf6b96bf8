// TODO(jwt-ssot): @tsndr/cloudflare-worker-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from '@tsndr/cloudflare-worker-jwt';
import { decodeToken } from './auth/jwt-handler';

export async function subject(token: string) {
  // TODO(jwt-ssot): @tsndr/cloudflare-worker-jwt `verify` is not a drop-in for validateToken: its verify resolves to `undefined` (v2: `false`) for a bad token where validateToken throws, and to `{ header, payload }` (v3) rather than the payload; check how the result is used.
  const verified = await jwt.verify(token, process.env.JWT_SECRET!, 'HS256');
  return verified?.payload.sub;
}

export function peek(token: string) {
  const payload = decodeToken(token);
  return payload.sub;
}
