import { routes } from './routes.js';
import { validateToken } from './auth/jwt-handler.js';

export async function guard(request) {
  const token = request.headers.get('authorization')?.slice(7) ?? '';
  const claims = await validateToken(token);
  return routes(claims);
}
