import * as jwt from "jsonwebtoken"

const SECRET = process.env.JWT_SECRET

export async function handler(token: string) {
  const claims = jwt.verify(token, SECRET!)
  const subject = jwt.verify(token, SECRET!).sub
  const again = await jwt.verify(token, SECRET!)
  return { claims, subject, again }
}

export function syncCaller(token: string) {
  return jwt.verify(token, SECRET!)
}

export const inCallback = async (tokens: string[]) =>
  tokens.map((token) => jwt.verify(token, SECRET!))
