import rule from '../../rules/no-direct-decode.js';
import { corpusCases, createRuleTester, file, testable } from '../rule-tester.js';

const ruleTester = createRuleTester();
const corpus = corpusCases('no-direct-decode');
const app = file('src/app.ts');

ruleTester.run('no-direct-decode', testable(rule), {
  valid: [
    ...corpus.valid,
    // Precision: decoding that is not JWT decoding.
    {
      name: 'base64 package decoders of data that is no token segment, a local decode, and an encoder',
      filename: app,
      code: "import base64url from 'base64url';\nimport { Base64 } from 'js-base64';\nexport const a = base64url.decode(input);\nexport const b = Base64.decode(data.split(',')[1]);\nconst local = { decode: (x: string) => x };\nexport const c = local.decode(token.split('.')[1]);\nexport const d = Base64.encode(token.split('.')[1]);\n",
    },
    { name: 'TextDecoder.decode', filename: app, code: 'const text = new TextDecoder().decode(bytes);\n' },
    { name: 'a local decode function', filename: app, code: 'const decode = (t: string) => t;\ndecode(token);\n' },
    { name: 'a local object with decode', filename: app, code: "const jwt = { decode: (t: string) => t };\njwt.decode(token);\n" },
    { name: 'atob of something that is not a token segment', filename: app, code: "const raw = atob(encoded);\nconst parts = csv.split(',');\natob(parts[1]);\n" },
    {
      name: "Buffer.from(x, 'utf8') and 'hex' are not base64 decoding",
      filename: app,
      code: "const bytes = Buffer.from(token.split('.')[1], 'utf8');\nconst hex = Buffer.from(token, 'hex');\n",
    },
    { name: 'atob over the segments of a non-token split', filename: app, code: "const cells = csv.split(',').map((cell) => atob(cell));\nconst lines = text.split('\\n').map((line) => atob(line));\n" },
    { name: 'a let separator may change', filename: app, code: "let sep = '.';\nsep = ',';\natob(value.split(sep)[1]);\n" },
    { name: 'a shadowed atob', filename: app, code: "const atob = (x: string) => x;\natob(token.split('.')[1]);\n" },
    {
      name: 'a shadowed Buffer',
      filename: app,
      code: "export function f(Buffer: { from(a: string, b: string): string }) {\n  return Buffer.from(token.split('.')[1], 'base64');\n}\n",
    },
    { name: 'names in strings and comments', filename: app, code: "// jwtDecode(token) from 'jwt-decode'\nconst doc = \"atob(token.split('.')[1])\";\n" },
    { name: 'a type-only import', filename: app, code: "import type { JwtPayload } from 'jwt-decode';\nexport type Claims = JwtPayload;\n" },
    // Exempt files.
    { name: 'the canonical module may decode', filename: file('src/auth/jwt-handler.ts'), code: "import { decodeJwt } from 'jose';\nexport const decodeToken = (t: string) => decodeJwt(t);\n" },
    { name: 'an allowed test file may hand-roll', filename: file('test/util.ts'), code: "export const peek = (t: string) => JSON.parse(atob(t.split('.')[1]));\n" },
  ],
  // Every invalid case (with each error, suggestion and fix spelled out) is a sample of test/fixtures/corpus.ts.
  invalid: corpus.invalid,
});
