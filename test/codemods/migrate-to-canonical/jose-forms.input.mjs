import { jwtVerify } from 'jose';

export async function subject(token) {
  const result = await jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));
  console.log(result.payload.iat);
  return result.payload.sub;
}

export function subjectLater(token) {
  return jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET)).then(({ payload }) => payload.sub);
}

export async function header(token) {
  const verified = await jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));
  return verified.protectedHeader.alg;
}
