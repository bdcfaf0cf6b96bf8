/** @hapi/jwt: the `jwt` auth scheme, and the `token` functions. */
import { decode, object, sign, verify, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: '@hapi/jwt',
  modules: ['@hapi/jwt'],
  namespace: object({
    plugin: {},
    token: object({
      verify: verify({ optionsArg: 2 }),
      verifySignature: verify({ note: 'signature only' }),
      verifyPayload: verify({ note: 'claims only' }),
      verifyTime: verify({ note: 'time claims only' }),
      decode: decode(),
      generate: sign(),
    }),
  }),
  ambient: [
    {
      path: ['auth', 'strategy'],
      kind: 'verify',
      note: 'strategy',
      argument: { index: 1, value: 'jwt' },
      followUp: "hapi 'jwt' auth strategy: make its validate function call {{name}}, or replace the strategy with one that does",
    },
  ],
};

export default entry;
