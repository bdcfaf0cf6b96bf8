/**
 * The chat WebSocket: the handshake builds a user context, then every chat message is re-authenticated
 * and answered by the stub agent. Close codes: 4401 when a token is refused (a policy decision), 1008
 * for a malformed message, 1011 for an internal error (what users of the unmigrated stack see).
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { agentReply } from '../agent/stub-agent.js';
import { AuthError } from '../auth_service/jwt-handler.js';
import { bearerToken } from '../auth_integration/auth.js';
import { authenticateWebSocket } from './unified-websocket-auth.js';
import { extractUserContext, type UserContext } from './user-context-extractor.js';

export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_POLICY = 1008;
export const CLOSE_INTERNAL = 1011;

export type ServerMessage =
  | { readonly type: 'welcome'; readonly user: { readonly id: string; readonly name: string }; readonly expiresAt?: number }
  | { readonly type: 'agent_reply'; readonly text: string };

export function attachChat(wss: WebSocketServer): void {
  wss.on('connection', (socket, request) => handleConnection(socket, request));
}

function handleConnection(socket: WebSocket, request: IncomingMessage): void {
  const token = bearerToken(request.headers.authorization) ?? queryToken(request);
  const ready = extractUserContext(token).then(
    (context) => {
      send(socket, { type: 'welcome', user: { id: context.userId, name: context.name }, expiresAt: context.expiresAt });
      return context;
    },
    (error: unknown) => {
      closeFor(socket, error);
      return undefined;
    },
  );
  // One message at a time per socket, in arrival order, and only after the handshake settled.
  let queue: Promise<unknown> = ready;
  socket.on('message', (data) => {
    queue = queue
      .then(async () => {
        const context = await ready;
        if (context && socket.readyState === socket.OPEN) await handleMessage(socket, context, data.toString());
      })
      .catch((error: unknown) => closeFor(socket, error));
  });
}

async function handleMessage(socket: WebSocket, context: UserContext, raw: string): Promise<void> {
  const text = chatText(raw);
  if (text === undefined) {
    socket.close(CLOSE_POLICY, 'Expected {"type":"chat","text":"…"}.');
    return;
  }
  try {
    const claims = await authenticateWebSocket(context.token);
    if (claims.sub !== context.userId) throw new AuthError('invalid-token', 'The token changed subject mid-session.');
    send(socket, { type: 'agent_reply', text: agentReply(context.name, text) });
  } catch (error) {
    closeFor(socket, error);
  }
}

function closeFor(socket: WebSocket, error: unknown): void {
  if (error instanceof AuthError) {
    socket.close(CLOSE_UNAUTHORIZED, closeReason(`Unauthorized (${error.reason}).`));
  } else {
    socket.close(CLOSE_INTERNAL, closeReason(`Internal error: ${error instanceof Error ? error.message : String(error)}`));
  }
}

function chatText(raw: string): string | undefined {
  try {
    const message: unknown = JSON.parse(raw);
    if (typeof message !== 'object' || message === null) return undefined;
    const { type, text } = message as { type?: unknown; text?: unknown };
    return type === 'chat' && typeof text === 'string' && text.trim() ? text : undefined;
  } catch {
    return undefined;
  }
}

// Browsers cannot set headers on a WebSocket, so the token may also come as ?token=.
function queryToken(request: IncomingMessage): string | undefined {
  return new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

// The WebSocket protocol limits a close reason to 123 bytes.
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : `${bytes.subarray(0, 119).toString().replace(/\uFFFD+$/, '')}...`;
}
