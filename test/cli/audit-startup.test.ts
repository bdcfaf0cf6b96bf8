/**
 * `jwt-ssot audit <file>` as a pre-commit hook runs it: a file the prefilter rules out costs no parser,
 * so TypeScript and typescript-estree are never loaded; a file with a site loads them and reports as
 * before. Checked with a --require hook that lists require.cache on exit (no timings: see `npm run bench`).
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, ensureBuilt, removeTree, writeTree } from './helpers.js';

const PARSER_STACK = /[\\/]node_modules[\\/](typescript|@typescript-eslint[\\/]typescript-estree|@typescript-eslint[\\/]parser)[\\/]/;

// Prints which modules of the parser stack were loaded (package.json reads for the version check aside).
const REPORT_LOADED = [
  'process.on("exit", () => {',
  `  const stack = ${PARSER_STACK.toString()};`,
  '  const loaded = Object.keys(require.cache).filter((file) => stack.test(file) && !file.endsWith("package.json"));',
  '  process.stderr.write("\\nparser stack loaded: " + JSON.stringify([...new Set(loaded.map((file) => stack.exec(file)[1].replace(/\\\\/g, "/")))].sort()) + "\\n");',
  '});',
].join('\n');

/** A project as the hook sees it: its eslint.config.mjs imports the plugin and spreads the preset. */
function hookProject(): string {
  const plugin = pathToFileURL(path.join(REPO, 'dist/packages/plugin/main.js')).href;
  return writeTree({
    'eslint.config.mjs': [
      `import jwtSsot from ${JSON.stringify(plugin)};`,
      'export default [',
      '  jwtSsot.configs.recommended,',
      // A package as the canonical module (a monorepo's shared auth package): checked by resolving it.
      "  { settings: { 'jwt-ssot': { canonical: { module: '@acme/auth', exports: { verify: 'validateToken' } } } } },",
      '];',
      '',
    ].join('\n'),
    'node_modules/@acme/auth/package.json': '{ "name": "@acme/auth", "main": "index.js" }\n',
    'node_modules/@acme/auth/index.js': 'exports.validateToken = (token) => token;\n',
    'report-loaded.cjs': `${REPORT_LOADED}\n`,
    'src/cart.ts': 'export function total(prices: number[]): number {\n  return prices.reduce((sum, price) => sum + price, 0);\n}\n',
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

  it('loads the parser stack for a file with a site, and reports it as before', () => {
    const { code, report, loaded } = audit(project, 'src/session.ts');
    expect(code).toBe(1);
    expect(loaded).toEqual(expect.arrayContaining(['@typescript-eslint/typescript-estree', 'typescript']));
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
