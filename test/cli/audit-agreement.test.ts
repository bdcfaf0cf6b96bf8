/**
 * The audit's promise: exactly the sites ESLint reports with configs.recommended on the same files
 * and settings. ESLint (with the plugin) and the audit's JSON report are compared as sets of
 * (file, line, column, rule), plus the files neither could analyse and the messages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../packages/plugin/index.js';
import { runAudit } from '../../packages/cli/commands/audit.js';
import { FIXTURES, SETTINGS as RULE_TEST_SETTINGS } from '../rule-tester.js';
import { AGREEMENT_SETTINGS, AGREEMENT_TREE, OVERRIDES_TREE } from './agreement-tree.js';
import { removeTree, runInProcess, settingsConfig, writeTree } from './helpers.js';
import { PROJECT, SETTINGS as PROJECT_SETTINGS } from './project.js';

const RULES = new Set(Object.keys(plugin.rules).map((id) => `jwt-ssot/${id}`));

interface Sites {
  readonly sites: string[];
  readonly messages: string[];
  /** `file:line:column rule severity`, severity as the report names it (error or warning). */
  readonly severities: string[];
  readonly unanalysable: string[];
}

async function lintedSites(eslint: ESLint): Promise<Sites & { files: string[] }> {
  const results = await eslint.lintFiles(['.']);
  const sites: string[] = [];
  const messages: string[] = [];
  const severities: string[] = [];
  const unanalysable: string[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) unanalysable.push(result.filePath);
      if (!message.ruleId || !RULES.has(message.ruleId)) continue;
      sites.push(`${result.filePath}:${message.line}:${message.column} ${message.ruleId}`);
      messages.push(`${result.filePath}:${message.line}:${message.column} ${message.message}`);
      severities.push(`${result.filePath}:${message.line}:${message.column} ${message.ruleId} ${message.severity === 2 ? 'error' : 'warning'}`);
    }
  }
  const files = results.map((result) => result.filePath).sort();
  return { sites: sites.sort(), messages: messages.sort(), severities: severities.sort(), unanalysable: unanalysable.sort(), files };
}

async function eslintSites(dir: string, settings: Record<string, unknown>, ignores: string[] = []): Promise<Sites> {
  return lintedSites(
    new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ ignores }, plugin.configs.recommended, { settings: { 'jwt-ssot': settings } }],
    }),
  );
}

/** `configInTree`: use the tree's own eslint.config.js; otherwise one written outside the tree. */
async function auditSites(
  dir: string,
  settings: Record<string, unknown>,
  configInTree = false,
): Promise<Sites & { scanned: number; code: number; skipped: string[] }> {
  const configDir = configInTree ? dir : writeTree({ 'audit.config.js': settingsConfig(settings) }, 'jwt-ssot-agreement-config-');
  try {
    const args = configInTree ? [] : ['--config', path.join(configDir, 'audit.config.js'), dir];
    const result = await runInProcess(runAudit, dir, ['--format', 'json', ...args]);
    expect(result.code, result.stderr).not.toBe(2);
    const report = JSON.parse(result.stdout) as {
      violations: Array<{ file: string; line: number; column: number; rule: string; severity: string; message: string }>;
      errors: Array<{ file: string }>;
      skipped: Array<{ file: string; reason: string }>;
      summary: { filesScanned: number };
    };
    const absolute = (file: string): string => path.resolve(configDir, file);
    return {
      sites: report.violations.map((v) => `${absolute(v.file)}:${v.line}:${v.column} ${v.rule}`).sort(),
      messages: report.violations.map((v) => `${absolute(v.file)}:${v.line}:${v.column} ${v.message}`).sort(),
      severities: report.violations.map((v) => `${absolute(v.file)}:${v.line}:${v.column} ${v.rule} ${v.severity}`).sort(),
      unanalysable: report.errors.map((e) => absolute(e.file)).sort(),
      scanned: report.summary.filesScanned,
      code: result.code,
      skipped: report.skipped.map((item) => `${item.file}: ${item.reason}`),
    };
  } finally {
    if (!configInTree) removeTree(configDir);
  }
}

function countSourceFiles(dir: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    if (entry.isDirectory()) count += countSourceFiles(path.join(dir, entry.name));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name)) count++;
  }
  return count;
}

describe('audit agrees with ESLint + configs.recommended', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeTree));

  it('on every fixture file under test/fixtures', async () => {
    const settings = RULE_TEST_SETTINGS['jwt-ssot'];
    const [expected, actual] = [await eslintSites(FIXTURES, settings), await auditSites(FIXTURES, settings)];
    expect(actual.scanned).toBe(countSourceFiles(FIXTURES));
    expect(actual.sites).toEqual(expected.sites);
    expect(actual.messages).toEqual(expected.messages);
    expect(actual.unanalysable).toEqual(expected.unanalysable);
  });

  it('on a tree covering many libraries, import forms, file flavours and suppressions', async () => {
    // Settings without `root`: ESLint resolves paths from its cwd, the audit from the config's folder.
    const dir = writeTree({ ...AGREEMENT_TREE, 'eslint.config.js': settingsConfig(AGREEMENT_SETTINGS) });
    dirs.push(dir);
    const [expected, actual] = [await eslintSites(dir, AGREEMENT_SETTINGS), await auditSites(dir, AGREEMENT_SETTINGS, true)];
    // Guard against agreeing on nothing: the tree has sites of every rule.
    const rulesSeen = new Set(expected.sites.map((site) => site.split(' ').pop()));
    expect([...rulesSeen].sort()).toEqual([...RULES].sort());
    expect(expected.sites.length).toBeGreaterThan(20);
    expect(actual.sites).toEqual(expected.sites);
    expect(actual.messages).toEqual(expected.messages);
    expect(actual.severities).toEqual(expected.severities);
    expect(actual.unanalysable).toEqual(expected.unanalysable);
  });

  it("on the audit tests' project, with the config's ignores", async () => {
    // ESLint does not read .gitignore: the tree keeps it, and the config's ignores apply to both.
    const dir = writeTree(PROJECT);
    dirs.push(dir);
    const [expected, actual] = [await eslintSites(dir, PROJECT_SETTINGS, ['generated/**', 'tmp/**']), await auditSites(dir, PROJECT_SETTINGS, true)];
    expect(expected.sites.length).toBeGreaterThan(0);
    expect(actual.sites).toEqual(expected.sites);
    expect(actual.messages).toEqual(expected.messages);
  });
});

describe("audit agrees with ESLint + the tree's own config", () => {
  const dirs: string[] = [];
  const global = globalThis as { __JWT_SSOT_PLUGIN__?: unknown };
  beforeAll(() => {
    global.__JWT_SSOT_PLUGIN__ = plugin;
  });
  afterAll(() => {
    delete global.__JWT_SSOT_PLUGIN__;
    dirs.forEach(removeTree);
  });

  it('with rules off, at warn, with options, per-folder overrides, config ignores and a gitignored file', async () => {
    const dir = writeTree(OVERRIDES_TREE);
    dirs.push(dir);
    const expected = await lintedSites(new ESLint({ cwd: dir }));
    const actual = await auditSites(dir, AGREEMENT_SETTINGS, true);
    // Both analyse the gitignored file and neither enters the ignored folders (nor loads their config).
    const at = (file: string): string => path.join(dir, file);
    expect(expected.files).toContain(at('generated/token.ts'));
    expect(expected.files.some((file) => file.startsWith(at('frontend')) || file.startsWith(at('vendor')))).toBe(false);
    expect(actual.scanned).toBe(expected.files.length);
    expect(actual.skipped).toEqual(['frontend: ignored by the ESLint config', 'vendor: ignored by the ESLint config']);
    // Guard against agreeing on little: each override shows in ESLint's own results.
    expect(expected.severities).toContain(`${at('src/api/mint.ts')}:2:37 jwt-ssot/no-direct-verify error`);
    expect(expected.severities).toContain(`${at('src/api/mint.ts')}:4:36 jwt-ssot/no-direct-decode warning`);
    expect(expected.severities).toContain(`${at('legacy/types.ts')}:1:1 jwt-ssot/no-auth-import-bypass warning`);
    expect(expected.sites.some((site) => site.endsWith('jwt-ssot/no-jwt-secret-access'))).toBe(false);
    expect(expected.sites.some((site) => site.startsWith(at('src/ui/')) && site.endsWith('jwt-ssot/no-direct-decode'))).toBe(false);
    expect(expected.sites.some((site) => site.startsWith(at('src/jobs/sign.ts:2:')))).toBe(false);
    expect(actual.sites).toEqual(expected.sites);
    expect(actual.messages).toEqual(expected.messages);
    expect(actual.severities).toEqual(expected.severities);
    expect(actual.unanalysable).toEqual(expected.unanalysable);
    // Errors remain (no-direct-verify), so the gate fails; the warnings alone would not.
    expect(actual.code).toBe(1);
  });
});
