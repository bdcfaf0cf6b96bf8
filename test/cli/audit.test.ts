import fs from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../packages/cli/commands/audit.js';
import { removeTree, runInProcess, settingsConfig, writeTree } from './helpers.js';
import { PROJECT, SETTINGS } from './project.js';

interface JsonReport {
  version: string;
  violations: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; library: string; api: string; kind: string; message: string }>;
  errors: Array<{ file: string; message: string }>;
  suppressed: Array<{ file: string; line: number; rule: string; directive: string; justification: string | null }>;
  summary: { filesScanned: number; filesParsed: number; violations: number; suppressed: number; errors: number; byRule: Record<string, number>; byLibrary: Record<string, number> };
  baseline?: { new: Array<{ file: string; line: number; rule: string }>; fixed: Array<{ file: string; rule: string; api: string }>; known: number };
  impact?: Array<{ file: string; tests: string[] }>;
}

const dirs: string[] = [];
/** A project on disk; it always holds the canonical module its settings name (the audit checks it first). */
function project(files: Record<string, string | Buffer> = PROJECT): string {
  const dir = writeTree({ 'src/auth/jwt-handler.ts': PROJECT['src/auth/jwt-handler.ts']!, ...files });
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach(removeTree));

async function auditJson(dir: string, args: string[] = []): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await runInProcess(runAudit, dir, ['--format', 'json', ...args]);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

const ANSI = /\u001b\[/;

describe('jwt-ssot audit: findings and exit codes', () => {
  it('exits 2, before scanning, when the canonical module is missing or lacks the configured export', async () => {
    const missing = writeTree({ 'eslint.config.js': settingsConfig(SETTINGS), 'src/a.ts': 'export const a = 1;\n' });
    dirs.push(missing);
    const gone = await runInProcess(runAudit, missing, ['--format', 'json']);
    expect(gone.code).toBe(2);
    expect(gone.stdout).toBe('');
    expect(gone.stderr).toMatch(/canonical\.module: src\/auth\/jwt-handler\.ts does not exist/);
    const wrongExport = project({ 'eslint.config.js': settingsConfig(SETTINGS), 'src/auth/jwt-handler.ts': 'export const somethingElse = 1;\n' });
    const result = await runInProcess(runAudit, wrongExport, ['--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('validateToken');
  });

  let dir: string;
  let code: number;
  let report: JsonReport;
  beforeAll(async () => {
    dir = project();
    ({ code, report } = await auditJson(dir));
  });

  it('exits 1 and reports every unsuppressed site with location, rule, library, api, kind and message', () => {
    expect(code).toBe(1);
    const sites = report.violations.map((v) => `${v.file}:${v.line}:${v.column} ${v.rule} ${v.kind} ${v.library} ${v.api}`);
    expect(sites).toEqual([
      'src/api/legacy.js:2:13 jwt-ssot/no-auth-import-bypass import jsonwebtoken jsonwebtoken',
      'src/api/legacy.js:5:31 jwt-ssot/no-direct-verify verify jsonwebtoken verify',
      'src/api/orders.ts:1:1 jwt-ssot/no-auth-import-bypass import jsonwebtoken jsonwebtoken',
      'src/api/orders.ts:5:18 jwt-ssot/no-direct-verify verify jsonwebtoken verify',
      'src/lib/peek.ts:1:51 jwt-ssot/no-direct-decode decode hand-rolled atob',
    ]);
    const verify = report.violations[3]!;
    expect(verify).toMatchObject({ endLine: 5, endColumn: 67 });
    expect(verify.message).toBe(
      'Direct JWT verification with jsonwebtoken `verify` outside the canonical module; use validateToken from src/auth/jwt-handler.ts.',
    );
  });

  it("leaves out the canonical module, allowed files and the ESLint config's ignores", () => {
    const files = new Set(report.violations.map((v) => v.file));
    for (const file of ['src/auth/jwt-handler.ts', 'test/orders.test.ts', 'generated/token.ts', 'tmp/scratch.ts']) expect(files.has(file)).toBe(false);
    expect(report.summary.filesScanned).toBe(12);
  });

  it('summarises by rule and library', () => {
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.summary).toMatchObject({
      violations: 5,
      suppressed: 3,
      errors: 0,
      byRule: { 'jwt-ssot/no-auth-import-bypass': 2, 'jwt-ssot/no-direct-decode': 1, 'jwt-ssot/no-direct-verify': 2 },
      byLibrary: { 'hand-rolled': 1, jsonwebtoken: 4 },
    });
    expect(report.summary.filesParsed).toBeLessThan(report.summary.filesScanned);
  });

  it('lists sites silenced by eslint-disable comments with their justification, or its absence', () => {
    const suppressed = report.suppressed.map((s) => [`${s.file}:${s.line}`, s.rule, s.directive, s.justification]);
    expect(suppressed).toEqual([
      ['src/api/legacy.js:3', 'jwt-ssot/no-direct-verify', 'eslint-disable', 'old callback API'],
      ['src/api/users.ts:1', 'jwt-ssot/no-auth-import-bypass', 'eslint-disable-line', 'migrating in PR 42'],
      ['src/api/users.ts:4', 'jwt-ssot/no-direct-decode', 'eslint-disable-next-line', null],
    ]);
  });

  it('exits 0 on a clean project', async () => {
    const clean = project({
      'eslint.config.js': settingsConfig(SETTINGS),
      'src/auth/jwt-handler.ts': PROJECT['src/auth/jwt-handler.ts']!,
      'src/app.ts': "import { validateToken } from './auth/jwt-handler.js';\nexport const ok = validateToken('t');\n",
    });
    const text = await runInProcess(runAudit, clean, []);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/0 violations/);
  });

  it('audits only the given paths', async () => {
    const { code: pathCode, report: partial } = await auditJson(dir, ['src/lib']);
    expect(pathCode).toBe(1);
    expect(partial.violations.map((v) => v.file)).toEqual(['src/lib/peek.ts']);
    const { code: cleanCode, report: none } = await auditJson(dir, ['src/routes', 'src/auth/jwt-handler.ts']);
    expect(cleanCode).toBe(0);
    expect(none.summary.filesScanned).toBe(3);
  });

  it('a disable comment for another rule does not silence a site', async () => {
    const other = project({
      'eslint.config.js': settingsConfig(SETTINGS),
      'src/a.ts': "import jwt from 'jsonwebtoken'; // eslint-disable-line jwt-ssot/no-direct-verify\n// eslint-disable-next-line no-console -- unrelated\njwt.verify('t', 'k');\n",
    });
    const { report: result } = await auditJson(other);
    expect(result.suppressed).toEqual([]);
    expect(result.violations.map((v) => `${v.line} ${v.rule}`)).toEqual(['1 jwt-ssot/no-auth-import-bypass', '3 jwt-ssot/no-direct-verify']);
    const all = project({
      'eslint.config.js': settingsConfig(SETTINGS),
      'src/a.ts': "/* eslint-disable */\nimport jwt from 'jsonwebtoken';\njwt.verify('t', 'k');\n",
    });
    const { code: allCode, report: silenced } = await auditJson(all);
    expect(allCode).toBe(0);
    expect(silenced.suppressed.map((s) => [s.line, s.justification])).toEqual([
      [2, null],
      [3, null],
    ]);
  });
});

describe('jwt-ssot audit: files that cannot be analysed', () => {
  it('lists parse errors, binary and oversized files under errors, keeps scanning and exits 1', async () => {
    const dir = project({
      ...PROJECT,
      'src/broken.ts': "import jwt from 'jsonwebtoken';\nexport const = ;\n",
      'src/blob.js': Buffer.from([0x6a, 0x77, 0x74, 0x00, 0x01, 0x02]),
      // Over the limit and importing a JWT library: it may hold sites, so the gate cannot pass it.
      'src/huge.ts': `import jwt from 'jsonwebtoken';\n${'export const padding = 1;\n'.repeat(200)}`,
    });
    const { code, report } = await auditJson(dir, ['--max-file-size', '4k']);
    expect(code).toBe(1);
    const errors = Object.fromEntries(report.errors.map((error) => [error.file, error.message]));
    expect(errors['src/broken.ts']).toMatch(/^Parse error at 2:\d+: /);
    expect(errors['src/blob.js']).toMatch(/Binary file/);
    expect(errors['src/huge.ts']).toMatch(/too large.*> 4096/);
    expect(report.summary.errors).toBe(3);
    expect(report.violations).toHaveLength(5);
  });

  it('exits 1 for an unanalysable file even when there are no findings', async () => {
    // The file names a JWT library, so the prefilter sends it to the parser, which fails.
    const dir = project({ 'eslint.config.js': settingsConfig(SETTINGS), 'src/broken.ts': "import jwt from 'jsonwebtoken';\nconst token = ;\n" });
    const { code, report } = await auditJson(dir);
    expect(code).toBe(1);
    expect(report.violations).toEqual([]);
    expect(report.errors).toHaveLength(1);
  });
});

describe('jwt-ssot audit: bad usage exits 2', () => {
  let dir: string;
  beforeAll(() => {
    dir = project();
  });

  it.each([
    [['--format', 'xml'], /--format xml: expected one of text, json, sarif, markdown/],
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['does/not/exist'], /No such file or folder: does\/not\/exist/],
    [['--config', 'missing.config.js'], /missing\.config\.js: file not found/],
    [['--max-file-size', 'lots'], /--max-file-size lots/],
    [['--baseline', 'none.json'], /--baseline none\.json: file not found/],
    [['--preset', 'lax'], /--preset lax/],
  ])('%j', async (args, message) => {
    const result = await runInProcess(runAudit, dir, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('names the invalid setting', async () => {
    const bad = project({ 'eslint.config.js': settingsConfig({ canonical: { module: 'a.ts', exports: {} } }), 'src/a.ts': '' });
    const result = await runInProcess(runAudit, bad, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("settings['jwt-ssot'].canonical.exports.verify");
  });

  it('--help prints the options and exits 0', async () => {
    const result = await runInProcess(runAudit, dir, ['--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--format', '--config', '--output', '--baseline', '--update-baseline', '--impact', '--max-file-size']) {
      expect(result.stdout).toContain(flag);
    }
  });
});

describe('jwt-ssot audit: formats', () => {
  let dir: string;
  beforeAll(() => {
    dir = project();
  });

  it('sarif: SARIF 2.1.0 with rule metadata, help links and located results', async () => {
    const result = await runInProcess(runAudit, dir, ['--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as Log;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif/);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('jwt-ssot');
    const rules = run.tool.driver.rules!;
    expect(rules.map((rule) => rule.id).sort()).toEqual([
      'jwt-ssot/no-auth-import-bypass',
      'jwt-ssot/no-direct-decode',
      'jwt-ssot/no-direct-verify',
      'jwt-ssot/no-jwt-secret-access',
      'jwt-ssot/no-unsafe-verify-options',
    ]);
    for (const rule of rules) {
      expect(rule.helpUri).toMatch(new RegExp(`docs/rules/${rule.id.split('/')[1]}\\.md$`));
      expect(rule.shortDescription?.text.length).toBeGreaterThan(10);
    }
    const results = run.results!;
    const errors = results.filter((item) => item.level === 'error');
    expect(errors).toHaveLength(5);
    for (const item of results) {
      expect(rules.map((rule) => rule.id)).toContain(item.ruleId);
      const location = item.locations![0]!.physicalLocation!;
      expect(location.artifactLocation!.uri).toMatch(/^src\//);
      expect(location.region!.startLine).toBeGreaterThan(0);
      expect(location.region!.startColumn).toBeGreaterThan(0);
    }
    const suppressed = results.filter((item) => item.suppressions);
    expect(suppressed).toHaveLength(3);
    expect(suppressed.map((item) => item.suppressions![0]!.justification)).toContain('migrating in PR 42');
  });

  it('sarif: paths are relative to the repository root when the config sits in a monorepo package', async () => {
    const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n' };
    for (const [file, text] of Object.entries(PROJECT)) files[`packages/api/${file}`] = text;
    const repo = project(files);
    const cwd = path.join(repo, 'packages/api');
    const log = JSON.parse((await runInProcess(runAudit, cwd, ['--format', 'sarif'])).stdout) as Log;
    const uris = log.runs[0]!.results!.map((item) => item.locations![0]!.physicalLocation!.artifactLocation!.uri);
    expect(uris).toContain('packages/api/src/api/orders.ts');
    expect(uris.every((uri) => uri!.startsWith('packages/api/src/'))).toBe(true);
    const { report } = await auditJson(cwd);
    expect(report.violations[0]!.file).toBe('src/api/legacy.js');
  });

  it('markdown: the SSOT table with site, what it does and the canonical replacement, plus totals', async () => {
    const result = await runInProcess(runAudit, dir, ['--format', 'markdown', '--impact']);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('| Site | What it does | Canonical replacement | Rule |');
    expect(lines).toContain(
      '| `src/api/orders.ts:5:18` | Verifies a JWT with jsonwebtoken `verify` | validateToken from src/auth/jwt-handler.ts | `jwt-ssot/no-direct-verify` |',
    );
    expect(lines).toContain(
      '| `src/lib/peek.ts:1:51` | Decodes a JWT by hand (`atob`), unverified | decodeToken from src/auth/jwt-handler.ts | `jwt-ssot/no-direct-decode` |',
    );
    expect(result.stdout).toContain('- Violations: 5');
    expect(result.stdout).toContain('- Suppressed with eslint-disable: 3');
    expect(result.stdout).toContain('| `src/api/users.ts:4:10` | `jwt-ssot/no-direct-decode` | _no justification_ |');
    expect(result.stdout).toContain('- `src/lib/peek.ts`: **no tests import it**');
  });

  it('text: grouped by file, no colour unless stdout is a TTY without NO_COLOR', async () => {
    const plain = await runInProcess(runAudit, dir, []);
    expect(plain.stdout).not.toMatch(ANSI);
    const blocks = plain.stdout.split('\n\n');
    expect(blocks[0]!.split('\n')[0]).toBe('src/api/legacy.js');
    expect(blocks[1]!.split('\n')[0]).toBe('src/api/orders.ts');
    expect(plain.stdout).toMatch(/^ {2}5:18 +error {2}Direct JWT verification/m);
    expect(plain.stdout).toMatch(/suppressed .*\(eslint-disable-next-line, no justification\)/);
    const tty = await runInProcess(runAudit, dir, [], { tty: true });
    expect(tty.stdout).toMatch(ANSI);
    const noColor = await runInProcess(runAudit, dir, [], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(ANSI);
    expect(noColor.stdout.replace(/\u001b\[[\d;]*m/g, '')).toBe(plain.stdout);
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const result = await runInProcess(runAudit, dir, ['--format', 'json', '--output', 'reports/audit.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'reports/audit.json'), 'utf8')) as JsonReport;
    expect(written.summary.violations).toBe(5);
  });

  it('--output to a place that cannot be written fails at once with one line (exit 2), before scanning', async () => {
    fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
    for (const output of ['not-a-folder/audit.json', ...(fs.existsSync('/proc/self') ? ['/proc/nope/x.json'] : [])]) {
      const result = await runInProcess(runAudit, dir, ['--format', 'json', '--output', output]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`cannot write ${path.resolve(dir, output)}:`)]);
    }
  });

  it('shows progress on stderr only on a TTY', async () => {
    const files: Record<string, string> = { 'eslint.config.js': settingsConfig(SETTINGS) };
    for (let index = 0; index < 250; index++) files[`src/m${index}.ts`] = `export const value${index} = ${index};\n`;
    const many = project(files);
    const quiet = await runInProcess(runAudit, many, []);
    expect(quiet.stderr).toBe('');
    const tty = await runInProcess(runAudit, many, [], { tty: true });
    // eslint.config.js is a source file too, as it is for `eslint .`; so is the canonical module.
    expect(tty.stderr).toContain('jwt-ssot audit: 100/252 files');
    expect(tty.code).toBe(0);
  });
});

describe('jwt-ssot audit: baseline ratchet', () => {
  it('records findings, then fails only on new ones and reports fixed ones', async () => {
    const dir = project();
    const update = await runInProcess(runAudit, dir, ['--update-baseline', '--baseline', 'audit-baseline.json']);
    expect(update.code).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'audit-baseline.json'), 'utf8')) as { version: number; entries: Array<{ file: string; lineHash: string }> };
    expect(baseline.version).toBe(1);
    expect(baseline.entries).toHaveLength(5);

    // Unchanged code passes the gate.
    const same = await auditJson(dir, ['--baseline', 'audit-baseline.json']);
    expect(same.code).toBe(0);
    expect(same.report.baseline).toMatchObject({ new: [], fixed: [], known: 5 });
    // …and the text report says so, instead of "✖ 5 violations" over exit 0.
    const sameText = await runInProcess(runAudit, dir, ['--baseline', 'audit-baseline.json']);
    expect(sameText.stdout).toMatch(/^✓ 5 known, 0 new, 3 suppressed, 0 files not analysed/m);
    expect(sameText.stdout).not.toContain('violations');

    // Moving code (new lines above it) keeps findings known; a new bypass is new.
    const orders = path.join(dir, 'src/api/orders.ts');
    fs.writeFileSync(orders, `// moved down\n\n${fs.readFileSync(orders, 'utf8')}`);
    fs.writeFileSync(path.join(dir, 'src/api/admin.ts'), "import { jwtVerify } from 'jose';\nexport const check = (t: string) => jwtVerify(t, new Uint8Array());\n");
    const moved = await auditJson(dir, ['--baseline', 'audit-baseline.json']);
    expect(moved.code).toBe(1);
    expect(moved.report.baseline!.known).toBe(5);
    expect(moved.report.baseline!.new.map((v) => `${v.file}:${v.line} ${v.rule}`)).toEqual([
      'src/api/admin.ts:1 jwt-ssot/no-auth-import-bypass',
      'src/api/admin.ts:2 jwt-ssot/no-direct-verify',
    ]);
    // SARIF: baselineState, the property code-scanning services read.
    const sarif = JSON.parse((await runInProcess(runAudit, dir, ['--baseline', 'audit-baseline.json', '--format', 'sarif'])).stdout) as Log;
    const states = sarif.runs[0]!.results!.filter((result) => !result.suppressions?.length).map((result) => `${result.locations![0]!.physicalLocation!.artifactLocation!.uri} ${result.baselineState}`);
    expect(states.filter((state) => state.endsWith(' new')).sort()).toEqual(['src/api/admin.ts new', 'src/api/admin.ts new']);
    expect(states.filter((state) => state.endsWith(' unchanged'))).toHaveLength(5);
    expect((await runInProcess(runAudit, dir, ['--baseline', 'audit-baseline.json'])).stdout).toMatch(/^✖ 5 known, 2 new,/m);

    // Fixing a known site reports it as fixed and passes once nothing is new.
    fs.rmSync(path.join(dir, 'src/api/admin.ts'));
    fs.writeFileSync(path.join(dir, 'src/lib/peek.ts'), 'export const peek = (token: string) => token.length;\n');
    const fixed = await auditJson(dir, ['--baseline', 'audit-baseline.json']);
    expect(fixed.code).toBe(0);
    expect(fixed.report.baseline!.fixed).toEqual([{ file: 'src/lib/peek.ts', rule: 'jwt-ssot/no-direct-decode', api: 'atob', line: 1 }]);
    const text = await runInProcess(runAudit, dir, ['--baseline', 'audit-baseline.json']);
    expect(text.stdout).toMatch(/0 new, 4 known, 1 fixed/);
  });

  it('a second copy of a known line is still new', async () => {
    const dir = project();
    await runInProcess(runAudit, dir, ['--update-baseline']);
    expect(fs.existsSync(path.join(dir, '.jwt-ssot-baseline.json'))).toBe(true);
    const orders = path.join(dir, 'src/api/orders.ts');
    fs.writeFileSync(orders, fs.readFileSync(orders, 'utf8').replace('  return { claims, helper };', "  const claims = jwt.verify(token, 'k', { algorithms: ['HS256'] });\n  return { claims, helper };"));
    const result = await auditJson(dir, ['--baseline', '.jwt-ssot-baseline.json']);
    expect(result.code).toBe(1);
    expect(result.report.baseline!.new.map((v) => `${v.file}:${v.line}`)).toEqual(['src/api/orders.ts:6']);
  });

  it('rejects a file that is not a baseline', async () => {
    const dir = project({ ...PROJECT, 'bad.json': '{"entries": 3}' });
    const result = await runInProcess(runAudit, dir, ['--baseline', 'bad.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a jwt-ssot baseline/);
  });
});

describe('jwt-ssot audit --impact', () => {
  it('lists the test files that import each file with findings, directly or transitively', async () => {
    const dir = project();
    const { report } = await auditJson(dir, ['--impact']);
    expect(report.impact).toEqual([
      { file: 'src/api/legacy.js', tests: ['__tests__/legacy.spec.js'] },
      { file: 'src/api/orders.ts', tests: ['test/orders.test.ts'] },
      { file: 'src/lib/peek.ts', tests: [] },
    ]);
  });

  it('follows tsconfig `paths` aliases from tests to the files with findings', async () => {
    const dir = project({
      ...PROJECT,
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'], '#peek': ['./src/lib/peek.ts'] } } }),
      'test/peek.test.ts': "import { peek } from '#peek';\npeek('t');\n",
      'test/orders-alias.test.ts': "import { readOrder } from '@/api/orders.js';\nreadOrder('t');\n",
      'test/legacy-base-url.test.ts': "import legacy from 'src/api/legacy';\nlegacy('t');\n",
    });
    const { report } = await auditJson(dir, ['--impact']);
    expect(report.impact).toEqual([
      { file: 'src/api/legacy.js', tests: ['__tests__/legacy.spec.js', 'test/legacy-base-url.test.ts'] },
      { file: 'src/api/orders.ts', tests: ['test/orders-alias.test.ts', 'test/orders.test.ts'] },
      { file: 'src/lib/peek.ts', tests: ['test/peek.test.ts'] },
    ]);
  });
});
