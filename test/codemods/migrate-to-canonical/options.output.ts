// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jsonwebtoken';
import { validateToken } from './auth/jwt-handler';

// TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
const secret = process.env.JWT_SECRET!;

export function pinned(token: string) {
  return validateToken(token);
}

export function lenient(token: string) {
  // TODO(jwt-ssot): Options ignoreExpiration are not what validateToken enforces; move them into the canonical module or keep this call.
  return jwt.verify(token, secret, { algorithms: ['HS256'], ignoreExpiration: true });
}

export function complete(token: string) {
  // TODO(jwt-ssot): Options complete are not what validateToken enforces; move them into the canonical module or keep this call.
  return jwt.verify(token, secret, { complete: true });
}

export function spread(token: string, extra: object) {
  // TODO(jwt-ssot): Spread options cannot be checked against validateToken; rewrite by hand.
  return jwt.verify(token, secret, { ...extra });
}
