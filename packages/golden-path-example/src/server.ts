/**
 * The chat backend: an HTTP API that logs users in and refreshes tokens, and the chat WebSocket on /ws.
 * `startServer({ port: 0 })` listens on an ephemeral loopback port, for tests and the demo.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { AuthError, issueToken, refreshToken } from './auth_service/jwt-handler.js';
import { checkCredentials } from './auth_service/users.js';
import { authenticateRequest, bearerToken } from './auth_integration/auth.js';
import { attachChat } from './websocket_core/chat-socket.js';

export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface RunningServer {
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** URL of the chat WebSocket, e.g. ws://127.0.0.1:41234/ws */
  readonly wsUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (error instanceof AuthError) reply(response, 401, { error: error.reason, message: error.message });
      else if (error instanceof BadRequest) reply(response, 400, { error: 'bad-request', message: error.message });
      else reply(response, 500, { error: 'internal', message: 'Internal error.' });
    });
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  attachChat(wss);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

  return {
    url: `http://${authority}`,
    wsUrl: `ws://${authority}/ws`,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class BadRequest extends Error {}

async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (request.method === 'GET' && pathname === '/health') return reply(response, 200, { ok: true });

  if (request.method === 'POST' && pathname === '/api/login') {
    const body = await readJson(request);
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const user = checkCredentials(username, password);
    if (!user) throw new AuthError('bad-credentials', 'Unknown user or wrong password.');
    return reply(response, 200, { token: issueToken(user), user });
  }

  if (request.method === 'POST' && pathname === '/api/refresh') {
    const claims = await authenticateRequest(bearerToken(request.headers.authorization), { consume: true });
    return reply(response, 200, { token: refreshToken(claims) });
  }

  if (request.method === 'GET' && pathname === '/api/me') {
    const claims = await authenticateRequest(bearerToken(request.headers.authorization));
    return reply(response, 200, { id: claims.sub, name: claims.name });
  }

  reply(response, 404, { error: 'not-found' });
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('The request body is too large.');
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw new BadRequest('Expected a JSON object.');
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
