/** koa-jwt: the module is the middleware factory. */
import { verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'koa-jwt',
  modules: ['koa-jwt'],
  namespace: verify({ note: 'middleware', optionsArg: 0, followUp: 'koa-jwt middleware: replace it with a middleware that calls {{name}} and sets ctx.state.user' }),
};

export default entry;
