/**
 * Memory grows linearly with input, within the bound docs/security.md states ("Input size"), checked at a
 * small scale: the peak resident memory of audit and migrate on a 400 KB file of sites, above the same
 * command on a tiny project, stays under 400 KB × the documented bound per MB. A quadratic stage (a
 * per-site copy of the text, say) blows far past it. Memory, not time: nothing here depends on speed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/helpers.js';
import { BIN } from './bad-tree.js';

/** The documented bounds (docs/security.md), in MB of peak memory per MB of input above a tiny run. */
const MB_PER_MB = { audit: 300, migrate: 1000 } as const;
const INPUT_BYTES = 400 * 1024;
const HOOK = path.join(__dirname, 'max-rss-hook.cjs');

const CONFIG = `export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt.ts', exports: { verify: 'validateToken' } } } } }];\n`;
const CANONICAL = `import jwt from 'jsonwebtoken';\nexport function validateToken(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET!);\n}\n`;

function sitesFile(bytes: number): string {
  let text = `import jwt from 'jsonwebtoken';\n`;
  for (let index = 0; text.length < bytes; index++) text += `const check${index} = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);\n`;
  return text;
}

function project(sites: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-memory-'));
  fs.mkdirSync(path.join(dir, 'src/auth'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), CONFIG);
  fs.writeFileSync(path.join(dir, 'src/auth/jwt.ts'), CANONICAL);
  fs.writeFileSync(path.join(dir, 'src/sites.ts'), sites);
  return dir;
}

function peakKb(dir: string, args: string[]): number {
  const run = spawnSync(process.execPath, ['--require', HOOK, BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
  const match = /jwt-ssot-test-max-rss-kb=(\d+)/.exec(run.stderr);
  if (!match) throw new Error(`no memory figure (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
  expect([0, 1]).toContain(run.status);
  return Number(match[1]);
}

describe('memory per MB of input', { timeout: 900_000 }, () => {
  let tiny: string;
  let large: string;
  beforeAll(() => {
    ensureBuilt();
    tiny = project(sitesFile(200));
    large = project(sitesFile(INPUT_BYTES));
  });
  afterAll(() => {
    for (const dir of [tiny, large]) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const command of ['audit', 'migrate'] as const) {
    it(`${command} stays within ${MB_PER_MB[command]} MB per MB of input`, () => {
      const args = [command, '--format', 'json'];
      const growthMb = (peakKb(large, args) - peakKb(tiny, args)) / 1024;
      expect(growthMb).toBeLessThan((MB_PER_MB[command] * INPUT_BYTES) / (1024 * 1024));
    });
  }
});
