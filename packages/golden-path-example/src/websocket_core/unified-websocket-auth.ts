/**
 * "The single source of truth for WebSocket authentication", re-checked before every agent run so a
 * token that expires mid-session stops the session. DUPLICATE VALIDATOR #2: it verifies with jose and its
 * own secret lookup (WS_JWT_SECRET, with its own dev default) instead of the canonical validator, so it
 * rejects every token the auth service issues; and its own error handling turns every jose error into a
 * generic internal error, which the socket reports as 1011 instead of a policy close.
 */
import { jwtVerify } from 'jose';
import { AuthError, type Claims } from '../auth_service/jwt-handler.js';

function webSocketKey(): Uint8Array {
  return new TextEncoder().encode(process.env.WS_JWT_SECRET ?? 'websocket-dev-secret');
}

export async function authenticateWebSocket(token: string): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, webSocketKey());
    if (typeof payload.sub !== 'string') throw new AuthError('malformed-token', 'The token has no subject.');
    return payload as unknown as Claims;
  } catch (error) {
    // Our own auth errors are policy decisions; anything else is reported as an internal failure.
    if (error instanceof AuthError) throw error;
    throw new Error(`WebSocket authentication failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
