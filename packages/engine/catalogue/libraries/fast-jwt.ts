/** fast-jwt: factories that return the verifying, decoding and signing functions. */
import { decode, object, payloadDecode, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'fast-jwt',
  modules: ['fast-jwt'],
  namespace: object({
    // Without `algorithms` the verifier accepts whatever algorithm the token names.
    // The verifier is rewritten with the factory's options as its key and options; the factory stays for a person
    // to remove once nothing calls what it made.
    createVerifier: verify({
      optionsArg: 0,
      note: 'factory',
      // `clockTolerance` is in milliseconds here.
      checks: { requiredOption: 'algorithms', clockTolerance: { keys: ['clockTolerance'], unit: 'milliseconds' } },
      followUp: 'fast-jwt verifier factory: once the verifiers it makes are replaced by {{name}}, remove it',
      returns: verify({ rewrite: { to: 'verify', tokenArg: 0, maxArgs: 1, result: 'payload', factory: { optionsArg: 0 }, keyOptions: ['key'] } }),
    }),
    createDecoder: decode({
      note: 'factory',
      followUp: 'fast-jwt decoder factory: once the decoders it makes are replaced by {{name}}, remove it',
      returns: decode({ rewrite: { ...payloadDecode, factory: { optionsArg: 0 } } }),
    }),
    createSigner: sign({ optionsArg: 0, note: 'factory', returns: sign() }),
  }),
};

export default entry;
