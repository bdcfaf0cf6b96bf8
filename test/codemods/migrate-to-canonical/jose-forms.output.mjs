// TODO(jwt-ssot): jose stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { jwtVerify } from 'jose';
import { validateToken } from './auth/jwt-handler.js';

export async function subject(token) {
  const result = await validateToken(token);
  console.log(result.iat);
  return result.sub;
}

export function subjectLater(token) {
  return validateToken(token).then((payload) => payload.sub);
}

export async function header(token) {
  // TODO(jwt-ssot): The jose `jwtVerify` result `verified` is used for more than its `payload`; rewrite by hand with validateToken.
  const verified = await jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));
  return verified.protectedHeader.alg;
}
