// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through multi-ts/src/auth/tokens.ts.
import jwt from 'jsonwebtoken';
import { validateAccessToken, validateRefreshToken, validateEmailToken } from '@/auth/tokens';

export function bearer(header: string) {
  return validateAccessToken(header.slice(7));
}

export function refresh(token: string) {
  return validateRefreshToken(token);
}

export async function confirmEmailChange(link: string) {
  const claims = await validateEmailToken(link);
  return claims;
}

export function license(key: string) {
  // TODO(jwt-ssot): Verifies with LICENSE_SECRET; none of validateAccessToken (JWT_SECRET), validateRefreshToken (JWT_REFRESH_SECRET), validateEmailToken (EMAIL_SECRET) uses that key; decide which function verifies this token.
  return jwt.verify(key, process.env.LICENSE_SECRET!);
}

export function partner(token: string) {
  // TODO(jwt-ssot): Options issuer are not what validateAccessToken enforces; move them into the canonical module or keep this call.
  return jwt.verify(token, process.env.JWT_SECRET!, { issuer: 'partner' });
}
