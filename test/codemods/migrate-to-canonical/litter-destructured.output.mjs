// A verify function destructured from the library's default export: once the call is rewritten, the
// destructuring and the import it read from go too.
import { validateToken } from './auth/jwt-handler.js';

export function userId(token) {
  return validateToken(token).sub;
}
