import jwt from 'jwt-simple';

export function subject(token: string): string {
  return jwt.decode(token, process.env.JWT_SECRET!, false, 'HS256').sub;
}

export function peek(token: string) {
  return jwt.decode(token, '', true);
}

export function legacy(token: string) {
  return jwt.decode(token, process.env.LEGACY_SECRET!);
}
