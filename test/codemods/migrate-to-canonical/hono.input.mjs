// hono/jwt is ESM (Workers, Bun, Deno): there is no CommonJS pair.
import { Hono } from 'hono';
import { decode, verify } from 'hono/jwt';

export const app = new Hono();

app.get('/me', async (c) => {
  const token = c.req.header('authorization')?.slice(7) ?? '';
  const payload = await verify(token, process.env.JWT_SECRET, 'HS256');
  return c.json({ sub: payload.sub });
});

export function peek(token) {
  return decode(token).payload.sub;
}

export async function legacy(token) {
  return verify(token, process.env.LEGACY_SECRET, 'HS256');
}
