// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jsonwebtoken';

export function legacy(token: string, cb: (err: unknown) => void) {
  // TODO(jwt-ssot): Callback form of jsonwebtoken `verify`; rewrite the callback to use the result of validateToken.
  jwt.verify(token, process.env.JWT_SECRET!, cb);
}
