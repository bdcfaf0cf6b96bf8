/**
 * `jwt-ssot audit <file>` as a pre-commit hook runs it: a file the prefilter rules out costs no parser,
 * so TypeScript and typescript-estree are never loaded; a file with a site loads a parser and reports as
 * before: oxc-parser where the project has it (this repository does), and then still no TypeScript. Checked with a --require hook that lists require.cache on exit (no timings: see `npm run bench`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, ensureBuilt, removeTree, writeTree } from './helpers.js';

const PARSER_STACK = /[\\/]node_modules[\\/](typescript|@typescript-eslint[\\/]typescript-estree|@typescript-eslint[\\/]parser|oxc-parser)[\\/]/;

// Prints which modules of the parser stack were loaded (package.json reads for the version check aside).
const REPORT_LOADED = [
  'process.on("exit", () => {',
  `  const stack = ${PARSER_STACK.toString()};`,
  '  const loaded = Object.keys(require.cache).filter((file) => stack.test(file) && !file.endsWith("package.json"));',
  '  process.stderr.write("\\nparser stack loaded: " + JSON.stringify([...new Set(loaded.map((file) => stack.exec(file)[1].replace(/\\\\/g, "/")))].sort()) + "\\n");',
  '});',
].join('\n');

/** The config as the hook sees it: it imports the plugin and spreads the preset. */
function hookConfig(canonicalModule: string): string {
  const plugin = pathToFileURL(path.join(REPO, 'dist/packages/plugin/main.js')).href;
  return [
    `import jwtSsot from ${JSON.stringify(plugin)};`,
    'export default [',
    '  jwtSsot.configs.recommended,',
    `  { settings: { 'jwt-ssot': { canonical: { module: '${canonicalModule}', exports: { verify: 'validateToken' } } } } },`,
    '];',
    '',
  ].join('\n');
}

const CART = 'export function total(prices: number[]): number {\n  return prices.reduce((sum, price) => sum + price, 0);\n}\n';

function hookProject(): string {
  return writeTree({
    // A package as the canonical module (a monorepo's shared auth package): checked by resolving it.
    'eslint.config.mjs': hookConfig('@acme/auth'),
    'node_modules/@acme/auth/package.json': '{ "name": "@acme/auth", "main": "index.js" }\n',
    'node_modules/@acme/auth/index.js': 'exports.validateToken = (token) => token;\n',
    'report-loaded.cjs': `${REPORT_LOADED}\n`,
    'src/cart.ts': CART,
    'src/session.ts': "import jwt from 'jsonwebtoken';\n\nexport const claims = (token: string) => jwt.decode(token);\n",
  });
}

function audit(cwd: string, file: string): { code: number | null; report: { violations: Array<Record<string, unknown>>; summary: Record<string, unknown> }; loaded: string[] } {
  const result = spawnSync(process.execPath, ['--require', path.join(cwd, 'report-loaded.cjs'), BIN, 'audit', '--format', 'json', file], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
  const loaded = /parser stack loaded: (.*)\n/.exec(result.stderr)?.[1];
  expect(loaded, result.stderr).toBeDefined();
  return { code: result.status, report: JSON.parse(result.stdout) as never, loaded: JSON.parse(loaded!) as string[] };
}

describe('jwt-ssot audit <one file>: start-up', () => {
  let project: string;
  beforeAll(() => {
    ensureBuilt();
    project = hookProject();
  }, 300_000);
  afterAll(() => removeTree(project));

  it('never loads TypeScript for a file the prefilter rules out', () => {
    const { code, report, loaded } = audit(project, 'src/cart.ts');
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ violations: 0, filesScanned: 1, filesParsed: 0 });
    expect(loaded).toEqual([]);
  });

  it('loads oxc-parser, still not TypeScript, for a file with a site, and reports it as before', () => {
    const { code, report, loaded } = audit(project, 'src/session.ts');
    expect(code).toBe(1);
    expect(loaded).toEqual(['oxc-parser']);
    expect(report.summary).toMatchObject({ violations: 2, filesScanned: 1, filesParsed: 1 });
    expect(report.violations.map(({ file, line, column, endColumn, rule, kind, message }) => ({ file, line, column, endColumn, rule, kind, message }))).toEqual([
      {
        file: 'src/session.ts',
        line: 1,
        column: 1,
        endColumn: 32,
        rule: 'jwt-ssot/no-auth-import-bypass',
        kind: 'import',
        message: "Import of JWT library 'jsonwebtoken' outside the canonical module; go through @acme/auth instead.",
      },
      {
        file: 'src/session.ts',
        line: 3,
        column: 42,
        endColumn: 59,
        rule: 'jwt-ssot/no-direct-decode',
        kind: 'decode',
        message: 'Unverified JWT decoding with jsonwebtoken `decode` outside the canonical module; use validateToken from @acme/auth (verify, then read the payload).',
      },
    ]);
  });
});

describe('jwt-ssot audit <one file>: a canonical module file', () => {
  let project: string;
  beforeAll(() => {
    ensureBuilt();
    project = writeTree({
      'eslint.config.mjs': hookConfig('src/auth/index.ts'),
      // node_modules/ is where the export names of the canonical module are remembered between runs.
      'node_modules/.keep': '',
      'report-loaded.cjs': `${REPORT_LOADED}\n`,
      'src/auth/index.ts': "export * from './validate.js';\n",
      'src/auth/validate.ts': "import jwt from 'jsonwebtoken';\nexport function validateToken(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET ?? '');\n}\n",
      'src/cart.ts': CART,
    });
  }, 300_000);
  afterAll(() => removeTree(project));

  // The module is read with oxc-parser here (this repository has it), so "a parser" is oxc-parser.
  it('reads the module once; later runs on ruled-out files load no parser until the module changes', () => {
    const first = audit(project, 'src/cart.ts');
    expect(first.code).toBe(0);
    expect(first.loaded).toEqual(['oxc-parser']);
    const again = audit(project, 'src/cart.ts');
    expect(again.code).toBe(0);
    expect(again.loaded).toEqual([]);

    // An edit to the file the name is re-exported from (same length, so only the content tells).
    const validate = path.join(project, 'src/auth/validate.ts');
    fs.writeFileSync(validate, fs.readFileSync(validate, 'utf8').replace('validateToken', 'validateTokex'));
    const renamed = spawnSync(process.execPath, [BIN, 'audit', 'src/cart.ts'], { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(renamed.status).toBe(2);
    expect(renamed.stderr).toContain('src/auth/index.ts does not export validateToken (it exports validateTokex)');

    // The re-exported file moves (validate.ts → validate.tsx): './validate.js' resolves elsewhere, so the module is read again.
    fs.renameSync(validate, path.join(project, 'src/auth/validate.tsx'));
    fs.writeFileSync(path.join(project, 'src/auth/validate.tsx'), "export function validateToken(token: string) {\n  return token;\n}\n");
    const moved = audit(project, 'src/cart.ts');
    expect(moved.code).toBe(0);
    expect(moved.loaded).toEqual(['oxc-parser']);
  });
});
