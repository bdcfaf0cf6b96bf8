// TODO(jwt-ssot): jose stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { jwtVerify, type JWTPayload } from 'jose';
import { validateToken } from './auth/jwt-handler';

type Session = JWTPayload & { sid: string };

// TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
const secret = new TextEncoder().encode(process.env.JWT_SECRET);

export async function session(token: string) {
  const payload = await validateToken<Session>(token);
  return payload.sid;
}

export async function sessionWith(token: string, key: Uint8Array = secret) {
  // TODO(jwt-ssot): Verifies with a key that is not a recognised secret (`key`); check that validateToken uses the same key, then call it.
  const { payload } = await jwtVerify<Session>(token, key);
  return payload.sid;
}
