import jwt from 'jsonwebtoken';

const secret = process.env.JWT_SECRET!;

export function pinned(token: string) {
  return jwt.verify(token, secret, { algorithms: ['HS256'] });
}

export function lenient(token: string) {
  return jwt.verify(token, secret, { algorithms: ['HS256'], ignoreExpiration: true });
}

export function complete(token: string) {
  return jwt.verify(token, secret, { complete: true });
}

export function spread(token: string, extra: object) {
  return jwt.verify(token, secret, { ...extra });
}
