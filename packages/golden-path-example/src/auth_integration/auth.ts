/**
 * HTTP request authentication. DUPLICATE VALIDATOR #3: it verifies with jsonwebtoken directly and checks
 * only the signature, algorithm and expiry, not the issuer or the audience the canonical validator pins,
 * so a token the auth service issued for another service is accepted here (and can be refreshed into a
 * chat token). Its token-reuse tracking is a real policy and stays after the migration.
 */
import jwt from 'jsonwebtoken';
import { AuthError, type Claims } from '../auth_service/jwt-handler.js';

// Token-reuse tracking: a token may be exchanged (refreshed) once; a replay of the same token is refused.
const exchanged = new Map<string, number>();

export interface AuthenticateOptions {
  /** Marks the token as exchanged: used by the refresh endpoint. */
  readonly consume?: boolean;
}

export async function authenticateRequest(token: string | undefined, options: AuthenticateOptions = {}): Promise<Claims> {
  if (!token) throw new AuthError('missing-token', 'The request has no bearer token.');
  let payload;
  try {
    payload = jwt.verify(token, process.env.JWT_SECRET ?? 'golden-path-dev-secret-change-me', { algorithms: ['HS256'] });
  } catch (error) {
    throw new AuthError('invalid-token', `The token was rejected: ${(error as Error).message}.`);
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') {
    throw new AuthError('malformed-token', 'The token does not carry the expected claims.');
  }
  const claims = payload as Claims;
  if (exchanged.has(claims.jti)) {
    throw new AuthError('token-reused', 'This token has already been exchanged for a new one.');
  }
  if (options.consume) exchanged.set(claims.jti, Date.now());
  return claims;
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
