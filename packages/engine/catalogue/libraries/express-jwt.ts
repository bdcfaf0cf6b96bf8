/** express-jwt: the middleware factory (default export before v7, `expressjwt` since). */
import { verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'express-jwt',
  modules: ['express-jwt'],
  namespace: verify({ note: 'middleware', optionsArg: 0, members: { expressjwt: verify({ note: 'middleware', optionsArg: 0 }) } }),
};

export default entry;
