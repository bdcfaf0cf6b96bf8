/**
 * "The single source of truth for WebSocket authentication", re-checked before every agent run so a
 * token that expires mid-session stops the session. DUPLICATE VALIDATOR #2: it verifies with jose and its
 * own secret lookup, which reads JWT_SECRET as base64 (the convention of another service) while the auth
 * service signs with its UTF-8 bytes, so it rejects every token the auth service issues; and its own
 * error handling turns every jose error into a generic internal error, which the socket reports as 1011
 * instead of a policy close.
 */
import { jwtVerify } from 'jose';
import { AuthError, type Claims } from '../auth_service/jwt-handler.js';

export async function authenticateWebSocket(token: string): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, Buffer.from(process.env.JWT_SECRET ?? 'golden-path-dev-secret-change-me', 'base64'));
    if (typeof payload.sub !== 'string') throw new AuthError('malformed-token', 'The token has no subject.');
    return payload as unknown as Claims;
  } catch (error) {
    // Our own auth errors are policy decisions; anything else is reported as an internal failure.
    if (error instanceof AuthError) throw error;
    throw new Error(`WebSocket authentication failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
