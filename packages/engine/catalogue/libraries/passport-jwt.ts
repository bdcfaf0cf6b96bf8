/** passport-jwt: constructing its `Strategy` sets up verification. */
import { object, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'passport-jwt',
  modules: ['passport-jwt'],
  namespace: object({ Strategy: verify({ note: 'strategy', optionsArg: 0 }), ExtractJwt: {} }),
};

export default entry;
