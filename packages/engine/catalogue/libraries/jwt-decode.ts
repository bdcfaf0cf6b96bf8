/** jwt-decode: the module (v3 default) and its `jwtDecode` export (v4) decode without verifying. */
import { decode, payloadDecode, type LibraryEntry } from '../shape.js';

const entry: LibraryEntry = {
  name: 'jwt-decode',
  modules: ['jwt-decode'],
  namespace: decode({ rewrite: payloadDecode, members: { jwtDecode: decode({ rewrite: payloadDecode }), default: decode({ rewrite: payloadDecode }) } }),
  defaultExport: decode({ rewrite: payloadDecode }),
};

export default entry;
