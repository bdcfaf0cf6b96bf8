import jwt from 'jsonwebtoken';

function claimsOf(token: string) {
  return jwt.decode(token);
}

export function session(token: string) {
  try {
    return jwt.verify(token, process.env.JWT_SECRET!);
  } catch {
    return claimsOf(token);
  }
}

export function inline(token: string) {
  try {
    return jwt.verify(token, process.env.JWT_SECRET!);
  } catch {
    return jwt.decode(token);
  }
}
