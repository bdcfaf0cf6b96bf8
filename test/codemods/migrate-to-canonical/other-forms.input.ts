import jwt from 'jsonwebtoken';
import { expressjwt } from 'express-jwt';
import { Strategy } from 'passport-jwt';
import { JwtService } from '@nestjs/jwt';

export const checkers = { verify: jwt.verify };

export function dynamic(name: 'verify' | 'decode', token: string) {
  return jwt[name](token, process.env.JWT_SECRET!);
}

export function indirect(token: string) {
  return jwt.verify.call(null, token, process.env.JWT_SECRET!);
}

export const middleware = expressjwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] });

export const strategy = new Strategy({ jwtFromRequest: () => null, secretOrKey: 'x' }, (payload, done) => done(null, payload));

export class Guard {
  constructor(private readonly jwtService: JwtService) {}

  check(token: string) {
    return this.jwtService.verify(token);
  }
}
