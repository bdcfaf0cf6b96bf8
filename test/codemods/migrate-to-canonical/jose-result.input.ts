import * as jose from 'jose';

export async function subject(token: string) {
  const { payload } = await jose.jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));
  return payload.sub;
}
