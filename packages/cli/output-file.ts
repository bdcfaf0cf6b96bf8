/**
 * `-o FILE` / `--output FILE`: the report goes to a file, written atomically. The path is checked before
 * a long run starts, so a typo in it fails at once (exit 2) instead of after minutes of work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './command.js';

/** The absolute report path; throws a one-line UsageError naming it when it cannot be written. */
export function writableOutputPath(cwd: string, given: string, flag = '--output'): string {
  const file = path.resolve(cwd, given);
  const folder = path.dirname(file);
  const fail = (what: string): never => {
    throw new UsageError(`${flag} ${given}: cannot write the report there (${what}).`);
  };
  let folderStat: fs.Stats;
  try {
    folderStat = fs.statSync(folder);
  } catch {
    return fail(`the folder ${folder} does not exist`);
  }
  if (!folderStat.isDirectory()) fail(`${folder} is not a folder`);
  try {
    // The atomic write creates a temporary file beside the report, so the folder itself must be writable.
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    fail(`the folder ${folder} is not writable`);
  }
  try {
    if (fs.statSync(file).isDirectory()) fail(`${file} is a folder`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  return file;
}
