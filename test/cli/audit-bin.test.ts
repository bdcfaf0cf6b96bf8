/** The built `jwt-ssot` bin, as CI runs it: exit codes, stdout/stderr separation, no colour in logs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTree, runBin, settingsConfig, writeTree } from './helpers.js';
import { PROJECT, SETTINGS } from './project.js';

describe('node dist/packages/cli/bin.js audit', () => {
  let dir: string;
  let clean: string;
  beforeAll(() => {
    ensureBuilt();
    dir = writeTree(PROJECT);
    clean = writeTree({
      'eslint.config.js': settingsConfig(SETTINGS),
      'src/auth/jwt-handler.ts': PROJECT['src/auth/jwt-handler.ts']!,
      'src/app.ts': "import { validateToken } from './auth/jwt-handler.js';\nexport const ok = validateToken('t');\n",
    });
    // A stale dist/ means a tsc build here, which is slow on a busy machine.
  }, 300_000);
  afterAll(() => {
    removeTree(dir);
    removeTree(clean);
  });

  it('exits 1 with findings, JSON on stdout only', () => {
    const result = runBin(dir, ['audit', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { summary: { violations: number } };
    expect(report.summary.violations).toBe(5);
  });

  it('exits 0 when clean, with uncoloured text when stdout is not a TTY', () => {
    const result = runBin(clean, ['audit']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stdout).toMatch(/0 violations/);
  });

  it('exits 2 on bad usage and is listed by `jwt-ssot --help`', () => {
    expect(runBin(dir, ['audit', '--format']).code).toBe(2);
    const help = runBin(dir, ['--help']);
    expect(help.stdout).toMatch(/audit +CI gate/);
    expect(help.stdout).toMatch(/init +Propose the canonical JWT module/);
  });
});
