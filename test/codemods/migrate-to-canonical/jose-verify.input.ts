import { jwtVerify, createRemoteJWKSet } from 'jose';

interface Claims {
  sub: string;
  role: 'admin' | 'user';
}

const key = new TextEncoder().encode(process.env.JWT_SECRET);
const jwks = createRemoteJWKSet(new URL('https://issuer.example/.well-known/jwks.json'));

export async function claims(token: string): Promise<Claims> {
  const { payload } = await jwtVerify<Claims>(token, key);
  return payload;
}

export async function role(token: string) {
  return (await jwtVerify(token, key, { algorithms: ['HS256'] })).payload.role;
}

export async function withHeader(token: string) {
  const { payload, protectedHeader } = await jwtVerify(token, key);
  return { payload, protectedHeader };
}

export async function whole(token: string) {
  const result = await jwtVerify(token, key);
  return result;
}

export function pending(token: string) {
  return jwtVerify(token, key).then((result) => result.payload);
}

export async function remote(token: string) {
  const { payload } = await jwtVerify(token, jwks);
  return payload;
}
