/**
 * The golden path as a scenario any caller can run: the vitest suite, and the demo script. It starts the
 * example's server (from any source directory: the unmigrated src, or a migrated copy) on an ephemeral
 * loopback port, drives it with a real HTTP client and a real `ws` client, and reports each step.
 * No vitest imports here, on purpose.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';

/** The example's own (unmigrated) source. */
export const DEFAULT_SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Close codes that mean "refused by policy"; 1011 (internal error) never counts. */
export const POLICY_CLOSE_CODES: readonly number[] = [1008, 4401];

export const STEPS = {
  login: 'login issues a token',
  chat: 'a freshly logged-in user connects, chats and receives the AI reply',
  expired: 'an expired token is refused with a policy close code',
  forged: 'forged tokens (attacker key, alg none) are refused with a policy close code',
  missing: 'a missing token is refused with a policy close code',
  otherAudience: 'a token issued for another service is refused (refresh and WebSocket)',
  refresh: 'after a token refresh the user reconnects and chats again',
  replay: 'a replayed refresh is refused',
} as const;

export type StepName = (typeof STEPS)[keyof typeof STEPS];

export interface ScenarioStep {
  readonly name: StepName;
  readonly ok: boolean;
  /** One line a reader understands: what happened. */
  readonly detail: string;
  /** The server's close code, when the step's verdict rests on a WebSocket. */
  readonly closeCode?: number;
  /** True when a token that had to be refused was accepted (a session opened, or HTTP 200). */
  readonly accepted?: boolean;
}

export interface ScenarioResult {
  readonly srcDir: string;
  readonly ok: boolean;
  readonly steps: readonly ScenarioStep[];
}

export interface ScenarioOptions {
  /** Upper bound for any single network wait (default 5000 ms); a safety net, not an assertion. */
  readonly timeoutMs?: number;
}

interface User {
  readonly id: string;
  readonly name: string;
}

/** The parts of the example the scenario uses; the same in the unmigrated and the migrated source. */
interface Example {
  startServer(options: { port?: number; host?: string }): Promise<{ url: string; wsUrl: string; close(): Promise<void> }>;
  issueToken(user: User, options?: { ttlSeconds?: number; now?: Date; audience?: string }): string;
  agentReply(userName: string, message: string): string;
  TOKEN_ISSUER: string;
  TOKEN_AUDIENCE: string;
}

const ALICE = { username: 'alice', password: 'wonderland' };

export async function runGoldenPathScenario(srcDir: string = DEFAULT_SRC, options: ScenarioOptions = {}): Promise<ScenarioResult> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const example = await loadExample(path.resolve(srcDir));
  const server = await example.startServer({ port: 0, host: '127.0.0.1' });
  const steps: ScenarioStep[] = [];
  const client = new Client(server.url, server.wsUrl, timeoutMs);
  const run = async (name: StepName, body: () => Promise<Omit<ScenarioStep, 'name'>>): Promise<void> => {
    try {
      steps.push({ name, ...(await body()) });
    } catch (error) {
      steps.push({ name, ok: false, detail: `error: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  try {
    await run(STEPS.login, async () => {
      const { status, body } = await client.post('/api/login', ALICE);
      const ok = status === 200 && typeof body.token === 'string';
      return { ok, detail: ok ? 'POST /api/login → 200 with a token' : `POST /api/login → ${status} ${JSON.stringify(body)}` };
    });

    await run(STEPS.chat, async () => {
      const token = await client.login(ALICE);
      const message = 'What is on my calendar today?';
      const outcome = await client.converse(token, [message]);
      const expected = example.agentReply('Alice', message);
      const ok = outcome.welcomed !== undefined && outcome.replies.length === 1 && outcome.replies[0] === expected;
      return {
        ok,
        closeCode: outcome.closeCode,
        detail: ok ? `welcome as ${outcome.welcomed?.name}, then the reply ${JSON.stringify(expected)}` : describeOutcome(outcome),
      };
    });

    const alice: User = { id: 'user-alice', name: 'Alice' };
    await run(STEPS.expired, async () => {
      const expired = example.issueToken(alice, { now: new Date(Date.now() - 60 * 60 * 1000), ttlSeconds: 60 });
      return refusal(await client.converse(expired, []));
    });

    await run(STEPS.forged, async () => {
      const claims = { sub: alice.id, name: alice.name, iss: example.TOKEN_ISSUER, aud: example.TOKEN_AUDIENCE, jti: randomUUID() };
      const attackerKey = jwt.sign(claims, 'a-key-the-attacker-chose', { algorithm: 'HS256', expiresIn: 600 });
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iat: now, exp: now + 600 })}.`;
      const results = [
        { label: 'attacker key', step: refusal(await client.converse(attackerKey, [])) },
        { label: 'alg none', step: refusal(await client.converse(unsigned, [])) },
      ];
      const failed = results.find((result) => !result.step.ok);
      return failed
        ? { ...failed.step, detail: `${failed.label}: ${failed.step.detail}` }
        : { ok: true, closeCode: results[0]!.step.closeCode, detail: results.map((r) => `${r.label}: ${r.step.detail}`).join('; ') };
    });

    await run(STEPS.missing, async () => refusal(await client.converse(undefined, [])));

    await run(STEPS.otherAudience, async () => {
      const foreign = example.issueToken(alice, { audience: 'golden-path-admin-console' });
      const refresh = await client.post('/api/refresh', undefined, foreign);
      if (refresh.status === 200) {
        return { ok: false, accepted: true, detail: 'POST /api/refresh exchanged it for a chat token (200)' };
      }
      const socket = refusal(await client.converse(foreign, []));
      return socket.ok ? { ...socket, detail: `POST /api/refresh → ${refresh.status}; WebSocket ${socket.detail}` } : socket;
    });

    await run(STEPS.refresh, async () => {
      const first = await client.login(ALICE);
      const before = await client.converse(first, ['Hello before the refresh.']);
      if (before.replies.length !== 1) return { ok: false, closeCode: before.closeCode, detail: `first session: ${describeOutcome(before)}` };
      const { status, body } = await client.post('/api/refresh', undefined, first);
      if (status !== 200 || typeof body.token !== 'string') {
        return { ok: false, detail: `POST /api/refresh → ${status} ${JSON.stringify(body)}` };
      }
      const message = 'Still there after the refresh?';
      const after = await client.converse(body.token, [message]);
      const ok = after.replies.length === 1 && after.replies[0] === example.agentReply('Alice', message);
      return {
        ok,
        closeCode: after.closeCode,
        detail: ok ? 'chat, refresh, reconnect with the new token → welcome and reply' : `after the refresh: ${describeOutcome(after)}`,
      };
    });

    await run(STEPS.replay, async () => {
      const token = await client.login(ALICE);
      const first = await client.post('/api/refresh', undefined, token);
      const second = await client.post('/api/refresh', undefined, token);
      const ok = first.status === 200 && second.status === 401;
      return {
        ok,
        accepted: second.status === 200,
        detail: `first refresh → ${first.status}, replay → ${second.status} ${typeof second.body.error === 'string' ? second.body.error : ''}`.trim(),
      };
    });
  } finally {
    await server.close();
  }
  return { srcDir: path.resolve(srcDir), ok: steps.every((step) => step.ok), steps };
}

/** Loads the example from a source directory: `.ts` under vitest, `.js` for a compiled copy. */
async function loadExample(srcDir: string): Promise<Example> {
  const load = async (relative: string): Promise<Record<string, unknown>> => {
    const candidates = [`${relative}.js`, `${relative}.ts`].map((file) => path.join(srcDir, file));
    const file = candidates.find((candidate) => existsSync(candidate));
    if (!file) throw new Error(`The golden-path example is missing ${relative}.ts (or .js) in ${srcDir}.`);
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  };
  const [server, handler, agent] = await Promise.all([load('server'), load('auth_service/jwt-handler'), load('agent/stub-agent')]);
  return { ...server, ...handler, ...agent } as unknown as Example;
}

interface SocketOutcome {
  /** The session's user, when the server opened a session (sent its welcome). */
  welcomed?: { id: string; name: string };
  replies: string[];
  /** The close code the server sent (1000 when the client closed after its conversation). */
  closeCode?: number;
  closeReason?: string;
  timedOut: boolean;
  error?: string;
}

function refusal(outcome: SocketOutcome): Omit<ScenarioStep, 'name'> {
  if (outcome.welcomed) {
    return {
      ok: false,
      accepted: true,
      detail: `accepted: the server opened a session for ${outcome.welcomed.id}`,
    };
  }
  const ok = outcome.closeCode !== undefined && POLICY_CLOSE_CODES.includes(outcome.closeCode);
  return { ok, accepted: false, closeCode: outcome.closeCode, detail: describeOutcome(outcome) };
}

function describeOutcome(outcome: SocketOutcome): string {
  const parts: string[] = [];
  if (outcome.welcomed) parts.push(`welcome as ${outcome.welcomed.name}`);
  if (outcome.replies.length) parts.push(`${outcome.replies.length} repl${outcome.replies.length === 1 ? 'y' : 'ies'}`);
  if (outcome.timedOut) parts.push('no answer before the time limit');
  else if (outcome.closeCode !== undefined) {
    parts.push(`closed with ${outcome.closeCode}${outcome.closeReason ? ` (${outcome.closeReason})` : ''}`);
  }
  if (outcome.error) parts.push(`client error: ${outcome.error}`);
  return parts.join(', ') || 'nothing happened';
}

function parseMessage(raw: string): { type?: string; user?: { id: string; name: string }; text?: string } {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

class Client {
  constructor(
    private readonly url: string,
    private readonly wsUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async post(pathname: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed };
  }

  async login(credentials: typeof ALICE): Promise<string> {
    const { status, body } = await this.post('/api/login', credentials);
    if (status !== 200 || typeof body.token !== 'string') throw new Error(`login failed: ${status} ${JSON.stringify(body)}`);
    return body.token;
  }

  /**
   * Opens the chat socket with `token`, waits for the welcome, sends each message after the previous
   * reply, then closes normally. Resolves when the socket is closed, by either side.
   */
  converse(token: string | undefined, messages: readonly string[]): Promise<SocketOutcome> {
    return new Promise((resolve) => {
      const outcome: SocketOutcome = { replies: [], timedOut: false };
      const socket = new WebSocket(this.wsUrl, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      const pending = [...messages];
      const timer = setTimeout(() => {
        outcome.timedOut = true;
        socket.terminate();
      }, this.timeoutMs);
      const next = (): void => {
        const message = pending.shift();
        if (message === undefined) socket.close(1000, 'Done.');
        else socket.send(JSON.stringify({ type: 'chat', text: message }));
      };
      socket.on('message', (data) => {
        const message = parseMessage(data.toString());
        if (message.type === 'welcome' && message.user) {
          outcome.welcomed = message.user;
          next();
        } else if (message.type === 'agent_reply' && typeof message.text === 'string') {
          outcome.replies.push(message.text);
          next();
        }
      });
      socket.on('error', (error) => {
        outcome.error = error.message;
      });
      socket.on('close', (code, reason) => {
        clearTimeout(timer);
        if (!outcome.timedOut) {
          outcome.closeCode = code;
          outcome.closeReason = reason.toString();
        }
        resolve(outcome);
      });
    });
  }
}
