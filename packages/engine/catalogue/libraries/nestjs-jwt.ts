/** @nestjs/jwt: a `JwtService` instance, injected by Nest (see the decorators pass). */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const jwtService = object({
  verify: verify({ optionsArg: 1 }),
  verifyAsync: verify({ optionsArg: 1 }),
  decode: decode(),
  sign: sign({ optionsArg: 1 }),
  signAsync: sign({ optionsArg: 1 }),
});

const entry: LibraryEntry = {
  name: '@nestjs/jwt',
  modules: ['@nestjs/jwt'],
  namespace: object({ JwtService: { instance: jwtService }, JwtModule: {} }),
};

export default entry;
