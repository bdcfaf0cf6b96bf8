/**
 * Builds the user context of a WebSocket session from the handshake's token. DUPLICATE VALIDATOR #1:
 * besides asking the auth service client, it validates the token again on its own (validateLocally),
 * with its own secret lookup and no issuer or audience check, and with a fallback (see its catch block).
 */
import jwt from 'jsonwebtoken';
import { AuthError, decodeToken, type Claims } from '../auth_service/jwt-handler.js';
import { AuthServiceClient } from '../auth_integration/auth-service-client.js';

export interface UserContext {
  readonly userId: string;
  readonly name: string;
  /** The raw token, re-checked before each agent run. */
  readonly token: string;
  /** When the token expires (seconds since the epoch), shown to the client. */
  readonly expiresAt: number | undefined;
}

const authClient = new AuthServiceClient();

export async function extractUserContext(token: string | undefined): Promise<UserContext> {
  if (!token) throw new AuthError('missing-token', 'The WebSocket handshake carries no token.');
  const claims = (await validateWithAuthService(token)) ?? (await validateLocally(token));
  return {
    userId: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    token,
    expiresAt: decodeToken(token)?.exp,
  };
}

// Service rejections and outages look alike from here, so both fall through to the local check.
async function validateWithAuthService(token: string): Promise<Claims | undefined> {
  try {
    return await authClient.validate(token);
  } catch {
    return undefined;
  }
}

async function validateLocally(token: string): Promise<Pick<Claims, 'sub' | 'name'>> {
  try {
    const payload = jwt.verify(token, process.env.JWT_SECRET ?? 'golden-path-dev-secret-change-me', { algorithms: ['HS256'] });
    if (typeof payload === 'string' || typeof payload.sub !== 'string') {
      throw new AuthError('malformed-token', 'The token has no subject.');
    }
    return { sub: payload.sub, name: String(payload.name ?? payload.sub) };
  } catch (error) {
    // Resilience fallback added during an auth-service outage: rather than lock a user out, trust the
    // claims the token carries. This is what lets expired and forged tokens open a session.
    const unverified = readClaimsUnverified(token);
    if (unverified) return unverified;
    throw new AuthError('invalid-token', `Token for ${readClaimsUnverified(token)?.sub ?? 'an unknown user'} was rejected: ${describe(error)}.`);
  }
}

/** The subject and name the token claims, unchecked. */
function readClaimsUnverified(token: string): Pick<Claims, 'sub' | 'name'> | undefined {
  const decoded = jwt.decode(token);
  if (decoded === null || typeof decoded === 'string' || typeof decoded.sub !== 'string') return undefined;
  return { sub: decoded.sub, name: String(decoded.name ?? decoded.sub) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
