/** express-jwt: the middleware factory (default export before v7, `expressjwt` since). */
import { verify, type LibraryEntry } from '../shape.js';

const followUp = 'express-jwt middleware: replace it with a middleware that calls {{name}} and sets req.auth';

const entry: LibraryEntry = {
  name: 'express-jwt',
  modules: ['express-jwt'],
  namespace: verify({ note: 'middleware', optionsArg: 0, followUp, members: { expressjwt: verify({ note: 'middleware', optionsArg: 0, followUp }) } }),
};

export default entry;
