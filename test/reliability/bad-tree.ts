/**
 * The bad-input project: a tree holding what real repositories contain next to ordinary code (syntax
 * errors, binary files named .ts, a minified bundle, very long lines, deep nesting, CRLF, BOM, Latin-1,
 * empty and declaration files, symlink loops and escapes, unreadable files and a read-only folder). It is
 * built in a temporary folder at test time so no binary junk is committed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'dist/packages/cli/bin.js');
export const PLUGIN_ENTRY = path.join(REPO, 'dist/packages/plugin/main.js');
const TS_PARSER = require.resolve('@typescript-eslint/parser');

/** Nesting deeper than any parser's stack allows (typescript-estree gives up below 1,000 levels). */
export const TOO_DEEP = 5_000;
/** Nesting the parser handles, well past what a naive per-node recursion would make comfortable. */
export const DEEP_OK = 300;

export interface BadTree {
  /** The project root (realpath). */
  readonly root: string;
  /** A sibling folder outside the project that a symlink points into. */
  readonly outside: string;
  /** Files that are not valid input, relative path → what the error must say. */
  readonly badFiles: Readonly<Record<string, RegExp>>;
  /** Paths the listing must skip, relative path → reason. */
  readonly skipped: Readonly<Record<string, RegExp>>;
  /** `file:line` of every direct verify/decode site outside the canonical module in readable files. */
  readonly directSites: readonly string[];
  /** The file the test deletes after it is listed. */
  readonly vanishing: string;
  /** A file and a folder the unprivileged user cannot read, and a folder it cannot write. */
  readonly unreadable: string;
  readonly unreadableDir: string;
  readonly readOnlyDir: string;
  remove(): void;
}

/** A small deterministic generator, so the "random" bytes are the same in every run. */
export function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[index] = state & 0xff;
  }
  return out;
}

/** What migrate makes of `routeFile(name, eol)`: the canonical call, the import replaced, nothing else. */
export function migratedRouteFile(name: string, eol = '\n'): string {
  return [
    `import { validateToken } from '../auth/jwt-handler';`,
    ``,
    `export function ${name}(token: string): unknown {`,
    `  return validateToken(token);`,
    `}`,
    ``,
  ].join(eol);
}

/** Line 1 of the Latin-1 file, as bytes: é and © are single bytes that are not valid UTF-8. */
export const LATIN1_COMMENT = Buffer.from('// Caf\u00e9 des tokens \u00a9 2009\n', 'latin1');

const CANONICAL = `import jwt from 'jsonwebtoken';

export function validateToken(token: string): jwt.JwtPayload | string {
  return jwt.verify(token, process.env.JWT_SECRET ?? '', { algorithms: ['HS256'] });
}

export function decodeToken(token: string): jwt.JwtPayload | string | null {
  return jwt.decode(token);
}
`;

/** An ordinary route file with one verify site on line 4. */
export function routeFile(name: string, eol = '\n'): string {
  return [
    `import jwt from 'jsonwebtoken';`,
    ``,
    `export function ${name}(token: string): unknown {`,
    `  return jwt.verify(token, process.env.JWT_SECRET ?? '', { algorithms: ['HS256'] });`,
    `}`,
    ``,
  ].join(eol);
}

/** The 3 MB minified bundle: one line of generated code with one real jsonwebtoken site in the middle. */
export function minifiedBundle(bytes: number): { text: string; column: number } {
  const chunk = (index: number): string =>
    `var a${index}=function(b,c){return b&&c?{k:"v${index}",n:b+c*${index % 97}}:[b,c].map(function(d){return d|0})};`;
  const parts: string[] = ['var jwt=require("jsonwebtoken");'];
  let size = parts[0]!.length;
  let index = 0;
  let column = -1;
  while (size < bytes) {
    if (column < 0 && size >= bytes / 2) {
      column = size + 1;
      const site = 'function check(t){return jwt.verify(t,"bundle-key")};';
      parts.push(site);
      size += site.length;
    }
    const part = chunk(index++);
    parts.push(part);
    size += part.length;
  }
  return { text: parts.join('') + '\n', column };
}

export function buildBadTree(options: { bundleBytes?: number; longLineBytes?: number } = {}): BadTree {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-bad-input-')));
  fs.chmodSync(base, 0o755);
  const root = path.join(base, 'project');
  const outside = path.join(base, 'outside');
  const write = (rel: string, content: string | Buffer): void => {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  };

  write(
    'eslint.config.mjs',
    `import plugin from ${JSON.stringify(PLUGIN_ENTRY)};
import tsParser from ${JSON.stringify(TS_PARSER)};

export default [
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
  plugin.configs.recommended,
  {
    settings: {
      'jwt-ssot': {
        canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
      },
    },
  },
];
`,
  );
  write('package.json', '{ "name": "bad-input-project", "private": true }\n');
  write('src/auth/jwt-handler.ts', CANONICAL);

  // Ordinary files: the sites the run must still find.
  write('src/routes/users.ts', routeFile('readUser'));
  write('src/routes/crlf.ts', routeFile('readCrlf', '\r\n'));
  write('src/routes/bom.ts', `\uFEFF${routeFile('readBom')}`);
  write('src/routes/crlf-bom.ts', `\uFEFF${routeFile('readBoth', '\r\n')}`);
  write(
    'src/routes/decode.js',
    `const jwt = require('jsonwebtoken');\n\nfunction peek(token) {\n  return jwt.decode(token);\n}\n\nmodule.exports = { peek };\n`,
  );
  // Latin-1: "café" and "©" as single bytes 0xE9 / 0xA9, which are not valid UTF-8.
  write('src/legacy/latin1.ts', Buffer.concat([LATIN1_COMMENT, Buffer.from(routeFile('readLegacy'), 'latin1')]));
  // A very long line (a data table on one line) before a real site.
  const longLine = options.longLineBytes ?? 200_000;
  write(
    'src/data/long-line.ts',
    `import jwt from 'jsonwebtoken';\nexport const TABLE = [${Array.from({ length: Math.ceil(longLine / 8) }, (_, i) => i % 100000).join(', ')}];\nexport const check = (t: string) => jwt.verify(t, 'k');\n`,
  );
  // Deep, but parseable: the engine must walk it without running out of stack.
  write(
    'src/data/deep-ok.ts',
    `import jwt from 'jsonwebtoken';\nexport const nested = ${'['.repeat(DEEP_OK)}0${']'.repeat(DEEP_OK)};\nexport const check = (t: string) => ${'('.repeat(DEEP_OK)}jwt.verify(t, 'k')${')'.repeat(DEEP_OK)};\n`,
  );
  write('src/empty.ts', '');
  write('src/blank.ts', '\n\n   \n');
  write(
    'src/types/jwt-extra.d.ts',
    `import type { JwtPayload } from 'jsonwebtoken';\n\nexport interface Claims extends JwtPayload {\n  roles: string[];\n}\n\ndeclare module 'legacy-auth' {\n  export function verify(token: string): Claims;\n}\n`,
  );

  // Bad files.
  write('src/broken/syntax.ts', `import jwt from 'jsonwebtoken';\n\nexport function broken(token: string {\n  return jwt.verify(token, 'k');\n}\n`);
  const random = seededBytes(4096, 7);
  random[100] = 0;
  write('src/broken/random.ts', random);
  // Random bytes without a NUL: still not text.
  write('src/broken/noise.js', Buffer.from(seededBytes(4096, 11).map((byte) => byte || 1)));
  write(
    'src/broken/too-deep.ts',
    `import jwt from 'jsonwebtoken';\nexport const check = (t: string) => ${'['.repeat(TOO_DEEP)}jwt.verify(t, 'k')${']'.repeat(TOO_DEEP)};\n`,
  );
  const bundle = minifiedBundle(options.bundleBytes ?? 3 * 1024 * 1024);
  write('public/vendor.min.js', bundle.text);
  write('src/vanish/gone.ts', routeFile('readGone'));
  write('src/secret/unreadable.ts', routeFile('readSecret'));
  write('src/readonly/locked.ts', routeFile('readLocked'));
  write('src/private/hidden.ts', routeFile('readHidden'));

  // Symlinks: a loop back to an ancestor, a link to itself, and an escape out of the project.
  fs.mkdirSync(path.join(outside, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'lib/outside.ts'), routeFile('readOutside'));
  fs.symlinkSync('..', path.join(root, 'src/routes/loop'), 'dir');
  fs.symlinkSync('self.ts', path.join(root, 'src/self.ts'));
  fs.symlinkSync(path.join(outside, 'lib'), path.join(root, 'src/escape'), 'dir');

  return {
    root,
    outside,
    badFiles: {
      'src/broken/syntax.ts': /at 3:37: ',' expected/,
      'src/broken/random.ts': /binary/i,
      'src/broken/noise.js': /binary/i,
      'src/broken/too-deep.ts': /nest/i,
      'public/vendor.min.js': /too large/i,
      'src/vanish/gone.ts': /vanished|deleted/i,
      'src/secret/unreadable.ts': /^Permission denied: cannot read the file \(EACCES\)\.$/,
      'src/private': /^Permission denied: cannot read the folder \(EACCES\); its files were not checked\.$/,
    },
    skipped: {
      'src/routes/loop': /symlink loop/i,
      'src/self.ts': /symlink loop/i,
      'src/escape': /outside the project/i,
    },
    directSites: [
      'src/data/deep-ok.ts:3',
      'src/data/long-line.ts:3',
      'src/legacy/latin1.ts:5',
      'src/readonly/locked.ts:4',
      'src/routes/bom.ts:4',
      'src/routes/crlf-bom.ts:4',
      'src/routes/crlf.ts:4',
      'src/routes/decode.js:4',
      'src/routes/users.ts:4',
    ],
    vanishing: 'src/vanish/gone.ts',
    unreadable: 'src/secret/unreadable.ts',
    unreadableDir: 'src/private',
    readOnlyDir: 'src/readonly',
    remove: () => {
      // A non-root owner cannot delete inside a mode-555 folder; give the permissions back first.
      fs.chmodSync(path.join(root, 'src/readonly'), 0o755);
      fs.chmodSync(path.join(root, 'src/private'), 0o755);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
