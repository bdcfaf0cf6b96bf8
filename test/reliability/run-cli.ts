/**
 * Runs the built CLI on the bad-input tree the way a user would: a child process, bounded by a timeout
 * (never a timed assertion), as an unprivileged user when the suite runs as root so that file
 * permissions mean something, with `vanish-hook.cjs` preloaded to delete one file mid-run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN } from './bad-tree.js';

export const VANISH_HOOK = path.join(__dirname, 'vanish-hook.cjs');
const NOBODY = 65534;
/** Generous: a loaded CI machine is slow, but a hung command must still fail the test. */
export const RUN_TIMEOUT_MS = 240_000;

export interface RunUser {
  readonly uid?: number;
  readonly gid?: number;
  /** False when running as root without a way to drop privileges: root reads and writes anything. */
  readonly permissionsEnforced: boolean;
}

/** Root can read a mode-000 file and write into a mode-555 folder; run as `nobody` when we can. */
export function pickRunUser(): RunUser {
  if (process.getuid?.() !== 0) return { permissionsEnforced: true };
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}, require('fs').constants.R_OK)`], {
    uid: NOBODY,
    gid: NOBODY,
    timeout: 60_000,
  });
  return probe.status === 0 ? { uid: NOBODY, gid: NOBODY, permissionsEnforced: true } : { permissionsEnforced: false };
}

/** Gives the whole tree to the user the CLI runs as (symlinks themselves, not their targets). */
export function chownTree(dir: string, user: RunUser): void {
  if (user.uid === undefined) return;
  const visit = (entry: string): void => {
    fs.lchownSync(entry, user.uid!, user.gid!);
    const stat = fs.lstatSync(entry);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dir);
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(root: string, argv: readonly string[], user: RunUser, vanish?: string): CliRun {
  const result = spawnSync(process.execPath, ['--require', VANISH_HOOK, BIN, ...argv], {
    cwd: root,
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    uid: user.uid,
    gid: user.gid,
    env: { PATH: process.env.PATH, HOME: path.dirname(root), ...(vanish ? { BAD_INPUT_VANISH: path.join(root, vanish) } : {}) },
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace in output means something crashed instead of reporting. */
export const STACK_TRACE = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m;
