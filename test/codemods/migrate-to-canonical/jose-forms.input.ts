import { decodeJwt, jwtVerify } from 'jose';

const key = () => new TextEncoder().encode(process.env.JWT_SECRET!);

export async function session(token: string): Promise<unknown> {
  const verified = await jwtVerify(token, key());
  return verified.payload.sid;
}

export function subjectLater(token: string): Promise<string | undefined> {
  return jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET!)).then(({ payload }) => payload.sub);
}

export function issuer(token: string) {
  return decodeJwt(token).iss;
}
