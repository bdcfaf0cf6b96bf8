import fastifyJwt from '@fastify/jwt';
import Fastify from 'fastify';
import Koa from 'koa';
import koaJwt from 'koa-jwt';

const fastify = Fastify();
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
