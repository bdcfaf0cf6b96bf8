import { jwtVerify, type JWTPayload } from 'jose';

type Session = JWTPayload & { sid: string };

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

export async function session(token: string) {
  const { payload } = await jwtVerify<Session>(token, secret);
  return payload.sid;
}

export async function sessionWith(token: string, key: Uint8Array = secret) {
  const { payload } = await jwtVerify<Session>(token, key);
  return payload.sid;
}
