/** The clean-tree guard: outside git is clean, a dirty tree lists its changes, and a git failure is "unknown", never clean. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workTreeState } from '../../packages/cli/migrate/git.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-git-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'ignore' });
}

describe('workTreeState', () => {
  it('treats a folder outside git as clean', () => {
    expect(workTreeState(dir)).toEqual({ inGit: false });
  });

  it('lists uncommitted changes', () => {
    git('init', '-q');
    fs.writeFileSync(path.join(dir, 'a.ts'), 'x');
    expect(workTreeState(dir)).toEqual({ inGit: true, changes: ['?? a.ts'] });
  });

  it('reports a repository git refuses to read as unknown, with git’s reason', () => {
    git('init', '-q');
    fs.writeFileSync(path.join(dir, 'a.ts'), 'x');
    git('add', '.');
    // A corrupt index: rev-parse still works, status fails, as with "dubious ownership" or a broken lock.
    fs.writeFileSync(path.join(dir, '.git', 'index'), 'not an index');
    const state = workTreeState(dir);
    expect(state.inGit).toBe('unknown');
    expect(state.inGit === 'unknown' && state.reason).toMatch(/index/);
  });

  it('reports "dubious ownership" as unknown (a repository owned by another user; needs root to set up)', () => {
    git('init', '-q');
    if (process.getuid?.() !== 0) return;
    const saved = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    try {
      execFileSync('chown', ['-R', '1234:1234', dir]);
      const state = workTreeState(dir);
      expect(state).toEqual({ inGit: 'unknown', reason: expect.stringContaining('dubious ownership') });
    } finally {
      if (saved === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = saved;
    }
  });
});
