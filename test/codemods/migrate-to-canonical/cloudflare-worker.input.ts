import jwt from '@tsndr/cloudflare-worker-jwt';

export async function subject(token: string) {
  const verified = await jwt.verify(token, process.env.JWT_SECRET!, 'HS256');
  return verified?.payload.sub;
}

export function peek(token: string) {
  const { payload } = jwt.decode(token);
  return payload.sub;
}
