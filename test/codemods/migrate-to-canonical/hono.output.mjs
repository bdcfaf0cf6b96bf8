// hono/jwt is ESM (Workers, Bun, Deno): there is no CommonJS pair.
import { Hono } from 'hono';
// TODO(jwt-ssot): hono/jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { verify } from 'hono/jwt';
import { validateToken, decodeToken } from './auth/jwt-handler.js';

export const app = new Hono();

app.get('/me', async (c) => {
  const token = c.req.header('authorization')?.slice(7) ?? '';
  const payload = await validateToken(token);
  return c.json({ sub: payload.sub });
});

export function peek(token) {
  return decodeToken(token).sub;
}

export async function legacy(token) {
  // TODO(jwt-ssot): Verifies with LEGACY_SECRET while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.
  return verify(token, process.env.LEGACY_SECRET, 'HS256');
}
