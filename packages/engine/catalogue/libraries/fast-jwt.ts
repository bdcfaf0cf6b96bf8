/** fast-jwt: factories that return the verifying, decoding and signing functions. */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'fast-jwt',
  modules: ['fast-jwt'],
  namespace: object({
    // Without `algorithms` the verifier accepts whatever algorithm the token names.
    createVerifier: verify({ optionsArg: 0, note: 'factory', checks: { requiredOption: 'algorithms' }, returns: verify() }),
    createDecoder: decode({ note: 'factory', returns: decode() }),
    createSigner: sign({ optionsArg: 0, note: 'factory', returns: sign() }),
  }),
};

export default entry;
