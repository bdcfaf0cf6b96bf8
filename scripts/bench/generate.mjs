#!/usr/bin/env node
/**
 * Generates a deterministic synthetic TypeScript project for the benchmark: most files are JWT-free but
 * full of look-alikes (TextDecoder.decode, local verify() methods, crypto.verify, argon2.verify, objects
 * named jwt, comments and strings that mention jsonwebtoken, harmless process.env reads), and a few
 * percent reach a JWT library in one of many forms. Every site the recommended rules must report is
 * written to manifest.json (file, line, rule), so the runner can score each tool's precision and recall.
 *
 *   node scripts/bench/generate.mjs --files 1000 [--seed 42] [--out DIR] [--jwt-percent 3]
 *
 * Same seed and size, same bytes: the runner regenerates a tree only when its manifest does not match.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GENERATOR_VERSION = 6;

/** mulberry32: small, fast and good enough to make the trees varied yet reproducible. */
function rng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const DOMAINS = ['billing', 'users', 'orders', 'catalog', 'search', 'notifications', 'reports', 'inventory', 'shipping', 'payments', 'analytics', 'admin'];
const FEATURES = ['api', 'service', 'model', 'util', 'jobs', 'views', 'store', 'adapters'];
const NOUNS = ['invoice', 'customer', 'order', 'item', 'ticket', 'message', 'report', 'account', 'session', 'batch', 'ledger', 'quote', 'parcel', 'coupon'];
const VERBS = ['load', 'save', 'format', 'compute', 'merge', 'sync', 'render', 'collect', 'apply', 'refresh', 'score', 'group'];

const cap = (word) => word[0].toUpperCase() + word.slice(1);

/**
 * Blocks without any site. `hot` blocks contain a word the prefilter looks for (jwt, jsonwebtoken,
 * base64, atob, .env), so a file holding one is parsed and analysed even though it reports nothing.
 */
const PLAIN_BLOCKS = [
  (r, n) => [
    `export interface ${cap(n)}Record {`,
    `  id: string;`,
    `  createdAt: Date;`,
    `  amount: number;`,
    `  tags: readonly string[];`,
    `}`,
  ],
  (r, n) => [
    `export function ${r.pick(VERBS)}${cap(n)}Totals(rows: ReadonlyArray<{ amount: number; tags: string[] }>): Map<string, number> {`,
    `  const totals = new Map<string, number>();`,
    `  for (const row of rows) {`,
    `    for (const tag of row.tags) totals.set(tag, (totals.get(tag) ?? 0) + row.amount);`,
    `  }`,
    `  return totals;`,
    `}`,
  ],
  (r, n) => [
    `export class ${cap(n)}Repository {`,
    `  private readonly rows = new Map<string, { id: string; version: number }>();`,
    ``,
    `  find(id: string): { id: string; version: number } | undefined {`,
    `    return this.rows.get(id);`,
    `  }`,
    ``,
    `  upsert(id: string): number {`,
    `    const current = this.rows.get(id);`,
    `    const version = (current?.version ?? 0) + ${r.int(1, 3)};`,
    `    this.rows.set(id, { id, version });`,
    `    return version;`,
    `  }`,
    `}`,
  ],
  (r, n) => [
    `export async function ${r.pick(VERBS)}${cap(n)}Page(fetchPage: (cursor?: string) => Promise<{ items: string[]; next?: string }>): Promise<string[]> {`,
    `  const all: string[] = [];`,
    `  let cursor: string | undefined;`,
    `  do {`,
    `    const page = await fetchPage(cursor);`,
    `    all.push(...page.items.filter((item) => item.length > ${r.int(0, 4)}));`,
    `    cursor = page.next;`,
    `  } while (cursor);`,
    `  return all;`,
    `}`,
  ],
  (r, n) => [
    `export const ${n}Labels: Record<string, string> = {`,
    ...Array.from({ length: r.int(3, 8) }, (_, i) => `  ${n}${i}: '${cap(n)} ${r.pick(VERBS)} ${i}',`),
    `};`,
  ],
  (r, n) => [
    `export function ${n}Checksum(text: string): number {`,
    `  let hash = ${r.int(5000, 6000)};`,
    `  for (let index = 0; index < text.length; index++) hash = (hash * 33) ^ text.charCodeAt(index);`,
    `  return hash >>> 0;`,
    `}`,
  ],
  // Look-alikes: verify/decode that are not JWT at all.
  (r, n) => [
    `export function ${n}FromBytes(bytes: Uint8Array): string {`,
    `  return new TextDecoder().decode(bytes);`,
    `}`,
  ],
  (r, n) => [
    `export class ${cap(n)}Validator {`,
    `  verify(input: { id?: string; total?: number }): boolean {`,
    `    return typeof input.id === 'string' && (input.total ?? 0) >= 0;`,
    `  }`,
    ``,
    `  verifyAll(inputs: Array<{ id?: string; total?: number }>): boolean {`,
    `    return inputs.every((input) => this.verify(input));`,
    `  }`,
    `}`,
  ],
  (r, n) => [
    `export function ${n}SignatureValid(crypto: { verify(alg: string, data: Uint8Array, key: string, sig: Uint8Array): boolean }, data: Uint8Array, key: string, sig: Uint8Array): boolean {`,
    `  return crypto.verify('sha256', data, key, sig);`,
    `}`,
  ],
  (r, n) => [
    `declare const argon2: { verify(hash: string, password: string): Promise<boolean> };`,
    `export async function ${n}PasswordMatches(hash: string, password: string): Promise<boolean> {`,
    `  return argon2.verify(hash, password);`,
    `}`,
  ],
  (r, n) => [
    `export const ${n}Codec = {`,
    `  decode(raw: string): { id: string } | undefined {`,
    `    const [id] = raw.split(':');`,
    `    return id ? { id } : undefined;`,
    `  },`,
    `};`,
    `export const parsed${cap(n)} = ${n}Codec.decode('${n}:${r.int(1, 999)}');`,
  ],
  (r, n) => [
    `function verify(signature: string, expected: string): boolean {`,
    `  return signature.length === expected.length && signature === expected;`,
    `}`,
    `export const ${n}Matches = (a: string, b: string): boolean => verify(a, b);`,
  ],
  (r, n) => [
    `export function ${n}Query(url: string): Record<string, string> {`,
    `  const out: Record<string, string> = {};`,
    `  for (const pair of url.split('?')[1]?.split('&') ?? []) {`,
    `    const [key, value] = pair.split('=');`,
    `    if (key) out[decodeURIComponent(key)] = decodeURIComponent(value ?? '');`,
    `  }`,
    `  return out;`,
    `}`,
  ],
];

const HOT_BLOCKS = [
  (r, n) => [
    `// The gateway validates tokens before this service sees them; no jsonwebtoken here.`,
    `export function ${n}Header(headers: Record<string, string | undefined>): string | undefined {`,
    `  return headers['x-${n}-id'];`,
    `}`,
  ],
  (r, n) => [
    `// An object that happens to be called jwt: not the library.`,
    `const jwt = { verify: (value: string): boolean => value.startsWith('${n}:'), decode: (value: string): string => value.slice(${n.length + 1}) };`,
    `export function ${n}Accepts(value: string): string | undefined {`,
    `  return jwt.verify(value) ? jwt.decode(value) : undefined;`,
    `}`,
  ],
  (r, n) => [
    `export const ${n}Port = Number(process.env.PORT ?? ${r.int(3000, 9000)});`,
    `export const ${n}Database = process.env.DATABASE_URL ?? 'postgres://localhost/${n}';`,
  ],
  (r, n) => [
    `export function ${n}Attachment(data: string): Uint8Array {`,
    `  return Buffer.from(data, 'base64');`,
    `}`,
  ],
  (r, n) => [
    `export function ${n}Legacy(encoded: string): string {`,
    `  // Older clients send the whole value base64-encoded (not a token).`,
    `  return atob(encoded);`,
    `}`,
  ],
  (r, n) => [
    `export const ${n}Docs = 'Tokens are JWTs issued by the identity provider; see docs/auth.md.';`,
  ],
];

/**
 * Real sites. Markers «rule» at the end of a line name what the recommended rules report on that line;
 * they are stripped from the output and recorded in the manifest. `name` is a unique identifier suffix.
 */
const JWT_TEMPLATES = [
  {
    form: 'default-import',
    lines: (n) => [
      `import jwt from 'jsonwebtoken';«no-auth-import-bypass»`,
      `export function ${n}Claims(token: string): unknown {`,
      `  const secret = process.env.JWT_SECRET ?? '';«no-jwt-secret-access»`,
      `  return jwt.verify(token, secret, { algorithms: ['HS256'] });«no-direct-verify»`,
      `}`,
    ],
  },
  {
    form: 'named-alias',
    lines: (n) => [
      `import { verify as check${cap(n)}, decode } from 'jsonwebtoken';«no-auth-import-bypass»`,
      `export function ${n}Subject(token: string, key: string): string | undefined {`,
      `  const peek = decode(token) as { sub?: string } | null;«no-direct-decode»`,
      `  if (!peek) return undefined;`,
      `  const claims = check${cap(n)}(token, key, { algorithms: ['RS256'] }) as { sub?: string };«no-direct-verify»`,
      `  return claims.sub;`,
      `}`,
    ],
  },
  {
    form: 'require',
    lines: (n) => [
      `const jsonwebtoken = require('jsonwebtoken');«no-auth-import-bypass»`,
      `export function ${n}User(token: string, key: string): unknown {`,
      `  return jsonwebtoken.verify(token, key);«no-direct-verify»`,
      `}`,
    ],
  },
  {
    form: 'destructured-require',
    lines: (n) => [
      `const { verify: verifyToken } = require('jsonwebtoken');«no-auth-import-bypass»`,
      `export const ${n}Check = (token: string, key: string): unknown =>`,
      `  verifyToken(token, key, { audience: '${n}' });«no-direct-verify»`,
    ],
  },
  {
    form: 'import-equals',
    lines: (n) => [
      `import tokens = require('jsonwebtoken');«no-auth-import-bypass»`,
      `export function ${n}Peek(token: string): unknown {`,
      `  return tokens.decode(token, { complete: true });«no-direct-decode»`,
      `}`,
    ],
  },
  {
    form: 'jose-jwtVerify',
    lines: (n) => [
      `import { jwtVerify, createRemoteJWKSet } from 'jose';«no-auth-import-bypass»`,
      `const ${n}Keys = createRemoteJWKSet(new URL('https://id.example.com/.well-known/jwks.json'));`,
      `export async function ${n}Session(token: string): Promise<string | undefined> {`,
      `  const { payload } = await jwtVerify(token, ${n}Keys, { issuer: 'https://id.example.com' });«no-direct-verify»`,
      `  return payload.sub;`,
      `}`,
    ],
  },
  {
    form: 'jose-namespace',
    lines: (n) => [
      `import * as jose from 'jose';«no-auth-import-bypass»`,
      `export async function ${n}Claims(token: string, key: Uint8Array): Promise<unknown> {`,
      `  const header = jose.decodeProtectedHeader(token);«no-direct-decode»`,
      `  if (header.alg !== 'HS256') throw new Error('Unexpected algorithm.');`,
      `  return (await jose.jwtVerify(token, key)).payload;«no-direct-verify»`,
      `}`,
    ],
  },
  {
    form: 'jwt-decode',
    lines: (n) => [
      `import { jwtDecode } from 'jwt-decode';«no-auth-import-bypass»`,
      `export function ${n}Expiry(token: string): number {`,
      `  return jwtDecode<{ exp: number }>(token).exp;«no-direct-decode»`,
      `}`,
    ],
  },
  {
    form: 'hand-rolled',
    lines: (n) => [
      `export function ${n}Payload(token: string): { sub?: string } {`,
      `  const segment = token.split('.')[1] as string;`,
      `  return JSON.parse(atob(segment.replace(/-/g, '+').replace(/_/g, '/')));«no-direct-decode»`,
      `}`,
    ],
  },
  {
    form: 'hand-rolled-buffer',
    lines: (n) => [
      `export function ${n}Roles(token: string): string[] {`,
      `  const [, body] = token.split('.');`,
      `  return JSON.parse(Buffer.from(body as string, 'base64url').toString('utf8')).roles ?? [];«no-direct-decode»`,
      `}`,
    ],
  },
  {
    form: 'unsafe-options',
    lines: (n) => [
      `import jwt from 'jsonwebtoken';«no-auth-import-bypass»`,
      `export function ${n}Lenient(token: string, key: string): unknown {`,
      `  return jwt.verify(token, key, {«no-direct-verify»`,
      `    ignoreExpiration: true,«no-unsafe-verify-options»`,
      `  });`,
      `}`,
    ],
  },
  {
    form: 'dynamic-import',
    lines: (n) => [
      `export async function ${n}Lazy(token: string, key: Uint8Array): Promise<unknown> {`,
      `  const { jwtVerify } = await import('jose');«no-auth-import-bypass»`,
      `  const result = await jwtVerify(token, key);«no-direct-verify»`,
      `  return result.payload;`,
      `}`,
    ],
  },
  {
    form: 'class-member',
    lines: (n) => [
      `import { JwtService } from '@nestjs/jwt';«no-auth-import-bypass»`,
      `export class ${cap(n)}Guard {`,
      `  constructor(private readonly jwt: JwtService) {}`,
      ``,
      `  async canActivate(token: string): Promise<boolean> {`,
      `    const claims = await this.jwt.verifyAsync(token);«no-direct-verify»`,
      `    return Boolean(claims);`,
      `  }`,
      `}`,
    ],
  },
  {
    form: 'sign-only',
    lines: (n) => [
      `import jwt from 'jsonwebtoken';«no-auth-import-bypass»`,
      `export function ${n}Issue(subject: string, key: string): string {`,
      `  return jwt.sign({ sub: subject }, key, { expiresIn: '15m' });`,
      `}`,
    ],
  },
];

const CANONICAL = [
  `/** The single source of truth for JWT validation in this project. */`,
  `import jwt from 'jsonwebtoken';`,
  ``,
  `export interface Claims {`,
  `  sub: string;`,
  `  roles?: string[];`,
  `}`,
  ``,
  `const secret = process.env.JWT_SECRET ?? '';`,
  ``,
  `export function validateToken(token: string): Claims {`,
  `  return jwt.verify(token, secret, { algorithms: ['HS256'] }) as Claims;`,
  `}`,
  ``,
  `export function decodeToken(token: string): Claims | null {`,
  `  return jwt.decode(token) as Claims | null;`,
  `}`,
  ``,
];

const RULE_MARK = /«([a-z-]+)»/g;
const RECOMMENDED_RULES = ['no-auth-import-bypass', 'no-direct-decode', 'no-direct-verify', 'no-jwt-secret-access', 'no-unsafe-verify-options'];

function renderFile(r, index, isJwt) {
  const noun = r.pick(NOUNS);
  const lines = [`// ${cap(noun)} module ${index} (synthetic benchmark file).`];
  const sites = [];
  const blockCount = r.int(5, 12);
  const hot = !isJwt && r.chance(0.12);
  const templateIndex = isJwt ? r.int(0, JWT_TEMPLATES.length - 1) : -1;
  const templateAt = isJwt ? r.int(0, blockCount) : -1;
  const hotAt = hot ? r.int(0, blockCount) : -1;
  // Each block at most once per file: repeated declarations would not parse under Babel (jscodeshift).
  const plain = [...PLAIN_BLOCKS];
  for (let index = plain.length - 1; index > 0; index--) {
    const other = r.int(0, index);
    [plain[index], plain[other]] = [plain[other], plain[index]];
  }
  let form;
  for (let block = 0; block <= blockCount; block++) {
    const name = `${noun}${index}b${block}`;
    if (block === templateAt) {
      const template = JWT_TEMPLATES[templateIndex];
      form = template.form;
      // Imports and requires of the templates must stay at the top level: put them first.
      const body = template.lines(name);
      lines.push('');
      for (const raw of body) {
        const rules = [...raw.matchAll(RULE_MARK)].map((match) => match[1]);
        const line = raw.replace(RULE_MARK, '');
        lines.push(line);
        for (const rule of rules) sites.push({ line: lines.length, rule });
      }
    }
    if (block === hotAt) {
      lines.push('', ...r.pick(HOT_BLOCKS)(r, name));
    }
    if (block < blockCount) lines.push('', ...plain[block](r, name));
  }
  lines.push('');
  return { text: lines.join('\n'), sites, form };
}

function configFiles() {
  const plugin = pathToFileURL(path.join(REPO, 'dist/packages/plugin/main.js')).href;
  const parser = pathToFileURL(require_resolve('@typescript-eslint/parser')).href;
  const settings = `{
  'jwt-ssot': {
    canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
  },
}`;
  return {
    // What a user writes: the recommended preset plus settings. The audit reads this one.
    'eslint.config.mjs': `import jwtSsot from '${plugin}';

export default [
  { ...jwtSsot.configs.recommended, files: ['**/*.ts'] },
  { settings: ${settings} },
];
`,
    // Baseline: the same parser, no rules.
    'eslint.parser-only.config.mjs': `import parser from '${parser}';

export default [{ files: ['**/*.ts'], languageOptions: { parser } }];
`,
    // Second baseline: the same parser and one rule that does nothing. ESLint does measurably more per
    // file as soon as any rule is on, so this isolates what the plugin's rules themselves cost.
    'eslint.noop-rule.config.mjs': `import parser from '${parser}';

const noop = { meta: { type: 'problem', schema: [] }, create: () => ({}) };
export default [{ files: ['**/*.ts'], languageOptions: { parser }, plugins: { bench: { rules: { noop } } }, rules: { 'bench/noop': 'error' } }];
`,
    // Typed linting: the recommended preset with the project service on.
    'eslint.typed.config.mjs': `import jwtSsot from '${plugin}';

export default [
  { ...jwtSsot.configs.recommended, files: ['**/*.ts'] },
  { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  { settings: ${settings} },
];
`,
    // oxlint running the same rules through its ESLint-compatible JS plugin API.
    '.oxlintrc.json': `${JSON.stringify(
      {
        plugins: [],
        categories: { correctness: 'off' },
        jsPlugins: [path.join(REPO, 'dist/packages/plugin/main.js')],
        settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } } } },
        rules: Object.fromEntries(RECOMMENDED_RULES.map((rule) => [`jwt-ssot/${rule}`, 'error'])),
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
    'package.json': `${JSON.stringify({ name: 'jwt-ssot-bench-tree', private: true, version: '0.0.0' }, null, 2)}\n`,
  };
}

function require_resolve(specifier) {
  // The generator is ESM; resolve packages from the repository the same way ESLint will.
  return fileURLToPath(import.meta.resolve(specifier, pathToFileURL(path.join(REPO, 'package.json')).href));
}

export function defaultTreeDir(files, seed) {
  return path.join(os.tmpdir(), 'jwt-ssot-bench', `tree-${files}-seed${seed}`);
}

/** Generates (or reuses, when the manifest matches) a tree; returns its manifest. */
export function generateTree({ files, seed = 42, out = defaultTreeDir(files, seed), jwtPercent = 3 }) {
  const manifestFile = path.join(out, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const existing = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (existing.generatorVersion === GENERATOR_VERSION && existing.files === files && existing.seed === seed && existing.jwtPercent === jwtPercent) {
      // Config files embed absolute paths to this checkout: refresh them in case the repository moved.
      for (const [name, text] of Object.entries(configFiles())) fs.writeFileSync(path.join(out, name), text);
      return { ...existing, root: out };
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const r = rng(seed * 7919 + files);
  const sites = [];
  const forms = {};
  let jwtFiles = 0;
  let lines = 0;
  let bytes = 0;
  const write = (relative, text) => {
    const absolute = path.join(out, relative);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text);
    lines += text.split('\n').length;
    bytes += Buffer.byteLength(text);
  };
  write('src/auth/jwt-handler.ts', CANONICAL.join('\n'));
  // The canonical module is one of the files; the rest are generated.
  for (let index = 1; index < files; index++) {
    const isJwt = r.next() < jwtPercent / 100;
    const domain = DOMAINS[index % DOMAINS.length];
    const feature = FEATURES[Math.floor(index / DOMAINS.length) % FEATURES.length];
    const group = Math.floor(index / (DOMAINS.length * FEATURES.length * 10));
    const relative = `src/${domain}/${feature}/g${group}/${r.pick(NOUNS)}-${index}.ts`;
    const { text, sites: fileSites, form } = renderFile(r, index, isJwt);
    write(relative, text);
    if (isJwt) {
      jwtFiles++;
      forms[form] = (forms[form] ?? 0) + 1;
    }
    for (const site of fileSites) sites.push({ file: relative, ...site });
  }
  for (const [name, text] of Object.entries(configFiles())) fs.writeFileSync(path.join(out, name), text);
  const byRule = {};
  for (const site of sites) byRule[site.rule] = (byRule[site.rule] ?? 0) + 1;
  const callSites = sites.filter((site) => site.rule === 'no-direct-verify' || site.rule === 'no-direct-decode').length;
  const manifest = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    files,
    jwtPercent,
    jwtFiles,
    lines,
    bytes,
    forms,
    expected: { findings: sites.length, callSites, byRule },
    sites,
  };
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, root: out };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
      'jwt-percent': { type: 'string', default: '3' },
    },
  });
  const files = Number(values.files);
  const seed = Number(values.seed);
  const manifest = generateTree({ files, seed, out: values.out ? path.resolve(values.out) : undefined, jwtPercent: Number(values['jwt-percent']) });
  process.stdout.write(
    `${manifest.root}: ${manifest.files} files (${manifest.jwtFiles} using JWT libraries), ${manifest.lines} lines, ` +
      `${manifest.expected.findings} expected findings (${manifest.expected.callSites} verify/decode call sites)\n`,
  );
}
