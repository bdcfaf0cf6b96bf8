// Sessions: the API checks the bearer token on every request.
import jwt, { JwtPayload } from 'jsonwebtoken';

export function currentUser(header: string): JwtPayload {
  const token = header.replace(/^Bearer /, '');
  const claims = jwt.verify(token, process.env.JWT_SECRET!) as JwtPayload;
  return claims;
}

export const userId = (token: string): string => (<JwtPayload>jwt.verify(token, process.env.JWT_SECRET as string)).sub!;

export function issue(sub: string): string {
  return jwt.sign({ sub }, process.env.JWT_SECRET!, { expiresIn: '1h' });
}
