import { verify } from 'jsonwebtoken';
import type { Request, Response, NextFunction } from 'express';

export function authenticate(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization ?? '';
  verify(token, process.env.JWT_SECRET!, (err, decoded) => {
    if (err) return res.status(401).end();
    res.locals.user = decoded;
    next();
  });
}

export function passOn(token: string, done: (err: unknown, value: unknown) => void) {
  verify(token, process.env.JWT_SECRET!, done);
}
