// TODO(jwt-ssot): jose stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { jwtVerify, createRemoteJWKSet } from 'jose';
import { validateToken } from './auth/jwt-handler';

interface Claims {
  sub: string;
  role: 'admin' | 'user';
}

// TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
const key = new TextEncoder().encode(process.env.JWT_SECRET);
const jwks = createRemoteJWKSet(new URL('https://issuer.example/.well-known/jwks.json'));

export async function claims(token: string): Promise<Claims> {
  const payload = await validateToken(token) as Claims;
  return payload;
}

export async function role(token: string) {
  return (await validateToken(token)).role;
}

export async function withHeader(token: string) {
  // TODO(jwt-ssot): More of the jose `jwtVerify` result than `payload` is used; rewrite by hand with validateToken.
  const { payload, protectedHeader } = await jwtVerify(token, key);
  return { payload, protectedHeader };
}

export async function whole(token: string) {
  // TODO(jwt-ssot): The jose `jwtVerify` result `result` is used for more than its `payload`; rewrite by hand with validateToken.
  const result = await jwtVerify(token, key);
  return result;
}

export function pending(token: string) {
  // TODO(jwt-ssot): The `.then` callback of jose `jwtVerify` takes more than `{ payload }`; rewrite by hand with validateToken.
  return jwtVerify(token, key).then((result) => result.payload);
}

export async function remote(token: string) {
  // TODO(jwt-ssot): Verifies with a key that is not a recognised secret (`jwks`); check that validateToken uses the same key, then call it.
  const { payload } = await jwtVerify(token, jwks);
  return payload;
}
