/** @auth/core/jwt: the same helpers as next-auth/jwt. */
import type { LibraryEntry } from '../shape.js';
import { authJwt } from './next-auth-jwt.js';

const entry: LibraryEntry = { name: '@auth/core/jwt', modules: ['@auth/core/jwt'], namespace: authJwt };

export default entry;
