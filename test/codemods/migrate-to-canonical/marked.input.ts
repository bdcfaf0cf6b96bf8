import jwt from 'jsonwebtoken';

export function legacy(token: string, cb: (err: unknown) => void) {
  // TODO(jwt-ssot): Callback form of jsonwebtoken `verify`; rewrite the callback to use the result of validateToken.
  jwt.verify(token, process.env.JWT_SECRET!, cb);
}
