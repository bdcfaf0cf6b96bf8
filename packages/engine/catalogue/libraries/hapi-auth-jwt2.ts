/** hapi-auth-jwt2: registering the plugin adds the `jwt` auth scheme. */
import type { LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'hapi-auth-jwt2',
  modules: ['hapi-auth-jwt2'],
  namespace: {},
  ambient: [
    {
      path: ['auth', 'strategy'],
      kind: 'verify',
      note: 'strategy',
      argument: { index: 1, value: 'jwt' },
      followUp: "hapi-auth-jwt2 'jwt' strategy: make its validate function call {{name}}, or replace the strategy with one that does",
    },
  ],
};

export default entry;
