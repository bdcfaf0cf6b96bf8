import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

@Injectable()
export class AuthGuard {
  constructor(private readonly jwtService: JwtService) {}

  subject(token: string) {
    return this.jwtService.verify(token, { secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).sub;
  }

  async subjectLater(token: string) {
    const claims = await this.jwtService.verifyAsync(token, { secret: process.env.JWT_SECRET });
    return claims.sub;
  }

  withModuleKey(token: string) {
    return this.jwtService.verify(token);
  }

  withOtherKey(token: string) {
    return this.jwtService.verify(token, { publicKey: process.env.LEGACY_PUBLIC_KEY });
  }

  peek(token: string) {
    return this.jwtService.decode(token);
  }

  peekComplete(token: string) {
    return this.jwtService.decode(token, { complete: true });
  }
}
