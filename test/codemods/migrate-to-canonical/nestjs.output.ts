import { Injectable } from '@nestjs/common';
// TODO(jwt-ssot): @nestjs/jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { JwtService } from '@nestjs/jwt';
import { decodeToken } from './auth/jwt-handler';

@Injectable()
export class AuthGuard {
  constructor(private readonly jwtService: JwtService) {}

  subject(token: string) {
    // TODO(jwt-ssot): @nestjs/jwt `JwtService.verify` also verifies with what its module registration configures; check that its JwtModule registration sets no verifyOptions or secretOrKeyProvider that validateToken does not match, then call validateToken.
    return this.jwtService.verify(token, { secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).sub;
  }

  async subjectLater(token: string) {
    // TODO(jwt-ssot): @nestjs/jwt `JwtService.verifyAsync` also verifies with what its module registration configures; check that its JwtModule registration sets no verifyOptions or secretOrKeyProvider that validateToken does not match, then call validateToken.
    const claims = await this.jwtService.verifyAsync(token, { secret: process.env.JWT_SECRET });
    return claims.sub;
  }

  withModuleKey(token: string) {
    // TODO(jwt-ssot): @nestjs/jwt `JwtService.verify` verifies with the key its JwtModule registration gives, which cannot be proved to be the key validateToken uses; check it, then call validateToken.
    return this.jwtService.verify(token);
  }

  withOtherKey(token: string) {
    // TODO(jwt-ssot): Verifies with LEGACY_PUBLIC_KEY while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.
    return this.jwtService.verify(token, { publicKey: process.env.LEGACY_PUBLIC_KEY });
  }

  peek(token: string) {
    return decodeToken(token);
  }

  peekComplete(token: string) {
    // TODO(jwt-ssot): @nestjs/jwt `JwtService.decode` with options ({ complete: true }) that decodeToken cannot express; rewrite by hand.
    return this.jwtService.decode(token, { complete: true });
  }
}
