// A strategy class with a decorator: its follow-up goes above the decorator, never between it and the class.
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
// TODO(jwt-ssot): passport-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { ExtractJwt, Strategy } from 'passport-jwt';

// TODO(jwt-ssot): passport-jwt strategy: make its verify callback call validateToken, or replace the strategy with one that does.
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, 'access') {
  constructor() {
    // TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET });
  }

  validate(payload: { sub: string }) {
    return { id: payload.sub };
  }
}
