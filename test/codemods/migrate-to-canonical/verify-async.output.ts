import * as jwt from "jsonwebtoken"
import { validateToken } from "./auth/jwt-handler"

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
