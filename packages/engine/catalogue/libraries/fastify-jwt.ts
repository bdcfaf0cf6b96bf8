/** @fastify/jwt (formerly fastify-jwt): a plugin whose decorators verify, decode and sign. */
import type { LibraryEntry } from '../shape.js';

/** What a route file calls the request (`request.jwtVerify()`) and the instance (`app.jwt.verify()`). */
const request = { receivers: ['request', 'req'], receiverTypes: ['FastifyRequest'] };
const instance = { receivers: ['fastify', 'app', 'server', 'instance', 'this'], receiverTypes: ['FastifyInstance'] };

const entry: LibraryEntry = {
  name: '@fastify/jwt',
  modules: ['@fastify/jwt', 'fastify-jwt'],
  namespace: {},
  ambient: [
    { path: ['jwtVerify'], kind: 'verify', suffix: true, ...request, followUp: '@fastify/jwt request.jwtVerify(): call {{name}} on the bearer token instead (or in an onRequest hook)' },
    { path: ['jwtDecode'], kind: 'decode', suffix: true, ...request, followUp: '@fastify/jwt request.jwtDecode(): call {{name}} on the bearer token instead' },
    { path: ['jwtSign'], kind: 'sign', suffix: true, receivers: ['reply', 'res'], receiverTypes: ['FastifyReply'] },
    { path: ['jwt', 'verify'], kind: 'verify', ...instance, followUp: '@fastify/jwt app.jwt.verify verifies with the key the plugin registered; call {{name}} instead' },
    { path: ['jwt', 'decode'], kind: 'decode', ...instance, followUp: '@fastify/jwt app.jwt.decode: call {{name}} instead' },
    { path: ['jwt', 'sign'], kind: 'sign', ...instance },
  ],
};

export default entry;
