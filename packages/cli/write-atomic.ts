/**
 * Atomic writes for every command: the new content goes to a temporary file in the same folder (same file
 * system, so the rename is atomic) with the original's mode, then replaces the original. A crash leaves
 * either the old file or the new one, never half of each, and a failed write leaves no temporary file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface WriteOptions {
  /**
   * Create the file (and its folder) when it does not exist: reports do; migrate does not, so a source
   * file deleted during the run is reported instead of being brought back.
   */
  readonly create?: boolean;
}

export function writeFileAtomic(file: string, data: string | Buffer, options: WriteOptions = {}): void {
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch (error) {
    if (!options.create || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.jwt-ssot-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, data, mode === undefined ? undefined : { mode });
    if (mode !== undefined) fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
