/**
 * Generated programs for the property tests: one JWT site built from
 * library API × import form × call shape × enclosing context, surrounded by ordinary statements that
 * have nothing to do with JWTs. Each program knows the lines its site must be reported on.
 */
import fc from 'fast-check';

export type SiteRule = 'no-direct-verify' | 'no-direct-decode';

export interface LibraryApi {
  readonly module: string;
  /** The member users import: `verify`, `jwtVerify`, `createVerifier`. */
  readonly name: string;
  readonly rule: SiteRule;
  /** Arguments of the call that verifies/decodes. */
  readonly args: string;
  /** fast-jwt: the member is a factory; calling it (with these arguments) returns the function the shape calls. */
  readonly factoryArgs?: string;
  /** jwt-decode v3: the default export is the function itself. */
  readonly defaultIsFunction?: boolean;
  /** jose has no default export. */
  readonly noDefault?: boolean;
}

export const APIS: readonly LibraryApi[] = [
  { module: 'jsonwebtoken', name: 'verify', rule: 'no-direct-verify', args: 't, k' },
  { module: 'jsonwebtoken', name: 'decode', rule: 'no-direct-decode', args: 't' },
  { module: 'jose', name: 'jwtVerify', rule: 'no-direct-verify', args: "t, k, { algorithms: ['ES256'] }", noDefault: true },
  { module: 'jose', name: 'decodeJwt', rule: 'no-direct-decode', args: 't', noDefault: true },
  { module: 'jwt-decode', name: 'jwtDecode', rule: 'no-direct-decode', args: 't', defaultIsFunction: true },
  { module: 'fast-jwt', name: 'createVerifier', rule: 'no-direct-verify', args: 't', factoryArgs: "{ key: k, algorithms: ['HS256'] }" },
  { module: 'fast-jwt', name: 'createDecoder', rule: 'no-direct-decode', args: 't', factoryArgs: '' },
];

export const IMPORT_FORMS = [
  'default',
  'named',
  'namespace',
  'require',
  'require-destructured',
  'import-equals',
  'await-import',
  'await-import-namespace',
] as const;
export type ImportForm = (typeof IMPORT_FORMS)[number];

export const CALL_SHAPES = ['direct', 'optional', 'call', 'apply', 'alias', 'bind', 'reflect-apply', 'sequence', 'computed'] as const;
export type CallShape = (typeof CALL_SHAPES)[number];

export const CONTEXTS = ['sync-function', 'async-function', 'arrow', 'class-method', 'top-level-await', 'try-catch'] as const;
export type Context = (typeof CONTEXTS)[number];

/** Ordinary statements around the site; the codemod must leave every one of them as it was. */
export const FILLERS: readonly string[] = [
  "export const greeting = 'hello';",
  'export const total = [1, 2, 3].reduce((sum, n) => sum + n, 0);',
  "console.log('starting');",
  'export function add(a: number, b: number): number { return a + b; }',
  'export const settings = { retries: 3, verify: true };',
  "const local = { verify: (x: string) => x.length > 0 }; local.verify('x');",
  "export const text = new TextDecoder().decode(new Uint8Array([104, 105]));",
];

export interface ProgramSpec {
  readonly api: LibraryApi;
  readonly form: ImportForm;
  readonly shape: CallShape;
  readonly context: Context;
  /** The key argument: the `k` parameter, or the secret read from the environment (what a migration can rewrite). */
  readonly key: 'param' | 'env';
  /** Indexes into FILLERS placed before and after the site. */
  readonly before: readonly number[];
  readonly after: readonly number[];
}

export interface Program {
  readonly spec: ProgramSpec;
  readonly code: string;
  /** The rule that must report, and every line it must report on (the site, and a fast-jwt factory). */
  readonly rule: SiteRule;
  readonly lines: readonly number[];
  /** The filler lines, exactly as written. */
  readonly fillers: readonly string[];
}

const needsAwait = (form: ImportForm): boolean => form === 'await-import' || form === 'await-import-namespace';
const isAsyncContext = (context: Context): boolean => context !== 'sync-function';

/** A combination that is valid JavaScript/TypeScript. */
export function isValidSpec(spec: Pick<ProgramSpec, 'api' | 'form' | 'shape' | 'context'>): boolean {
  if (needsAwait(spec.form) && !isAsyncContext(spec.context)) return false;
  if (spec.form === 'default' && spec.api.noDefault) return false;
  return true;
}

const alias = (api: LibraryApi): string => `${api.name}Fn`;

/** The binding statement (placed at module top or in the body) and the expression naming the API. */
function binding(api: LibraryApi, form: ImportForm): { statement: string; topLevel: boolean; reference: string; member: boolean } {
  const module = `'${api.module}'`;
  switch (form) {
    case 'default':
      return api.defaultIsFunction
        ? { statement: `import lib from ${module};`, topLevel: true, reference: 'lib', member: false }
        : { statement: `import lib from ${module};`, topLevel: true, reference: `lib.${api.name}`, member: true };
    case 'named':
      return { statement: `import { ${api.name} as ${alias(api)} } from ${module};`, topLevel: true, reference: alias(api), member: false };
    case 'namespace':
      return { statement: `import * as lib from ${module};`, topLevel: true, reference: `lib.${api.name}`, member: true };
    case 'require':
      return { statement: `const lib = require(${module});`, topLevel: false, reference: `lib.${api.name}`, member: true };
    case 'require-destructured':
      return { statement: `const { ${api.name}: ${alias(api)} } = require(${module});`, topLevel: false, reference: alias(api), member: false };
    case 'import-equals':
      return { statement: `import lib = require(${module});`, topLevel: true, reference: `lib.${api.name}`, member: true };
    case 'await-import':
      return { statement: `const { ${api.name}: ${alias(api)} } = await import(${module});`, topLevel: false, reference: alias(api), member: false };
    case 'await-import-namespace':
      return { statement: `const lib = await import(${module});`, topLevel: false, reference: `lib.${api.name}`, member: true };
  }
}

/** `lib.verify` → `lib['verify']`; an identifier stays as it is (it has no member to compute). */
function computed(reference: string, member: boolean): string {
  if (!member) return reference;
  const dot = reference.lastIndexOf('.');
  return `${reference.slice(0, dot)}['${reference.slice(dot + 1)}']`;
}

/** Lines that call `fn` with `args` in the given shape; the last line holds the reported call. */
function callLines(fn: string, member: boolean, args: string, shape: CallShape): string[] {
  switch (shape) {
    case 'direct':
      return [`result = ${fn}(${args});`];
    case 'optional':
      return [`result = ${fn}?.(${args});`];
    case 'call':
      return [`result = ${fn}.call(null, ${args});`];
    case 'apply':
      return [`result = ${fn}.apply(null, [${args}]);`];
    case 'alias':
      return [`const run = ${fn};`, `result = run(${args});`];
    case 'bind':
      return [`const run = ${fn}.bind(null);`, `result = run(${args});`];
    case 'reflect-apply':
      return [`result = Reflect.apply(${fn}, null, [${args}]);`];
    case 'sequence':
      return [`result = (0, ${fn})(${args});`];
    case 'computed':
      return [`result = ${computed(fn, member)}(${args});`];
  }
}

/** The body of the site: binding (unless at top), fast-jwt factory, the call. Returns lines and site offsets. */
const KEY_SOURCE = { param: 'k', env: 'process.env.JWT_SECRET!' } as const;

function siteBody(spec: ProgramSpec, bound: ReturnType<typeof binding>): { lines: string[]; siteOffsets: number[] } {
  const withKey = (args: string) => args.replace(/\bk\b/g, KEY_SOURCE[spec.key]);
  const lines: string[] = ['let result: unknown;'];
  const siteOffsets: number[] = [];
  if (!bound.topLevel) lines.push(bound.statement);
  let fn = bound.reference;
  let member = bound.member;
  if (spec.api.factoryArgs !== undefined) {
    siteOffsets.push(lines.length);
    lines.push(`const made = ${fn}(${withKey(spec.api.factoryArgs)});`);
    fn = 'made';
    member = false;
  }
  const calls = callLines(fn, member, withKey(spec.api.args), spec.shape);
  lines.push(...calls);
  siteOffsets.push(lines.length - 1);
  lines.push('console.log(result);');
  return { lines, siteOffsets };
}

/** Wraps the body in its context; `bodyAt` is the index of the body's first line in the result. */
function wrap(context: Context, body: string[], async: boolean): { lines: string[]; bodyAt: number } {
  const indent = (lines: string[], depth: number) => lines.map((line) => '  '.repeat(depth) + line);
  const a = async ? 'async ' : '';
  switch (context) {
    case 'sync-function':
      return { lines: ['export function run(t: string, k: string) {', ...indent(body, 1), '}'], bodyAt: 1 };
    case 'async-function':
      return { lines: ['export async function run(t: string, k: string) {', ...indent(body, 1), '}'], bodyAt: 1 };
    case 'arrow':
      return { lines: [`export const run = ${a}(t: string, k: string) => {`, ...indent(body, 1), '};'], bodyAt: 1 };
    case 'class-method':
      return { lines: ['export class Service {', `  ${a}run(t: string, k: string) {`, ...indent(body, 2), '  }', '}'], bodyAt: 2 };
    case 'top-level-await':
      return { lines: ["const t = process.argv[2] ?? '';", "const k = 'key';", 'await Promise.resolve();', ...body], bodyAt: 3 };
    case 'try-catch':
      return {
        lines: ['export async function run(t: string, k: string) {', '  try {', ...indent(body, 2), '  } catch (error) {', '    console.error(error);', '  }', '}'],
        bodyAt: 2,
      };
  }
}

export function buildProgram(spec: ProgramSpec): Program {
  const bound = binding(spec.api, spec.form);
  const { lines: body, siteOffsets } = siteBody(spec, bound);
  const wrapped = wrap(spec.context, body, needsAwait(spec.form));
  const fillers = [...spec.before.map((index) => FILLERS[index]!), ...spec.after.map((index) => FILLERS[index]!)];
  const head = [...(bound.topLevel ? [bound.statement] : []), ...spec.before.map((index) => FILLERS[index]!)];
  const lines = [...head, ...wrapped.lines, ...spec.after.map((index) => FILLERS[index]!), ''];
  const siteLines = siteOffsets.map((offset) => head.length + wrapped.bodyAt + offset + 1);
  return { spec, code: lines.join('\n'), rule: spec.api.rule, lines: siteLines, fillers };
}

const fillerIndexes = fc.uniqueArray(fc.nat({ max: FILLERS.length - 1 }), { maxLength: 3 });

/** Arbitrary valid program specs. */
export const programSpec: fc.Arbitrary<ProgramSpec> = fc
  .record({
    api: fc.constantFrom(...APIS),
    form: fc.constantFrom(...IMPORT_FORMS),
    shape: fc.constantFrom(...CALL_SHAPES),
    context: fc.constantFrom(...CONTEXTS),
    key: fc.constantFrom('param' as const, 'env' as const),
    before: fillerIndexes,
    after: fillerIndexes,
  })
  .filter(isValidSpec);

/** Every valid combination of the four dimensions once (fillers fixed), for the long run. */
export function allSpecs(): ProgramSpec[] {
  const specs: ProgramSpec[] = [];
  for (const api of APIS)
    for (const form of IMPORT_FORMS)
      for (const shape of CALL_SHAPES)
        for (const context of CONTEXTS) {
          const spec: ProgramSpec = { api, form, shape, context, key: specs.length % 2 ? 'env' : 'param', before: [0, 5], after: [6] };
          if (isValidSpec(spec)) specs.push(spec);
        }
  return specs;
}

export const LONG = process.env.JWT_SSOT_LONG_TESTS === '1';
