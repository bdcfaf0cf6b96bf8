/**
 * File names from the repository cannot forge report lines, move the terminal cursor or break a markdown
 * table, and SARIF URIs are percent-encoded, in every format.
 */
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../packages/cli/commands/audit.js';
import { displayName, markdownCode, sarifUri, terminalSafe } from '../../packages/cli/audit/escape.js';
import { removeTree, runInProcess, settingsConfig, writeTree } from './helpers.js';
import { SETTINGS } from './project.js';

const VERIFY = `import jwt from 'jsonwebtoken';\nexport const user = (token: string) => jwt.verify(token, 'secret');\n`;
const CANONICAL = `import jwt from 'jsonwebtoken';\nexport const validateToken = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);\nexport const decodeToken = (token: string) => jwt.decode(token);\n`;
const FORGED = 'src/a.ts\n✓ 0 violations, 0 suppressed\n.ts';
const ESCAPES = 'src/\u001b[2J\u001b[Hclear.ts';
const TABLE = 'src/pipe|`tick`.ts';
const SPACED = 'src/with space#and%.ts';

describe('report escaping', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = writeTree({ 'eslint.config.js': settingsConfig(SETTINGS), 'src/auth/jwt-handler.ts': CANONICAL, [FORGED]: VERIFY, [ESCAPES]: VERIFY, [TABLE]: VERIFY, [SPACED]: VERIFY });
  });
  afterAll(() => removeTree(dir));

  it('text: names with newlines or escape codes are quoted and escaped, one line each', async () => {
    const { stdout } = await runInProcess(runAudit, dir, []);
    expect(stdout).not.toContain('\u001b');
    expect(stdout.split('\n').filter((line) => line.startsWith('✓'))).toEqual([]);
    expect(stdout).toContain('"src/a.ts\\n✓ 0 violations, 0 suppressed\\n.ts"');
    expect(stdout).toContain('"src/\\u001b[2J\\u001b[Hclear.ts"');
    expect(stdout).toContain(`\n${TABLE}\n`);
  });

  it('markdown: every site stays one table row of four cells', async () => {
    const { stdout } = await runInProcess(runAudit, dir, ['--format', 'markdown']);
    const rows = stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Site') && !line.startsWith('| ---'));
    const { violations } = JSON.parse((await runInProcess(runAudit, dir, ['--format', 'json'])).stdout) as { violations: unknown[] };
    expect(violations.length).toBeGreaterThanOrEqual(4);
    expect(rows).toHaveLength(violations.length);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(4);
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('``src/pipe\\|`tick`.ts:2:');
  });

  it('SARIF: artifact URIs are percent-encoded per segment', async () => {
    const log = JSON.parse((await runInProcess(runAudit, dir, ['--format', 'sarif'])).stdout) as Log;
    const uris = log.runs[0]!.results!.map((result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri).sort();
    expect(uris).toContain('src/with%20space%23and%25.ts');
    expect(uris).toContain('src/a.ts%0A%E2%9C%93%200%20violations%2C%200%20suppressed%0A.ts');
    for (const uri of uris) expect(decodeURIComponent(uri!)).toMatch(/^src\//);
  });
});

describe('escape helpers', () => {
  it('leave ordinary names alone', () => {
    expect(displayName('src/auth/jwt-handler.ts')).toBe('src/auth/jwt-handler.ts');
    expect(terminalSafe('plain text')).toBe('plain text');
    expect(sarifUri('src/auth/jwt-handler.ts')).toBe('src/auth/jwt-handler.ts');
    expect(markdownCode('src/a.ts:1:2')).toBe('`src/a.ts:1:2`');
  });

  it('escape bidirectional overrides and C1 controls too', () => {
    expect(terminalSafe('a\u202eb\u009bc')).toBe('a\\u202eb\\u009bc');
    expect(displayName('x\u2066.ts')).toBe('"x\u2066.ts"');
    expect(markdownCode('`start')).toBe('`` `start ``');
  });
});
