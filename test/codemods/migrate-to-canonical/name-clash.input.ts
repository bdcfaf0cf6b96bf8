import jwt from 'jsonwebtoken';

function validateToken(token: string): boolean {
  return token.length > 0;
}

export function check(token: string) {
  if (!validateToken(token)) throw new Error('empty token');
  return jwt.verify(token, process.env.JWT_SECRET!);
}
