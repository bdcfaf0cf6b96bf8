// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { verify } from 'jsonwebtoken';
import type { Request, Response, NextFunction } from 'express';

export function authenticate(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization ?? '';
  // TODO(jwt-ssot): Callback form of jsonwebtoken `verify`; rewrite the callback to use the result of validateToken.
  verify(token, process.env.JWT_SECRET!, (err, decoded) => {
    if (err) return res.status(401).end();
    res.locals.user = decoded;
    next();
  });
}

export function passOn(token: string, done: (err: unknown, value: unknown) => void) {
  // TODO(jwt-ssot): The third argument of jsonwebtoken `verify` may be options or a callback; rewrite by hand with validateToken.
  verify(token, process.env.JWT_SECRET!, done);
}
