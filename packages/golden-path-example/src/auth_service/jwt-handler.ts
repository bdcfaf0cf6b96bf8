/**
 * THE canonical JWT module (the single source of truth): the only place that knows the signing secret,
 * the pinned algorithm, the issuer and the audience, and the only place that decides whether a token is
 * valid. Everything else should call `validateToken` (or `decodeToken` for display-only reads).
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AuthError } from './errors.js';
import type { User } from './users.js';

export { AuthError } from './errors.js';

export const TOKEN_ISSUER = 'golden-path-auth';
export const TOKEN_AUDIENCE = 'golden-path-chat';
const DEFAULT_TTL_SECONDS = 15 * 60;

/** The one config place for the signing secret. */
function signingSecret(): string {
  return process.env.JWT_SECRET ?? 'golden-path-dev-secret-change-me';
}

export interface Claims {
  readonly sub: string;
  readonly name: string;
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
}

export interface IssueOptions {
  /** Lifetime in seconds (default 15 minutes). */
  readonly ttlSeconds?: number;
  /** Issue "as of" this time: lets tests mint a token that has already expired. */
  readonly now?: Date;
  /** The auth service also issues tokens for other services that share its secret. */
  readonly audience?: string;
}

// Revocation is checked on every validation; in a real service this is a shared store, hence async.
const revoked = new Set<string>();

export function revokeToken(jti: string): void {
  revoked.add(jti);
}

export function issueToken(user: User, options: IssueOptions = {}): string {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return jwt.sign({ name: user.name, iat: issuedAt }, signingSecret(), {
    algorithm: 'HS256',
    subject: user.id,
    issuer: TOKEN_ISSUER,
    audience: options.audience ?? TOKEN_AUDIENCE,
    expiresIn: options.ttlSeconds ?? DEFAULT_TTL_SECONDS,
    jwtid: randomUUID(),
  });
}

/** Verifies signature, algorithm, issuer, audience, expiry and revocation; returns the payload. */
export async function validateToken(token: string): Promise<Claims> {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, signingSecret(), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new AuthError('expired-token', 'The token has expired.');
    throw new AuthError('invalid-token', `The token is not valid: ${(error as Error).message}.`);
  }
  if (!isClaims(payload)) throw new AuthError('malformed-token', 'The token does not carry the expected claims.');
  if (revoked.has(payload.jti)) throw new AuthError('revoked-token', 'The token has been revoked.');
  return payload;
}

/** Reads the claims WITHOUT verifying anything: for display and logging only, never for access decisions. */
export function decodeToken(token: string): Claims | null {
  const payload = jwt.decode(token);
  return isClaims(payload) ? payload : null;
}

/** Issues a fresh token for the subject of claims that have already been validated. */
export function refreshToken(claims: Claims, options: IssueOptions = {}): string {
  return issueToken({ id: claims.sub, name: claims.name }, options);
}

function isClaims(payload: unknown): payload is Claims {
  if (typeof payload !== 'object' || payload === null) return false;
  const claims = payload as Record<string, unknown>;
  return (
    typeof claims.sub === 'string' &&
    typeof claims.name === 'string' &&
    typeof claims.exp === 'number' &&
    typeof claims.jti === 'string'
  );
}
