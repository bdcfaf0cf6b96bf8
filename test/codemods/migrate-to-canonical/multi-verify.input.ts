import jwt from 'jsonwebtoken';

export function bearer(header: string) {
  return jwt.verify(header.slice(7), process.env.JWT_SECRET!, { algorithms: ['HS256'] });
}

export function refresh(token: string) {
  return jwt.verify(token, process.env.JWT_REFRESH_SECRET!);
}

export async function confirmEmailChange(link: string) {
  const claims = jwt.verify(link, process.env.EMAIL_SECRET!, { audience: 'email-change' });
  return claims;
}

export function license(key: string) {
  return jwt.verify(key, process.env.LICENSE_SECRET!);
}

export function partner(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET!, { issuer: 'partner' });
}
