/** Shared by the CLI tests: throwaway projects on disk and in-process runs with captured output. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandIo } from '../../packages/cli/io.js';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'dist/packages/cli/bin.js');

/** Writes `files` (path → text or bytes) under a new temporary folder and returns it. */
export function writeTree(files: Record<string, string | Buffer>, prefix = 'jwt-ssot-cli-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** An ESLint config holding only settings: the audit needs nothing else from it. */
export function settingsConfig(settings: Record<string, unknown>, extra = ''): string {
  return `module.exports = [${extra}{ settings: { 'jwt-ssot': ${JSON.stringify(settings)} } }];\n`;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runInProcess(
  run: (argv: readonly string[], io: CommandIo) => Promise<number>,
  cwd: string,
  argv: readonly string[],
  options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    cwd,
    env: options.env ?? {},
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
  });
  return { code, stdout, stderr };
}

/** The built CLI as a child process (what users and CI run). */
export function runBin(cwd: string, argv: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when the CLI sources are newer than the built bin (npm test builds first anyway). */
export function ensureBuilt(): void {
  const built = fs.existsSync(BIN) ? fs.statSync(path.join(REPO, 'dist/packages/cli/commands/audit.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0 : 0;
  const sources = Math.max(newestMtime(path.join(REPO, 'packages/cli')), newestMtime(path.join(REPO, 'packages/engine')), newestMtime(path.join(REPO, 'rules')));
  if (built >= sources) return;
  try {
    execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO, stdio: 'pipe' });
  } catch {
    // tsc emits despite type errors elsewhere in the tree; the tests below fail if the bin is unusable.
  }
}
