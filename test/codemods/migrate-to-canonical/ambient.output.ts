import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';

const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET! });

app.get('/me', async (request) => {
  // TODO(jwt-ssot): @fastify/jwt `jwtVerify` is a framework decorator; move this verification to validateToken by hand.
  await request.jwtVerify();
  return request.user;
});
