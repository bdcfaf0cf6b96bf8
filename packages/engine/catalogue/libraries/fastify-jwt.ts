/** @fastify/jwt (formerly fastify-jwt): a plugin whose decorators verify, decode and sign. */
import type { LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: '@fastify/jwt',
  modules: ['@fastify/jwt', 'fastify-jwt'],
  namespace: {},
  ambient: [
    { path: ['jwtVerify'], kind: 'verify', suffix: true, followUp: '@fastify/jwt request.jwtVerify(): call {{name}} on the bearer token instead (or in an onRequest hook)' },
    { path: ['jwtDecode'], kind: 'decode', suffix: true, followUp: '@fastify/jwt request.jwtDecode(): call {{name}} on the bearer token instead' },
    { path: ['jwtSign'], kind: 'sign', suffix: true },
    { path: ['jwt', 'verify'], kind: 'verify', followUp: '@fastify/jwt app.jwt.verify verifies with the key the plugin registered; call {{name}} instead' },
    { path: ['jwt', 'decode'], kind: 'decode', followUp: '@fastify/jwt app.jwt.decode: call {{name}} instead' },
    { path: ['jwt', 'sign'], kind: 'sign' },
  ],
};

export default entry;
