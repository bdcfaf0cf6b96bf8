import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';

const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET! });

app.get('/me', async (request) => {
  // TODO(jwt-ssot): @fastify/jwt request.jwtVerify(): call validateToken on the bearer token instead (or in an onRequest hook).
  await request.jwtVerify();
  return request.user;
});
