import fastifyJwt from '@fastify/jwt';
import Fastify from 'fastify';
import Koa from 'koa';
import koaJwt from 'koa-jwt';

const fastify = Fastify();
fastify.register(fastifyJwt, { secret: process.env.JWT_SECRET! });
fastify.get('/me', async (request) => {
  await request.jwtVerify();
  return request.user;
});

const koa = new Koa();
koa.use(koaJwt({ secret: process.env.JWT_SECRET! }));

export { fastify, koa };
