/**
 * The evasion corpus: ways a file can reach a JWT library around the canonical module, each written for
 * this project and marked with whether the plugin catches it.
 *
 * What "caught" means: linting `filename` with `configs.recommended` (untyped, one file at a time, as an
 * editor or `eslint .` does) reports `rule` on `line`. For a verification that is the call (or the point
 * where the function value escapes our sight); for an unanalysable module name it is the `require(expr)`
 * / `import(expr)` itself. A case whose library import is reported but whose verify call is not is a
 * gap for `no-direct-verify`: the import finding is the mitigation, not the catch.
 *
 * Multi-file forms (barrels) are one case per file: the barrel that re-exports from the library is
 * caught in its own file; the consumer that imports from the barrel is a gap without type information
 * (typed linting resolves it).
 *
 * evasions.test.ts asserts every mark, and that docs/security.md lists the same rate and gaps.
 */
import type { RuleId } from '../../packages/engine/index.js';

export interface EvasionCase {
  /** Stable kebab-case id, listed in docs/security.md. */
  readonly id: string;
  /** The form, in a few words (the table's "form" column). */
  readonly description: string;
  /** Path under the project root; the extension picks the parser mode (JSX for .tsx/.jsx). */
  readonly filename: string;
  readonly code: string;
  /** 1-based line the finding must be on. */
  readonly line: number;
  readonly expected: 'caught' | 'gap';
  /** The rule that should report it. */
  readonly rule: RuleId;
  /** For gaps: why static analysis of this file cannot see it, and what mitigates it. */
  readonly gapReason?: string;
}

const VERIFY: RuleId = 'no-direct-verify';
const DECODE: RuleId = 'no-direct-decode';
const IMPORT: RuleId = 'no-auth-import-bypass';
const SECRET: RuleId = 'no-jwt-secret-access';
const UNSAFE: RuleId = 'no-unsafe-verify-options';

const app = (name: string, extension = 'ts'): string => `src/app/${name}.${extension}`;

export const EVASIONS: readonly EvasionCase[] = [
  // ── Import forms ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'default-import',
    description: 'default import, member call',
    filename: app('default-import'),
    code: `import jwt from 'jsonwebtoken';
export const user = (t: string, k: string) => jwt.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'named-alias',
    description: 'named import renamed (`verify as check`)',
    filename: app('named-alias'),
    code: `import { verify as check } from 'jsonwebtoken';
export function user(t: string, k: string) {
  return check(t, k);
}
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'default-as-named',
    description: '`import { default as lib }`',
    filename: app('default-as-named'),
    code: `import { default as lib } from 'jsonwebtoken';
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'namespace-import',
    description: '`import * as ns` then ns.fn()',
    filename: app('namespace-import'),
    code: `import * as jose from 'jose';
export async function user(t: string, key: CryptoKey) {
  const { payload } = await jose.jwtVerify(t, key, { algorithms: ['ES256'] });
  return payload;
}
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'namespace-destructuring',
    description: 'destructuring the namespace object',
    filename: app('namespace-destructuring'),
    code: `import * as lib from 'jsonwebtoken';
const { verify: v } = lib;
v(t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'rest-destructuring',
    description: 'rest element of a destructured module (`...rest`)',
    filename: app('rest-destructuring'),
    code: `import jwt from 'jsonwebtoken';
const { sign, ...rest } = jwt;
export const mint = sign;
rest.verify(t, k);
`,
    line: 4,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-destructured',
    description: '`const { verify } = require()`',
    filename: app('require-destructured', 'js'),
    code: `const { verify } = require('jsonwebtoken');
module.exports.check = (t, k) => verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-function-scoped',
    description: '`require()` inside a function body',
    filename: app('require-function-scoped', 'cjs'),
    code: `function check(t, k) {
  const lib = require('jsonwebtoken');
  return lib.verify(t, k);
}
module.exports = { check };
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-inline-member',
    description: "`require('m').verify(t)` without a binding",
    filename: app('require-inline-member', 'js'),
    code: `exports.check = function (t, k) {
  return require('jsonwebtoken').verify(t, k);
};
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'import-equals',
    description: '`import x = require()` (TypeScript)',
    filename: app('import-equals'),
    code: `import lib = require('jsonwebtoken');
export const check = (t: string) => lib.verify(t, 'k');
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'await-import-destructured',
    description: '`const { fn } = await import()`',
    filename: app('await-import-destructured', 'mts'),
    code: `const { jwtVerify } = await import('jose');
export const result = await jwtVerify(t, key, { algorithms: ['RS256'] });
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'await-import-inline',
    description: "`(await import('m')).verify(t)`",
    filename: app('await-import-inline'),
    code: `export async function check(t: string) {
  return (await import('jsonwebtoken')).verify(t, 'k');
}
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'import-then',
    description: "`import('m').then((m) => m.verify(t))`",
    filename: app('import-then'),
    code: `export const check = (t: string) =>
  import('jsonwebtoken').then((m) =>
    m.verify(t, 'k'),
  );
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'import-promise-variable',
    description: 'the `import()` promise stored, awaited later',
    filename: app('import-promise-variable'),
    code: `const loading = import('jsonwebtoken');
export async function check(t: string) {
  const lib = await loading;
  return lib.verify(t, 'k');
}
`,
    line: 4,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'async-iife-await-import',
    description: 'async IIFE with `await import()` and a default member',
    filename: app('async-iife-await-import', 'mjs'),
    code: `(async () => {
  const { default: lib } = await import('jsonwebtoken');
  lib.verify(process.argv[2], 'k');
})();
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'default-or-namespace',
    description: "`require('m').default ?? require('m')`",
    filename: app('default-or-namespace', 'js'),
    code: `const { verify } = require('jsonwebtoken').default ?? require('jsonwebtoken');
verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'deno-npm-specifier',
    description: "Deno `npm:jsonwebtoken@9` specifier",
    filename: app('deno-npm-specifier'),
    code: `import jwt from 'npm:jsonwebtoken@9';
jwt.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'cdn-url-specifier',
    description: 'CDN URL specifier (`https://esm.sh/jose@5`)',
    filename: app('cdn-url-specifier'),
    code: `import { jwtVerify } from 'https://esm.sh/jose@5';
await jwtVerify(t, key, { algorithms: ['ES256'] });
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'node-modules-path',
    description: "path into node_modules (`require('../node_modules/jsonwebtoken')`)",
    filename: app('node-modules-path', 'js'),
    code: `const lib = require('../../node_modules/jsonwebtoken');
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'deep-subpath-function',
    description: "a package subpath that is the function (`require('jsonwebtoken/verify')`)",
    filename: app('deep-subpath-function', 'js'),
    code: `const check = require('jsonwebtoken/verify');
check(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  // ── Re-exports and wrappers ─────────────────────────────────────────────────────────────────────
  {
    id: 'export-from',
    description: '`export { verify } from` (the barrel file)',
    filename: app('export-from'),
    code: `export { decode } from './local-decode';
export { verify as check } from 'jsonwebtoken';
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'export-star',
    description: '`export * from` (the barrel file)',
    filename: app('export-star'),
    code: `export * from './helpers';
export * from 'jsonwebtoken';
`,
    line: 2,
    expected: 'caught',
    rule: IMPORT,
  },
  {
    id: 'export-star-as',
    description: '`export * as ns from`',
    filename: app('export-star-as'),
    code: `export * as tokens from 'jsonwebtoken';
`,
    line: 1,
    expected: 'caught',
    rule: IMPORT,
  },
  {
    id: 'two-barrels-inner',
    description: 'two barrels: the inner barrel re-exporting the library',
    filename: 'src/lib/barrels/inner.ts',
    code: `// src/lib/barrels/outer.ts has: export * from './inner';
export { verify as checkToken } from 'jsonwebtoken';
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'two-barrels-outer',
    description: 'two barrels: the outer barrel (`export * from` a local barrel)',
    filename: 'src/lib/barrels/outer.ts',
    code: `export * from './inner';
export const version = 1;
`,
    line: 1,
    expected: 'gap',
    rule: IMPORT,
    gapReason:
      'A single-file lint cannot know that ./inner re-exports a JWT library. The inner barrel is reported in its own file, and with typed linting every call through the outer barrel is reported at the caller.',
  },
  {
    id: 'two-barrels-consumer',
    description: 'two barrels: the consumer calling the re-exported verify',
    filename: 'src/app/two-barrels-consumer.ts',
    code: `import { checkToken } from '../lib/barrels/outer';
export const user = (t: string) => checkToken(t, 'k');
`,
    line: 2,
    expected: 'gap',
    rule: VERIFY,
    gapReason:
      'The call goes through a local module; without type information the linter cannot resolve it. The barrel is reported in its own file; typed linting (parserOptions.projectService) resolves the call to jsonwebtoken.',
  },
  {
    id: 'module-exports-object',
    description: '`module.exports = { check: jwt.verify }`',
    filename: app('module-exports-object', 'cjs'),
    code: `const jwt = require('jsonwebtoken');
module.exports = { check: jwt.verify };
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'exports-member-assign',
    description: "`exports.verify = require('m').verify`",
    filename: app('exports-member-assign', 'cjs'),
    code: `exports.verify = require('jsonwebtoken').verify;
`,
    line: 1,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'module-exports-wrapper-fn',
    description: '`module.exports = (t) => jwt.verify(t)` wrapper',
    filename: app('module-exports-wrapper-fn', 'cjs'),
    code: `const jwt = require('jsonwebtoken');
module.exports = function check(t) {
  return jwt.verify(t, process.env.KEY);
};
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'export-const-alias',
    description: '`export const check = jwt.verify`',
    filename: app('export-const-alias'),
    code: `import jwt from 'jsonwebtoken';
export const check = jwt.verify;
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'export-default-reference',
    description: '`export default jwt.verify`',
    filename: app('export-default-reference'),
    code: `import jwt from 'jsonwebtoken';
export default jwt.verify;
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'export-default-from-decode',
    description: "`export { default } from 'jwt-decode'`",
    filename: app('export-default-from-decode'),
    code: `export { default } from 'jwt-decode';
`,
    line: 1,
    expected: 'caught',
    rule: DECODE,
  },
  // ── Ways to load a module ───────────────────────────────────────────────────────────────────────
  {
    id: 'global-this-require',
    description: '`globalThis.require()`',
    filename: app('global-this-require', 'js'),
    code: `const lib = globalThis.require('jsonwebtoken');
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'module-require',
    description: '`module.require()`',
    filename: app('module-require', 'cjs'),
    code: `const lib = module.require('jsonwebtoken');
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'main-module-require',
    description: '`process.mainModule.require()`',
    filename: app('main-module-require', 'cjs'),
    code: `const lib = process.mainModule.require('jsonwebtoken');
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'create-require',
    description: '`createRequire(import.meta.url)` bound to `require`',
    filename: app('create-require', 'mjs'),
    code: `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const lib = require('jsonwebtoken');
lib.verify(t, k);
`,
    line: 4,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'create-require-renamed',
    description: '`createRequire()` bound to another name',
    filename: app('create-require-renamed', 'mjs'),
    code: `import { createRequire } from 'node:module';
const load = createRequire(import.meta.url);
const lib = load('jsonwebtoken');
lib.verify(t, k);
`,
    line: 4,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'create-require-inline',
    description: "`createRequire(url)('m')` called at once",
    filename: app('create-require-inline', 'mjs'),
    code: `import module from 'node:module';
module.createRequire(import.meta.url)('jsonwebtoken').verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-alias',
    description: '`const r = require; r(\'m\')`',
    filename: app('require-alias', 'cjs'),
    code: `const load = require;
const lib = load('jsonwebtoken');
lib.verify(t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-call',
    description: "`require.call(null, 'm')`",
    filename: app('require-call', 'cjs'),
    code: `const lib = require.call(null, 'jsonwebtoken');
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-concat',
    description: "string concatenation in `require('json' + 'webtoken')`",
    filename: app('require-concat', 'js'),
    code: `const lib = require('json' + 'webtoken');
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-template',
    description: 'template literal with constant parts in `require()`',
    filename: app('require-template', 'js'),
    code: "const lib = require(`json${'web'}token`);\nlib.verify(t, k);\n",
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-const-variable',
    description: '`require(name)` where `const name` is a string literal',
    filename: app('require-const-variable', 'js'),
    code: `const name = 'jsonwebtoken';
const lib = require(name);
lib.verify(t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'import-concat',
    description: "string concatenation in `import('jo' + 'se')`",
    filename: app('import-concat'),
    code: `const { jwtVerify } = await import('jo' + 'se');
await jwtVerify(t, key, { algorithms: ['ES256'] });
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'require-runtime-name',
    description: '`require(expr)` whose name is only known at run time',
    filename: app('require-runtime-name', 'js'),
    code: `// Verifies the bearer token with whatever library the deployment configures.
const lib = require(process.env.TOKEN_LIB);
module.exports = (t) => lib.verify(t, process.env.KEY);
`,
    line: 2,
    expected: 'caught',
    rule: IMPORT,
  },
  {
    id: 'import-runtime-name',
    description: '`import(expr)` whose name is only known at run time',
    filename: app('import-runtime-name'),
    code: `const names = ['jose', 'fast-jwt'];
export const load = (i: number) =>
  import(names[i]!).then((m) => m.jwtVerify);
`,
    line: 3,
    expected: 'caught',
    rule: IMPORT,
  },
  {
    id: 'require-decoded-name',
    description: '`require()` of a base64-decoded name',
    filename: app('require-decoded-name', 'js'),
    code: `// jwt helper
const lib = require(Buffer.from('anNvbndlYnRva2Vu', 'base64').toString());
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: IMPORT,
  },
  // ── Member access ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'optional-chain',
    description: 'optional chain `jwt?.verify?.(t)`',
    filename: app('optional-chain'),
    code: `import jwt from 'jsonwebtoken';
jwt?.verify?.(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'computed-string-key',
    description: "computed string key `jwt['verify']`",
    filename: app('computed-string-key'),
    code: `import jwt from 'jsonwebtoken';
jwt['verify'](t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'template-literal-key',
    description: 'template-literal key ``jwt[`verify`]``',
    filename: app('template-literal-key'),
    code: "import jwt from 'jsonwebtoken';\njwt[`verify`](t, k);\n",
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'template-literal-key-parts',
    description: 'template-literal key with constant parts',
    filename: app('template-literal-key-parts'),
    code: "import jwt from 'jsonwebtoken';\njwt[`ver${'ify'}`](t, k);\n",
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'concatenated-key',
    description: "concatenated key `jwt['ver' + 'ify']`",
    filename: app('concatenated-key'),
    code: `import jwt from 'jsonwebtoken';
jwt['ver' + 'ify'](t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'unicode-escape-key',
    description: "unicode escapes in the key (`jwt['\\u0076erify']`)",
    filename: app('unicode-escape-key'),
    code: `import jwt from 'jsonwebtoken';
jwt['\\u0076erify'](t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'variable-key',
    description: 'key held in a variable (`jwt[method]`)',
    filename: app('variable-key'),
    code: `import jwt from 'jsonwebtoken';
const method = pick();
jwt[method](t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'reflect-get',
    description: "`Reflect.get(jwt, 'verify')(t)`",
    filename: app('reflect-get'),
    code: `import jwt from 'jsonwebtoken';
Reflect.get(jwt, 'verify')(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'reflect-get-variable-key',
    description: '`Reflect.get(jwt, name)` with a run-time key',
    filename: app('reflect-get-variable-key'),
    code: `import jwt from 'jsonwebtoken';
Reflect.get(jwt, process.env.METHOD!)(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'object-assign-copy',
    description: '`Object.assign({}, jwt).verify(t)`',
    filename: app('object-assign-copy'),
    code: `import jwt from 'jsonwebtoken';
Object.assign({}, jwt).verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'object-spread-copy',
    description: 'spread copy `({ ...jwt }).verify(t)`',
    filename: app('object-spread-copy'),
    code: `import jwt from 'jsonwebtoken';
const copy = { ...jwt };
copy.verify(t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'property-descriptor',
    description: "`Object.getOwnPropertyDescriptor(jwt, 'verify').value(t)`",
    filename: app('property-descriptor'),
    code: `import jwt from 'jsonwebtoken';
Object.getOwnPropertyDescriptor(jwt, 'verify')!.value(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'object-entries-loop',
    description: 'looking the function up in `Object.entries(jwt)`',
    filename: app('object-entries-loop'),
    code: `import * as lib from 'jsonwebtoken';
for (const [name, fn] of Object.entries(lib)) {
  if (name.startsWith('ver')) (fn as (t: string, k: string) => unknown)(t, k);
}
`,
    line: 3,
    expected: 'gap',
    rule: VERIFY,
    gapReason:
      'Which entry is called depends on run-time data. The import on line 1 is still reported by no-auth-import-bypass.',
  },
  // ── Call shapes ─────────────────────────────────────────────────────────────────────────────────
  {
    id: 'call',
    description: '`jwt.verify.call(null, t, k)`',
    filename: app('call'),
    code: `import jwt from 'jsonwebtoken';
jwt.verify.call(null, t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'apply',
    description: '`jwt.verify.apply(null, [t, k])`',
    filename: app('apply'),
    code: `import jwt from 'jsonwebtoken';
jwt.verify.apply(null, [t, k]);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'bind',
    description: '`const v = jwt.verify.bind(jwt); v(t)`',
    filename: app('bind'),
    code: `import jwt from 'jsonwebtoken';
const v = jwt.verify.bind(jwt);
v(t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'reflect-apply',
    description: '`Reflect.apply(jwt.verify, null, [t, k])`',
    filename: app('reflect-apply'),
    code: `import jwt from 'jsonwebtoken';
Reflect.apply(jwt.verify, null, [t, k]);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'function-prototype-call-call',
    description: '`Function.prototype.call.call(jwt.verify, null, t)`',
    filename: app('function-prototype-call-call'),
    code: `import jwt from 'jsonwebtoken';
Function.prototype.call.call(jwt.verify, null, t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'local-alias',
    description: 'assignment to a local variable',
    filename: app('local-alias'),
    code: `import jwt from 'jsonwebtoken';
const check = jwt.verify;
check(t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'late-assignment',
    description: '`let v; v = jwt.verify; v(t)`',
    filename: app('late-assignment'),
    code: `import jwt from 'jsonwebtoken';
let v;
v = jwt.verify;
v(t, k);
`,
    line: 4,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'sequence-expression',
    description: '`(0, jwt.verify)(t)`',
    filename: app('sequence-expression'),
    code: `import jwt from 'jsonwebtoken';
(0, jwt.verify)(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'array-index',
    description: '`[jwt.verify][0](t)`',
    filename: app('array-index'),
    code: `import jwt from 'jsonwebtoken';
[jwt.verify][0]!(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'array-destructuring',
    description: '`const [v] = [jwt.verify]`',
    filename: app('array-destructuring'),
    code: `import jwt from 'jsonwebtoken';
const [v] = [jwt.verify];
v!(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'conditional-expression',
    description: '`(flag ? jwt.verify : other)(t)`',
    filename: app('conditional-expression'),
    code: `import jwt from 'jsonwebtoken';
(flag ? jwt.verify : other)(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'logical-expression',
    description: '`(override || jwt.verify)(t)`',
    filename: app('logical-expression'),
    code: `import jwt from 'jsonwebtoken';
(override || jwt.verify)(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'promisify',
    description: '`promisify(jwt.verify)`',
    filename: app('promisify'),
    code: `import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
const verifyAsync = promisify(jwt.verify);
export const check = (t: string) => verifyAsync(t, 'k');
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'callback-argument',
    description: 'passed as a callback (`tokens.map(jwt.decode)`)',
    filename: app('callback-argument'),
    code: `import jwt from 'jsonwebtoken';
export const claims = tokens.map(jwt.decode);
`,
    line: 2,
    expected: 'caught',
    rule: DECODE,
  },
  {
    id: 'closure-return',
    description: 'returned from a closure (`() => jwt.verify`)',
    filename: app('closure-return'),
    code: `import jwt from 'jsonwebtoken';
const pick = () => jwt.verify;
pick()(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'object-property-store',
    description: 'stored in an object literal (`{ v: jwt.verify }`)',
    filename: app('object-property-store'),
    code: `import jwt from 'jsonwebtoken';
const tools = { v: jwt.verify };
tools.v(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'generator-yield',
    description: '`yield jwt.verify`',
    filename: app('generator-yield'),
    code: `import jwt from 'jsonwebtoken';
export function* checks() {
  yield jwt.verify;
}
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  // ── Classes, parameters, JSX ────────────────────────────────────────────────────────────────────
  {
    id: 'getter',
    description: 'a getter returning `jwt.verify`',
    filename: app('getter'),
    code: `import jwt from 'jsonwebtoken';
export const api = {
  get check() {
    return jwt.verify;
  },
};
`,
    line: 4,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'class-field',
    description: 'class field `check = jwt.verify`, called via `this`',
    filename: app('class-field'),
    code: `import jwt from 'jsonwebtoken';
export class Guard {
  check = jwt.verify;
  run(t: string) {
    return this.check(t, 'k');
  }
}
`,
    line: 5,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'static-class-field',
    description: 'static class field `static check = jwt.verify`',
    filename: app('static-class-field'),
    code: `import jwt from 'jsonwebtoken';
export class Guard {
  static check = jwt.verify;
}
Guard.check(t, 'k');
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'constructor-assigned-member',
    description: '`this.lib = require(...)` in a constructor',
    filename: app('constructor-assigned-member', 'js'),
    code: `class Guard {
  constructor() {
    this.lib = require('jsonwebtoken');
  }
  run(t) {
    return this.lib.verify(t, 'k');
  }
}
module.exports = Guard;
`,
    line: 6,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'default-parameter',
    description: 'default-parameter value (`check = jwt.verify`)',
    filename: app('default-parameter'),
    code: `import jwt from 'jsonwebtoken';
export function guard(t: string, check = jwt.verify) {
  return check(t, 'k');
}
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'destructured-parameter-default',
    description: 'destructured parameter default (`{ check = jwt.verify } = {}`)',
    filename: app('destructured-parameter-default'),
    code: `import jwt from 'jsonwebtoken';
export function guard(t: string, { check = jwt.verify } = {}) {
  return check(t, 'k');
}
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'jsx-attribute',
    description: 'JSX attribute `<Guard verify={jwt.verify} />`',
    filename: app('jsx-attribute', 'tsx'),
    code: `import jwt from 'jsonwebtoken';
export const Page = () => (
  <Guard verify={jwt.verify} />
);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'class-extends-strategy',
    description: 'class extending passport-jwt `Strategy`',
    filename: app('class-extends-strategy'),
    code: `import { Strategy } from 'passport-jwt';
export class JwtStrategy extends Strategy {
  constructor() {
    super({ secretOrKey: 'k', jwtFromRequest: () => null }, (p: unknown, done: (e: null, p: unknown) => void) => done(null, p));
  }
}
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'passed-module-parameter',
    description: 'the module passed into a local helper that destructures it',
    filename: app('passed-module-parameter'),
    code: `import * as lib from 'jsonwebtoken';
function run({ verify }: typeof lib, t: string) {
  return verify(t, 'k');
}
run(lib, 'token');
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'passed-to-imported-helper',
    description: 'the module passed into a helper imported from another file',
    filename: app('passed-to-imported-helper'),
    code: `import * as lib from 'jsonwebtoken';
import { runWith } from './helpers';
export const user = runWith(lib, 'token');
`,
    line: 3,
    expected: 'gap',
    rule: VERIFY,
    gapReason:
      "The verify call happens in another file's function, on a parameter; a one-file lint cannot see it. The import on line 1 is still reported by no-auth-import-bypass; typed linting reports the helper's `lib.verify` call when its parameter is typed as the library.",
  },
  // ── Library-specific shapes ─────────────────────────────────────────────────────────────────────
  {
    id: 'fast-jwt-returned-function',
    description: 'fast-jwt: the function `createVerifier()` returns',
    filename: app('fast-jwt-returned-function'),
    code: `import { createVerifier } from 'fast-jwt';
const verifier = createVerifier({ key: 'k', algorithms: ['HS256'] });
export const user = (t: string) => verifier(t);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'fast-jwt-immediate-call',
    description: 'fast-jwt: `createDecoder()(t)`',
    filename: app('fast-jwt-immediate-call'),
    code: `const { createDecoder } = require('fast-jwt');
module.exports = (t) => createDecoder()(t);
`,
    line: 2,
    expected: 'caught',
    rule: DECODE,
  },
  {
    id: 'nest-jwt-service-di',
    description: '@nestjs/jwt `JwtService` injected by the constructor',
    filename: app('nest-jwt-service-di'),
    code: `import { JwtService } from '@nestjs/jwt';
export class AuthGuard {
  constructor(private readonly tokens: JwtService) {}
  canActivate(t: string) {
    return this.tokens.verify(t);
  }
}
`,
    line: 5,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'fastify-request-jwt-verify',
    description: '@fastify/jwt `request.jwtVerify()`',
    filename: app('fastify-request-jwt-verify'),
    code: `import fastifyJwt from '@fastify/jwt';
app.register(fastifyJwt, { secret: 'k' });
app.get('/me', async (request) => {
  await request.jwtVerify();
});
`,
    line: 4,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'express-jwt-middleware',
    description: 'express-jwt middleware in `app.use()`',
    filename: app('express-jwt-middleware'),
    code: `import { expressjwt } from 'express-jwt';
app.use(expressjwt({ secret: 'k', algorithms: ['HS256'] }));
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'jwt-decode-default',
    description: 'jwt-decode v3 default import',
    filename: app('jwt-decode-default'),
    code: `import jwtDecode from 'jwt-decode';
export const claims = (t: string) => jwtDecode(t);
`,
    line: 2,
    expected: 'caught',
    rule: DECODE,
  },
  {
    id: 'jwt-decode-named',
    description: 'jwt-decode v4 named import',
    filename: app('jwt-decode-named'),
    code: `import { jwtDecode as peek } from 'jwt-decode';
export const claims = (t: string) => peek(t);
`,
    line: 2,
    expected: 'caught',
    rule: DECODE,
  },
  {
    id: 'hand-rolled-atob',
    description: "hand-rolled `atob(t.split('.')[1])`",
    filename: app('hand-rolled-atob'),
    code: `export function claims(token: string) {
  return JSON.parse(atob(token.split('.')[1]!));
}
`,
    line: 2,
    expected: 'caught',
    rule: DECODE,
  },
  {
    id: 'hand-rolled-buffer-destructured',
    description: "hand-rolled `Buffer.from(segment, 'base64url')` of a destructured segment",
    filename: app('hand-rolled-buffer-destructured'),
    code: `export function claims(token: string) {
  const [, body] = token.split('.');
  return JSON.parse(Buffer.from(body!, 'base64url').toString());
}
`,
    line: 3,
    expected: 'caught',
    rule: DECODE,
  },
  // ── Secrets and unsafe options ──────────────────────────────────────────────────────────────────
  {
    id: 'secret-concatenated-name',
    description: "`process.env['JWT_' + 'SECRET']`",
    filename: app('secret-concatenated-name'),
    code: `export const key = process.env['JWT_' + 'SECRET'];
`,
    line: 1,
    expected: 'caught',
    rule: SECRET,
  },
  {
    id: 'secret-destructured-alias',
    description: '`const { JWT_SECRET: s } = process.env`',
    filename: app('secret-destructured-alias'),
    code: `const { JWT_SECRET: s } = process.env;
export const key = s;
`,
    line: 1,
    expected: 'caught',
    rule: SECRET,
  },
  {
    id: 'secret-env-alias',
    description: '`const env = process.env; env.JWT_SECRET`',
    filename: app('secret-env-alias'),
    code: `const env = process.env;
export const key = env.JWT_SECRET;
`,
    line: 2,
    expected: 'caught',
    rule: SECRET,
  },
  {
    id: 'unsafe-options-variable',
    description: 'unsafe options object built in a variable',
    filename: 'src/auth/jwt-handler-like.ts',
    code: `import jwt from 'jsonwebtoken';
const options = { ignoreExpiration: true };
export const check = (t: string) => jwt.verify(t, 'k', options);
`,
    line: 2,
    expected: 'caught',
    rule: UNSAFE,
  },
  {
    id: 'unsafe-options-spread',
    description: 'unsafe option added through a spread',
    filename: 'src/auth/jwt-handler-spread.ts',
    code: `import jwt from 'jsonwebtoken';
const base = { algorithms: ['none' as const] };
export const check = (t: string) => jwt.verify(t, 'k', { ...base });
`,
    line: 2,
    expected: 'gap',
    rule: UNSAFE,
    gapReason:
      'Options are read from an object literal or a `const` bound to one; properties arriving through a spread are not followed. Code review of the canonical module (the only file allowed to verify) covers it.',
  },
  // ── More wrappers and look-ups ──────────────────────────────────────────────────────────────────
  {
    id: 'type-assertion-any',
    description: '`(jwt as any).verify(t)` and `<any>` casts',
    filename: app('type-assertion-any'),
    code: `import jwt from 'jsonwebtoken';
(<any>(jwt as unknown)).verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'object-create-prototype',
    description: '`Object.create(jwt).verify(t)` (library as prototype)',
    filename: app('object-create-prototype'),
    code: `import jwt from 'jsonwebtoken';
const child = Object.create(jwt);
child.verify(t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'proxy-wrapper',
    description: '`new Proxy(jwt, {}).verify(t)`',
    filename: app('proxy-wrapper'),
    code: `import jwt from 'jsonwebtoken';
const wrapped = new Proxy(jwt, {});
wrapped.verify(t, k);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'tagged-template',
    description: 'called as a tag (`` jwt.decode`…` ``)',
    filename: app('tagged-template'),
    code: "import jwt from 'jsonwebtoken';\nexport const claims = jwt.decode`${token}`;\n",
    line: 2,
    expected: 'caught',
    rule: DECODE,
  },
  {
    id: 'export-local-specifier',
    description: '`import { verify }` then `export { verify as default }`',
    filename: app('export-local-specifier'),
    code: `import { verify } from 'jsonwebtoken';
export { verify as default };
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'module-exports-require',
    description: "`module.exports = require('jsonwebtoken')` (CommonJS re-export)",
    filename: app('module-exports-require', 'cjs'),
    code: `module.exports = require('jsonwebtoken');
`,
    line: 1,
    expected: 'caught',
    rule: IMPORT,
  },
  {
    id: 'computed-require-member',
    description: "`globalThis['req' + 'uire']('jsonwebtoken')`",
    filename: app('computed-require-member', 'js'),
    code: `const lib = globalThis['req' + 'uire']('jsonwebtoken');
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'import-const-variable',
    description: '`await import(name)` where `const name` is a string literal',
    filename: app('import-const-variable'),
    code: `const name = 'jose';
const { decodeJwt } = await import(name);
export const claims = decodeJwt(t);
`,
    line: 3,
    expected: 'caught',
    rule: DECODE,
  },
  {
    id: 'require-let-variable',
    description: '`require(name)` where `let name` may change',
    filename: app('require-let-variable', 'js'),
    code: `let name = 'jsonwebtoken';
const lib = require(name);
lib.verify(t, k);
`,
    line: 2,
    expected: 'caught',
    rule: IMPORT,
  },
  {
    id: 'require-array-join-silent',
    description: "`require(['json', 'webtoken'].join(''))` in a file that never says JWT",
    filename: app('require-array-join-silent', 'js'),
    code: `const lib = require(['json', 'webtoken'].join(''));
module.exports = (t, k) => lib.verify(t, k);
`,
    line: 1,
    expected: 'gap',
    rule: IMPORT,
    gapReason:
      'The module name is computed and nothing in the file mentions JWTs, so the unanalysable require is not reported (reporting every `require(expr)` would be noise). `import/no-dynamic-require` or `no-restricted-syntax` can forbid computed requires outright.',
  },
  {
    id: 'fastify-instance-jwt',
    description: '@fastify/jwt `app.jwt.verify()` decorator',
    filename: app('fastify-instance-jwt'),
    code: `import jwtPlugin from '@fastify/jwt';
await app.register(jwtPlugin, { secret: 'k' });
export const who = (t: string) => app.jwt['verify'](t);
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'nest-module-ref-get',
    description: '@nestjs/jwt `JwtService` fetched with `moduleRef.get(JwtService)`',
    filename: app('nest-module-ref-get'),
    code: `import { JwtService } from '@nestjs/jwt';
export function check(moduleRef: { get<T>(c: new (...a: never[]) => T): T }, t: string) {
  return moduleRef.get(JwtService).verify(t);
}
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'nest-inject-untyped',
    description: '@nestjs/jwt injected with `@Inject(JwtService)` into an untyped parameter',
    filename: app('nest-inject-untyped'),
    code: `import { Inject } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
export class Guard {
  constructor(@Inject(JwtService) private readonly tokens: any) {}
  check(t: string) {
    return this.tokens.verify(t);
  }
}
`,
    line: 6,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'promise-resolve-module',
    description: '`Promise.resolve(jwt).then((m) => m.verify(t))`',
    filename: app('promise-resolve-module'),
    code: `import jwt from 'jsonwebtoken';
export const check = (t: string) =>
  Promise.resolve(jwt).then((m) => m.verify(t, 'k'));
`,
    line: 3,
    expected: 'caught',
    rule: VERIFY,
  },
  // ── What static analysis cannot see ─────────────────────────────────────────────────────────────
  {
    id: 'eval-string',
    description: '`eval()` of a constant string that requires the library (the string is analysed)',
    filename: app('eval-string', 'js'),
    code: `module.exports = (t, k) =>
  eval("require('jsonwebtoken').verify(t, k)");
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'new-function-string',
    description: '`new Function()` with a constant body that requires the library',
    filename: app('new-function-string', 'js'),
    code: `const check = new Function('t', 'k',
  "return require('jsonwebtoken').verify(t, k)");
module.exports = check;
`,
    line: 1,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'worker-eval-string',
    description: 'a `Worker` started from a constant code string (`eval: true`)',
    filename: app('worker-eval-string', 'js'),
    code: `const { Worker } = require('node:worker_threads');
new Worker("require('jsonwebtoken').verify(process.argv[2], 'k')", { eval: true });
`,
    line: 2,
    expected: 'caught',
    rule: VERIFY,
  },
  {
    id: 'eval-computed-string',
    description: '`eval()` of code decoded at run time',
    filename: app('eval-computed-string', 'js'),
    code: `// checks the jwt
module.exports = (t, k) => eval(Buffer.from(process.env.CHECK_CODE, 'base64').toString());
`,
    line: 2,
    expected: 'gap',
    rule: VERIFY,
    gapReason:
      'The code only exists at run time. Constant code strings are analysed like code, but this one is not constant. Forbid eval with `no-eval` (and `no-implied-eval`, `no-new-func`) and review.',
  },
  {
    id: 'global-script-library',
    description: 'a library loaded by a script tag, used as a global',
    filename: app('global-script-library', 'js'),
    code: `// <script src="jsrsasign-all-min.js"> puts KJUR on window
export const ok = (t) => KJUR.jws.JWS.verify(t, 'k', ['HS256']);
`,
    line: 2,
    expected: 'gap',
    rule: VERIFY,
    gapReason:
      'No import names the library, so nothing ties the global to it. Declare such globals with `no-restricted-globals`.',
  },
];
