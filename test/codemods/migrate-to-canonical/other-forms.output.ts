// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import jwt from 'jsonwebtoken';
// TODO(jwt-ssot): express-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { expressjwt } from 'express-jwt';
// TODO(jwt-ssot): passport-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { Strategy } from 'passport-jwt';
// TODO(jwt-ssot): @nestjs/jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
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

// TODO(jwt-ssot): express-jwt middleware: replace it with a middleware that calls validateToken and sets req.auth.
export const middleware = expressjwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] });

// TODO(jwt-ssot): passport-jwt strategy: make its verify callback call validateToken, or replace the strategy with one that does.
export const strategy = new Strategy({ jwtFromRequest: () => null, secretOrKey: 'x' }, (payload, done) => done(null, payload));

export class Guard {
  constructor(private readonly jwtService: JwtService) {}

  check(token: string) {
    // TODO(jwt-ssot): @nestjs/jwt `JwtService.verify` verifies with the key its JwtModule registration gives, which cannot be proved to be the key validateToken uses; check it, then call validateToken.
    return this.jwtService.verify(token);
  }
}
