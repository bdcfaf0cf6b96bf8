/**
 * `-o FILE` / `--output FILE` of every command: the report goes to a file, written atomically, its folder
 * made when missing (as ESLint's `--output-file` does). The path is checked before a long run starts, so
 * a typo in it fails at once (exit 2) instead of after minutes of work.
 */
import path from 'node:path';
import { UsageError } from './command.js';
import { assertWritableOutput } from './write-atomic.js';

/** The absolute report path; throws a one-line UsageError naming it when it cannot be written. */
export function writableOutputPath(cwd: string, given: string, flag = '--output'): string {
  const file = path.resolve(cwd, given);
  try {
    assertWritableOutput(file);
  } catch (error) {
    throw new UsageError(`${flag} ${given}: ${(error as Error).message}.`);
  }
  return file;
}
