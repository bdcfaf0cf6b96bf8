import { validateToken } from './auth/jwt-handler';

export async function subject(token: string) {
  const payload = (await validateToken(token)).payload;
  return payload.sub;
}
