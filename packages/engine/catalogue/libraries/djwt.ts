/**
 * djwt, Deno's JWT library (deno.land/x/djwt, jsr:@zaubrik/djwt): `verify(jwt, key, options?)` checks the
 * signature and the claims and returns a promise of the payload; `decode(jwt)` returns `[header, payload,
 * signature]` unverified; `create(header, payload, key)` signs. The key is a CryptoKey, so no call maps
 * onto the canonical function by itself: every site is a follow-up.
 */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'djwt',
  modules: ['@zaubrik/djwt', '@zaubrik/djwt/*', 'djwt', 'djwt/*'],
  namespace: object({
    // Options: `ignoreExp` turns the expiry check off; `expLeeway` is the clock tolerance in seconds.
    verify: verify({ optionsArg: 2, keyArg: 1, checks: { expiryBypassKeys: ['ignoreExp'], clockTolerance: { keys: ['expLeeway'], unit: 'seconds' } } }),
    decode: decode(),
    create: sign(),
  }),
};

export default entry;
