import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';

const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET! });

app.get('/me', async (request) => {
  await request.jwtVerify();
  return request.user;
});
