import { validateToken, decodeToken } from './auth/jwt-handler';

export async function session(token: string): Promise<unknown> {
  const verified = await validateToken(token);
  return verified.sid;
}

export function subjectLater(token: string): Promise<string | undefined> {
  return validateToken(token).then((payload) => payload.sub);
}

export function issuer(token: string) {
  return decodeToken(token).iss;
}
