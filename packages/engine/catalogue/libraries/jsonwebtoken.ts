/** jsonwebtoken: verify / decode / sign, also each as its own file (`require('jsonwebtoken/verify')`). */
import { decode, JSONWEBTOKEN_CLOCK_TOLERANCE, object, payloadDecode, sign, verify, type LibraryEntry } from '../shape.js';

const verifyApi = verify({ optionsArg: 2, keyArg: 1, checks: { clockTolerance: JSONWEBTOKEN_CLOCK_TOLERANCE }, rewrite: { to: 'verify', tokenArg: 0, maxArgs: 3, result: 'payload', callbackForm: true } });
const decodeApi = decode({ rewrite: payloadDecode });
const signApi = sign({ optionsArg: 2 });

const entries: readonly LibraryEntry[] = [
  { name: 'jsonwebtoken', modules: ['jsonwebtoken', 'jsonwebtoken/*'], namespace: object({ verify: verifyApi, decode: decodeApi, sign: signApi }) },
  { name: 'jsonwebtoken', modules: ['jsonwebtoken/verify', 'jsonwebtoken/verify.js'], namespace: verifyApi },
  { name: 'jsonwebtoken', modules: ['jsonwebtoken/decode', 'jsonwebtoken/decode.js'], namespace: decodeApi },
  { name: 'jsonwebtoken', modules: ['jsonwebtoken/sign', 'jsonwebtoken/sign.js'], namespace: signApi },
];

export default entries;
