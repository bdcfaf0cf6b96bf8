import { Hono } from 'hono';
import { decode, jwt, verify } from 'hono/jwt';

export const app = new Hono();
app.use('/api/*', jwt({ secret: process.env.JWT_SECRET!, alg: 'HS256' }));

export async function subject(token: string) {
  const payload = await verify(token, process.env.JWT_SECRET!, 'HS256');
  return payload.sub;
}

export async function issuer(token: string) {
  const payload = await verify(token, process.env.JWT_SECRET!, { alg: 'HS256', iss: 'https://issuer.example' });
  return payload.iss;
}

export async function peek(token: string) {
  const { payload } = decode(token);
  return payload.sub ?? decode(token).payload.iss;
}

export function header(token: string) {
  return decode(token).header.alg;
}
