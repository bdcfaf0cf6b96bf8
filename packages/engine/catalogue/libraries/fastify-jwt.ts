/** @fastify/jwt (formerly fastify-jwt): a plugin whose decorators verify, decode and sign. */
import type { LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: '@fastify/jwt',
  modules: ['@fastify/jwt', 'fastify-jwt'],
  namespace: {},
  ambient: [
    { path: ['jwtVerify'], kind: 'verify', suffix: true },
    { path: ['jwtDecode'], kind: 'decode', suffix: true },
    { path: ['jwtSign'], kind: 'sign', suffix: true },
    { path: ['jwt', 'verify'], kind: 'verify' },
    { path: ['jwt', 'decode'], kind: 'decode' },
    { path: ['jwt', 'sign'], kind: 'sign' },
  ],
};

export default entry;
