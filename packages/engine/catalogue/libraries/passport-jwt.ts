/** passport-jwt: constructing its `Strategy` sets up verification. */
import { object, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'passport-jwt',
  modules: ['passport-jwt'],
  namespace: object({ Strategy: verify({ note: 'strategy', optionsArg: 0, followUp: 'passport-jwt strategy: make its verify callback call {{name}}, or replace the strategy with one that does' }), ExtractJwt: {} }),
};

export default entry;
