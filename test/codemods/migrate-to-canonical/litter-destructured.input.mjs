// A verify function destructured from the library's default export: once the call is rewritten, the
// destructuring and the import it read from go too.
import jwt from 'jsonwebtoken';

const { verify } = jwt;

export function userId(token) {
  return verify(token, process.env.JWT_SECRET).sub;
}
