/**
 * The clean-tree check before `--write`: uncommitted changes would mix with the migration's, and git is
 * the undo. A folder outside any git work tree (or a machine without git) counts as clean. Any other git
 * failure ("dubious ownership", a corrupt index, a lock) means the state is unknown, never "clean".
 */
import { spawnSync } from 'node:child_process';

export type WorkTreeState =
  | { readonly inGit: false }
  | {
      readonly inGit: true;
      /** `git status --porcelain` lines: modified, staged and untracked paths. */
      readonly changes: readonly string[];
    }
  | { readonly inGit: 'unknown'; readonly reason: string };

const NOT_A_REPOSITORY = /not a git repository/i;

export function workTreeState(dir: string): WorkTreeState {
  const inside = git(dir, ['rev-parse', '--is-inside-work-tree']);
  if (inside.missingGit) return { inGit: false };
  if (inside.status !== 0) {
    if (NOT_A_REPOSITORY.test(inside.stderr)) return { inGit: false };
    return { inGit: 'unknown', reason: firstLine(inside.stderr) || `git rev-parse exited with ${inside.status}` };
  }
  // A bare repository or the inside of .git: not a work tree we could be writing into.
  if (inside.stdout.trim() !== 'true') return { inGit: false };
  const status = git(dir, ['status', '--porcelain']);
  if (status.status !== 0) return { inGit: 'unknown', reason: firstLine(status.stderr) || `git status exited with ${status.status}` };
  return { inGit: true, changes: status.stdout.split('\n').filter((line) => line.trim() !== '') };
}

interface GitRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly missingGit: boolean;
}

function git(cwd: string, args: readonly string[]): GitRun {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  const missingGit = (run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '', missingGit };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.replace(/^fatal:\s*/, '') ?? '';
}
