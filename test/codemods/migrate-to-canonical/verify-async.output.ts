// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import * as jwt from "jsonwebtoken"
import { validateToken } from "./auth/jwt-handler"

// TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
const SECRET = process.env.JWT_SECRET

export async function handler(token: string) {
  const claims = await validateToken(token)
  const subject = (await validateToken(token)).sub
  const again = await validateToken(token)
  return { claims, subject, again }
}

export function syncCaller(token: string) {
  // TODO(jwt-ssot): validateToken is async but this caller is not; make the caller async, then await validateToken.
  return jwt.verify(token, SECRET!)
}

// TODO(jwt-ssot): validateToken is async but this caller is not; make the caller async, then await validateToken.
export const inCallback = async (tokens: string[]) =>
  tokens.map((token) => jwt.verify(token, SECRET!))
