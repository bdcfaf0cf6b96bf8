/**
 * The gate's verdict follows the user's config as ESLint would: severities and options per file, warnings
 * that pass unless --max-warnings says otherwise, files ESLint lints (not .gitignore's), every skipped file
 * listed with its reason, no nested config loaded from an ignored folder, and no false pass on a path
 * whose files are all ignored or on an oversized file that imports a JWT library.
 */
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../packages/plugin/index.js';
import { runAudit } from '../../packages/cli/commands/audit.js';
import { runMigrate } from '../../packages/cli/commands/migrate.js';
import { removeTree, runInProcess, settingsConfig, writeTree } from './helpers.js';
import { SETTINGS } from './project.js';

interface GateReport {
  violations: Array<{ file: string; line: number; column: number; rule: string; severity: string }>;
  errors: Array<{ file: string; message: string }>;
  skipped: Array<{ file: string; reason: string }>;
  summary: { violations: number; warnings: number; filesScanned: number };
}

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const dir = writeTree(files);
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach(removeTree));

/**
 * A config setting jwt-ssot rules. It reads the plugin from a global the tests set: ESLint validates rule
 * options against the rules' schemas, and the config file cannot import the TypeScript sources.
 */
function rulesConfig(rules: Record<string, unknown>): string {
  return `module.exports = [{ plugins: { 'jwt-ssot': globalThis.__JWT_SSOT_PLUGIN__ }, settings: { 'jwt-ssot': ${JSON.stringify(SETTINGS)} }, rules: ${JSON.stringify(rules)} }];\n`;
}
const global = globalThis as { __JWT_SSOT_PLUGIN__?: unknown };
beforeAll(() => {
  global.__JWT_SSOT_PLUGIN__ = plugin;
});
afterAll(() => {
  delete global.__JWT_SSOT_PLUGIN__;
});

const CANONICAL = "import jwt from 'jsonwebtoken';\nexport const validateToken = (t: string) => jwt.verify(t, 'k', { algorithms: ['HS256'] });\nexport const decodeToken = (t: string) => jwt.decode(t);\n";
const DECODES = "import { jwtDecode } from 'jwt-decode';\nexport const who = (t: string) => jwtDecode(t);\n";

async function auditJson(dir: string, args: string[] = []): Promise<{ code: number; report: GateReport; stderr: string }> {
  const result = await runInProcess(runAudit, dir, ['--format', 'json', ...args]);
  return { code: result.code, report: JSON.parse(result.stdout || '{}') as GateReport, stderr: result.stderr };
}

describe('jwt-ssot audit: severities and options from the config', () => {
  const warnOnly = (): string =>
    tree({
      'eslint.config.js': rulesConfig({ 'jwt-ssot/no-auth-import-bypass': 'warn', 'jwt-ssot/no-direct-decode': ['warn'], 'jwt-ssot/no-direct-verify': 'error' }),
      'src/auth/jwt-handler.ts': CANONICAL,
      'src/api/who.ts': DECODES,
    });

  it('reports warn rules as warnings that do not fail the gate', async () => {
    const { code, report } = await auditJson(warnOnly());
    expect(code).toBe(0);
    expect(report.violations.map((v) => `${v.file}:${v.line}:${v.column} ${v.rule} ${v.severity}`)).toEqual([
      'src/api/who.ts:1:1 jwt-ssot/no-auth-import-bypass warning',
      'src/api/who.ts:2:35 jwt-ssot/no-direct-decode warning',
    ]);
    expect(report.summary).toMatchObject({ violations: 2, warnings: 2 });
  });

  it('--max-warnings fails the gate past the limit, as ESLint does', async () => {
    const dir = warnOnly();
    const atLimit = await auditJson(dir, ['--max-warnings', '2']);
    expect(atLimit.code, atLimit.stderr).toBe(0);
    const over = await auditJson(dir, ['--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('too many warnings (2); the maximum is 1');
    expect((await auditJson(dir, ['--max-warnings=-1'])).code).toBe(0);
    expect((await runInProcess(runAudit, dir, ['--max-warnings', 'few'])).code).toBe(2);
  });

  it('shows the severity in every format', async () => {
    const dir = warnOnly();
    const text = await runInProcess(runAudit, dir, []);
    expect(text.stdout).toContain('2:35    warning  ');
    expect(text.stdout).toContain('2 violations (0 errors, 2 warnings)');
    const sarif = JSON.parse((await runInProcess(runAudit, dir, ['--format', 'sarif'])).stdout) as Log;
    expect(sarif.runs[0]!.results!.map((result) => result.level)).toEqual(['warning', 'warning']);
    const markdown = (await runInProcess(runAudit, dir, ['--format', 'markdown'])).stdout;
    expect(markdown).toContain('### Warnings');
    expect(markdown).toContain('- Violations: 2 (errors: 0, warnings: 2)');
  });

  it('does not report a rule the config turns off, and uses its options', async () => {
    const dir = tree({
      'eslint.config.js': rulesConfig({
        'jwt-ssot/no-auth-import-bypass': 'off',
        'jwt-ssot/no-direct-decode': 0,
        'jwt-ssot/no-direct-verify': [2, { checkSign: true }],
      }),
      'src/auth/jwt-handler.ts': CANONICAL,
      'src/api/who.ts': DECODES,
      'src/api/mint.ts': "import jwt from 'jsonwebtoken';\nexport const mint = () => jwt.sign({}, 'k');\n",
    });
    const { code, report } = await auditJson(dir);
    expect(code).toBe(1);
    expect(report.violations.map((v) => `${v.file}:${v.line}:${v.column} ${v.rule} ${v.severity}`)).toEqual(['src/api/mint.ts:2:27 jwt-ssot/no-direct-verify error']);
  });

  it('applies configs.recommended, and says so, when the config names no jwt-ssot rule', async () => {
    const dir = tree({ 'eslint.config.js': settingsConfig(SETTINGS), 'src/auth/jwt-handler.ts': CANONICAL, 'src/api/who.ts': DECODES });
    const result = await runInProcess(runAudit, dir, []);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('The ESLint config enables no jwt-ssot rule; applied configs.recommended.');
    expect(result.stdout).toContain('2:35    error  ');
    const json = await runInProcess(runAudit, dir, ['--format', 'json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).rulesNote).toBe('The ESLint config enables no jwt-ssot rule; applied configs.recommended.');
  });
});

describe('jwt-ssot audit: the files ESLint lints', () => {
  const files = {
    'eslint.config.js': settingsConfig(SETTINGS, "{ ignores: ['dist/**', 'src/legacy.ts'] }, "),
    '.gitignore': 'generated/\n',
    'src/auth/jwt-handler.ts': CANONICAL,
    'src/legacy.ts': DECODES,
    'dist/out.js': "const jwt = require('jsonwebtoken');\n",
    'generated/who.ts': DECODES,
  };

  it('analyses a file only .gitignore names, and lists what the config ignores in json and sarif', async () => {
    const { code, report } = await auditJson(tree(files));
    expect(code).toBe(1);
    expect([...new Set(report.violations.map((v) => v.file))]).toEqual(['generated/who.ts']);
    expect(report.skipped).toEqual([
      { file: 'dist', reason: 'ignored by the ESLint config' },
      { file: 'src/legacy.ts', reason: 'ignored by the ESLint config' },
    ]);
    const sarif = JSON.parse((await runInProcess(runAudit, tree(files), ['--format', 'sarif'])).stdout) as Log;
    const notes = sarif.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notes.map((note) => [note.level, note.locations![0]!.physicalLocation!.artifactLocation!.uri, note.message.text])).toEqual([
      ['note', 'dist', 'Skipped: ignored by the ESLint config.'],
      ['note', 'src/legacy.ts', 'Skipped: ignored by the ESLint config.'],
    ]);
  });

  it('text counts skipped files by reason and lists them with --verbose; markdown in a collapsed list', async () => {
    const dir = tree(files);
    const text = (await runInProcess(runAudit, dir, [])).stdout;
    expect(text).toContain('Skipped 2 files or folders: 2 ignored by the ESLint config (--verbose lists them)');
    expect(text).not.toContain('  dist: ignored');
    const verbose = (await runInProcess(runAudit, dir, ['--verbose'])).stdout;
    expect(verbose).toContain('  dist: ignored by the ESLint config');
    expect(verbose).toContain('  src/legacy.ts: ignored by the ESLint config');
    const markdown = (await runInProcess(runAudit, dir, ['--format', 'markdown'])).stdout;
    expect(markdown).toContain('<summary>Skipped files (2)</summary>');
    expect(markdown).toContain('- `dist`: ignored by the ESLint config');
  });

  it('exits 2 for an explicit folder whose files are all ignored, and for a path that does not exist', async () => {
    const dir = tree(files);
    const ignored = await runInProcess(runAudit, dir, ['dist']);
    expect(ignored.code).toBe(2);
    expect(ignored.stderr).toContain("All files matched by 'dist' are ignored.");
    const missing = await runInProcess(runAudit, dir, ['nowhere']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No such file or folder: nowhere');
  });

  it('never loads a nested config inside a folder the root config ignores (audit and migrate)', async () => {
    const dir = tree({
      'eslint.config.mjs': `export default [{ ignores: ['frontend/**'] }, { settings: { 'jwt-ssot': ${JSON.stringify(SETTINGS)} } }];\n`,
      'frontend/eslint.config.mjs': "import angular from 'angular-eslint-not-installed';\nexport default [angular];\n",
      'frontend/app.ts': DECODES,
      'src/auth/jwt-handler.ts': CANONICAL,
      'src/api/who.ts': DECODES,
    });
    const audit = await auditJson(dir);
    expect(audit.stderr).not.toContain('angular');
    expect(audit.code).toBe(1);
    expect(audit.report.skipped).toEqual([{ file: 'frontend', reason: 'ignored by the ESLint config' }]);
    let stderr = '';
    const code = await runMigrate(['--format', 'json', '--no-typecheck'], {
      cwd: dir,
      env: {},
      stdout: { write: () => undefined },
      stderr: { write: (text: string) => (stderr += text) },
    });
    expect(stderr).not.toContain('angular');
    expect(code).not.toBe(2);
  });
});

describe('jwt-ssot audit: files over the size limit', () => {
  // Base64 spells "jwt" often enough: a bundled release file must not fail the gate for it.
  const blob = `export const data = '${'aGVsbG8gand0IHdvcmxk'.repeat(400)}';\n`;

  it('skips an oversized file without JWT imports, with the reason', async () => {
    const dir = tree({ 'eslint.config.js': settingsConfig(SETTINGS), 'src/auth/jwt-handler.ts': CANONICAL, 'vendor/release.cjs': `// jwt\n${blob}` });
    const { code, report } = await auditJson(dir, ['--max-file-size', '4k']);
    expect(code).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.skipped).toEqual([{ file: 'vendor/release.cjs', reason: expect.stringMatching(/^too large \(\d+ bytes > 4096\), no JWT evidence/) }]);
  });

  it('fails on an oversized file that requires a JWT library or imports a private auth path', async () => {
    const dir = tree({
      'eslint.config.js': settingsConfig({ ...SETTINGS, authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }] }),
      'src/auth/jwt-handler.ts': CANONICAL,
      'vendor/bundle.cjs': `${blob}const jwt = require("jsonwebtoken");\n`,
      'src/big.ts': `${blob}import { key } from './auth/internal/keys';\n`,
    });
    const { code, report } = await auditJson(dir, ['--max-file-size', '4k']);
    expect(code).toBe(1);
    expect(Object.fromEntries(report.errors.map((error) => [error.file, error.message]))).toEqual({
      'src/big.ts': expect.stringMatching(/^File too large to analyse \(\d+ bytes > 4096; raise --max-file-size\)\.$/),
      'vendor/bundle.cjs': expect.stringMatching(/^File too large to analyse \(\d+ bytes > 4096; raise --max-file-size\)\.$/),
    });
    expect(report.skipped).toEqual([]);
  });
});

