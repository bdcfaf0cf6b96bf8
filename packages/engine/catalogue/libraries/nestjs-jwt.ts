/** @nestjs/jwt: a `JwtService` instance, injected by Nest (see the decorators pass). */
import { decode, JSONWEBTOKEN_CLOCK_TOLERANCE, object, payloadDecode, sign, verify, type LibraryEntry } from '../shape.js';

// Without a `secret`/`publicKey` option the service verifies with the key its module was registered with; the
// registration's `verifyOptions` are merged under the call's options, and its `secretOrKeyProvider` wins over a
// `secret` option (lib/jwt.service.ts, getSecretKey and mergeJwtOptions).
const moduleKey = {
  keyOptions: ['secret', 'publicKey'],
  implicitKey: 'the key its JwtModule registration gives',
  implicitOptions: 'its JwtModule registration sets no verifyOptions or secretOrKeyProvider that {{name}} does not match',
};

const jwtService = object({
  verify: verify({ optionsArg: 1, checks: { clockTolerance: JSONWEBTOKEN_CLOCK_TOLERANCE }, rewrite: { to: 'verify', tokenArg: 0, maxArgs: 2, result: 'payload', ...moduleKey } }),
  verifyAsync: verify({ optionsArg: 1, checks: { clockTolerance: JSONWEBTOKEN_CLOCK_TOLERANCE }, rewrite: { to: 'verify', tokenArg: 0, maxArgs: 2, result: 'payload', promise: true, ...moduleKey } }),
  // decode(t, { complete: true }) returns more than the payload: only the one-argument form is a plain decode.
  decode: decode({ rewrite: payloadDecode }),
  sign: sign({ optionsArg: 1 }),
  signAsync: sign({ optionsArg: 1 }),
});

const entry: LibraryEntry = {
  name: '@nestjs/jwt',
  modules: ['@nestjs/jwt'],
  namespace: object({ JwtService: { instance: jwtService }, JwtModule: {} }),
};

export default entry;
