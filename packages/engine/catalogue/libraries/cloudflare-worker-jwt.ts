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
        confirm: 'its verify resolves to `undefined` (v2: `false`) for a bad token where {{name}} throws, and to `{ header, payload }` (v3) rather than the payload; check how the result is used',
      },
    }),
    decode: decode({
      rewrite: { to: 'decode', tokenArg: 0, maxArgs: 1, result: 'payload', confirm: 'its decode returns `{ header, payload }`, not the payload; check how the result is used' },
    }),
    sign: sign({ optionsArg: 2 }),
  }),
};

export default entry;
