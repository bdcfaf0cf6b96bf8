/** Temp projects for the migrate tests, and an in-memory IO for running the command in-process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandIo } from '../../packages/cli/io.js';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const PROJECT_FIXTURE = path.join(REPO_ROOT, 'test/fixtures/migrate-project');

export function tempDir(prefix = 'jwt-ssot-migrate-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A copy of the fixture project whose node_modules is the repository's (jsonwebtoken, jose, types). */
export function copyProject(): string {
  const dir = tempDir();
  fs.cpSync(PROJECT_FIXTURE, dir, { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

export function memoryIo(cwd: string): CommandIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env: {},
    stdout: {
      write: (text: string) => {
        out += text;
      },
    },
    stderr: {
      write: (text: string) => {
        err += text;
      },
    },
    out: () => out,
    err: () => err,
  };
}
