/** @tsndr/cloudflare-worker-jwt: verify / decode / sign for Workers. */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: '@tsndr/cloudflare-worker-jwt',
  modules: ['@tsndr/cloudflare-worker-jwt'],
  namespace: object({
    verify: verify({
      optionsArg: 2,
      keyArg: 1,
      rewrite: {
        to: 'verify',
        tokenArg: 0,
        maxArgs: 3,
        result: 'payload',
        algorithmArg: 2,
        confirm: 'its verify resolves to `undefined` (v2: `false`) for a bad token where {{name}} throws, and to `{ header, payload }` (v3) rather than the payload; check how the result is used',
      },
    }),
    // decode returns `{ header, payload }`: `const { payload } = decode(t)` and `decode(t).payload` map onto the canonical decode.
    decode: decode({ rewrite: { to: 'decode', tokenArg: 0, maxArgs: 1, result: 'payload-member' } }),
    sign: sign({ optionsArg: 2 }),
  }),
};

export default entry;
