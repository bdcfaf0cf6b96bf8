import jwt from 'jsonwebtoken';
import { routes } from './routes.js';

export async function guard(request) {
  const token = request.headers.get('authorization')?.slice(7) ?? '';
  const claims = jwt.verify(token, process.env.JWT_SECRET);
  return routes(claims);
}
