import jwt from 'jsonwebtoken';
import { expressjwt } from 'express-jwt';
import { Strategy } from 'passport-jwt';
import { JwtService } from '@nestjs/jwt';

// TODO(jwt-ssot): jsonwebtoken `verify` is handed on as a value; move this verification to validateToken by hand.
export const checkers = { verify: jwt.verify };

export function dynamic(name: 'verify' | 'decode', token: string) {
  // TODO(jwt-ssot): jsonwebtoken `jsonwebtoken[…]` is a computed member; move this verification to validateToken by hand.
  return jwt[name](token, process.env.JWT_SECRET!);
}

export function indirect(token: string) {
  // TODO(jwt-ssot): jsonwebtoken `verify` is called through call/apply; move this verification to validateToken by hand.
  return jwt.verify.call(null, token, process.env.JWT_SECRET!);
}

// TODO(jwt-ssot): express-jwt `expressjwt` (middleware) has no automatic rewrite; verify with validateToken instead.
export const middleware = expressjwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] });

// TODO(jwt-ssot): passport-jwt `Strategy` (strategy) is constructed with new; move this verification to validateToken by hand.
export const strategy = new Strategy({ jwtFromRequest: () => null, secretOrKey: 'x' }, (payload, done) => done(null, payload));

export class Guard {
  constructor(private readonly jwtService: JwtService) {}

  check(token: string) {
    // TODO(jwt-ssot): @nestjs/jwt `JwtService.verify` has no automatic rewrite; verify with validateToken instead.
    return this.jwtService.verify(token);
  }
}
