// TODO(jwt-ssot): @fastify/jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import fastifyJwt from '@fastify/jwt';
import Fastify from 'fastify';
import Koa from 'koa';
// TODO(jwt-ssot): koa-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import koaJwt from 'koa-jwt';

const fastify = Fastify();
// TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
fastify.register(fastifyJwt, { secret: process.env.JWT_SECRET! });
fastify.get('/me', async (request) => {
  // TODO(jwt-ssot): @fastify/jwt request.jwtVerify(): call validateToken on the bearer token instead (or in an onRequest hook).
  await request.jwtVerify();
  return request.user;
});

const koa = new Koa();
// TODO(jwt-ssot): koa-jwt middleware: replace it with a middleware that calls validateToken and sets ctx.state.user.
koa.use(koaJwt({ secret: process.env.JWT_SECRET! }));

export { fastify, koa };
