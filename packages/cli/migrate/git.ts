/**
 * The clean-tree check before `--write`: uncommitted changes would mix with the migration's, and git is
 * the undo. A folder outside any git work tree (or a machine without git) counts as clean.
 */
import { execFileSync } from 'node:child_process';

export interface WorkTreeState {
  readonly inGit: boolean;
  /** `git status --porcelain` lines: modified, staged and untracked paths. */
  readonly changes: readonly string[];
}

export function workTreeState(dir: string): WorkTreeState {
  let inside: string;
  try {
    inside = execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return { inGit: false, changes: [] };
  }
  if (inside !== 'true') return { inGit: false, changes: [] };
  const status = execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return { inGit: true, changes: status.split('\n').filter((line) => line.trim() !== '') };
}
