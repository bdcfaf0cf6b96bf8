/**
 * Atomic writes for every command: the new content goes to a temporary file in the same folder (same file
 * system, so the rename is atomic) with the original's mode and owner, then replaces the original. A crash
 * leaves either the old file or the new one, never half of each; a failed write leaves no temporary file,
 * and a run killed outright leaves one that the next run removes (`removeStaleTempFiles`).
 *
 * What a rename cannot keep is refused with a reason instead of being broken silently: a hard-linked file
 * (the other names would keep the old text), a read-only file, a file whose owner this process cannot
 * give to the replacement, and a file that changed since the caller read it (an editor saved it meanwhile).
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
  /** The bytes the caller read: the write is refused when the file no longer holds them. */
  readonly expected?: string | Buffer;
  /** A symlink is written through to its target only when the target lies inside this folder. */
  readonly within?: string;
}

/** A write refused to keep something (a concurrent edit, a link, a permission); nothing was changed. */
export class WriteRefusedError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'WriteRefusedError';
  }
}

const TEMP_NAME = /^\..+\.jwt-ssot-(\d+)-[0-9a-f]{8}\.tmp$/;
const pendingTempFiles = new Set<string>();

export function writeFileAtomic(file: string, data: string | Buffer, options: WriteOptions = {}): void {
  const target = writeTarget(file, options);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch (error) {
    if (!options.create || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    makeFolder(path.dirname(target));
  }
  if (stat) refuseWhatARenameWouldBreak(target, stat);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.jwt-ssot-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  pendingTempFiles.add(temp);
  try {
    fs.writeFileSync(temp, data, stat ? { mode: stat.mode & 0o7777 } : undefined);
    if (stat) {
      fs.chmodSync(temp, stat.mode & 0o7777);
      keepOwner(temp, target, stat);
    }
    if (options.expected !== undefined) refuseIfChanged(target, options.expected);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  } finally {
    pendingTempFiles.delete(temp);
  }
}

/** An in-project symlink is written through to its target, so the link stays a link. */
function writeTarget(file: string, options: WriteOptions): string {
  let link: fs.Stats;
  try {
    link = fs.lstatSync(file);
  } catch {
    return file;
  }
  if (!link.isSymbolicLink()) return file;
  const target = fs.realpathSync(file);
  if (options.within !== undefined) {
    const relative = path.relative(fs.realpathSync(options.within), target);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new WriteRefusedError(file, `is a symlink to ${target}, outside the project; not written`);
    }
  }
  return target;
}

function refuseWhatARenameWouldBreak(file: string, stat: fs.Stats): void {
  if (!stat.isFile()) throw new WriteRefusedError(file, 'is not a regular file; not written');
  if (stat.nlink > 1) {
    throw new WriteRefusedError(file, `has ${stat.nlink} hard links, which replacing it would break; not written (make it a single file, or edit it by hand)`);
  }
  if ((stat.mode & 0o222) === 0) throw new WriteRefusedError(file, 'is read-only; not written (make it writable to migrate it)');
}

/** Root can hand the new file to the original owner; anyone else can only when they already own it. */
function keepOwner(temp: string, file: string, stat: fs.Stats): void {
  const uid = process.getuid?.();
  if (uid === undefined || (stat.uid === uid && stat.gid === process.getgid?.())) return;
  try {
    fs.chownSync(temp, stat.uid, stat.gid);
  } catch {
    throw new WriteRefusedError(file, `is owned by ${stat.uid}:${stat.gid} and this process cannot keep that owner; not written`);
  }
}

function refuseIfChanged(file: string, expected: string | Buffer): void {
  const now = fs.readFileSync(file);
  const before = typeof expected === 'string' ? Buffer.from(expected) : expected;
  if (!now.equals(before)) throw new WriteRefusedError(file, 'changed on disk since it was read (edited meanwhile?); not written, run again to migrate its new content');
}

/**
 * `mkdir -p` one level at a time: Node's recursive mkdir never returns for a path under /proc, and a
 * report path there must fail at once with the reason.
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  let current = folder;
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of missing) fs.mkdirSync(dir);
}

/**
 * Removes temporary files of ours left in these folders by a run that was killed (kill -9, a power cut):
 * only our own naming, and only when the process that made it is gone. Returns the files removed.
 */
export function removeStaleTempFiles(folders: Iterable<string>): string[] {
  const removed: string[] = [];
  for (const folder of new Set(folders)) {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = TEMP_NAME.exec(name);
      if (!match || isRunning(Number(match[1]))) continue;
      const file = path.join(folder, name);
      try {
        if (fs.lstatSync(file).isFile()) {
          fs.rmSync(file);
          removed.push(file);
        }
      } catch {
        // Gone already, or not ours to remove: the next run tries again.
      }
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * On Ctrl-C or SIGTERM, remove a temporary file still being written, then die of the same signal.
 * Writes are synchronous, so the handler runs between writes; installing it once per process is enough.
 */
let signalCleanupInstalled = false;
export function cleanUpTempFilesOnSignals(): void {
  if (signalCleanupInstalled) return;
  signalCleanupInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const temp of pendingTempFiles) fs.rmSync(temp, { force: true });
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Checks, before any work, that a report can be written to `file`: its folder exists or can be made, and
 * a file can be created in it. Throws one line naming the path and the reason, so `--output` into a
 * missing or read-only place fails at once instead of after a long scan.
 */
export function assertWritableOutput(file: string): void {
  try {
    if (fs.existsSync(file) && !fs.statSync(file).isFile()) throw new Error('it is not a regular file');
    makeFolder(path.dirname(file));
    const probe = path.join(path.dirname(file), `.${path.basename(file)}.jwt-ssot-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot write ${file}: ${code ? describeWriteCode(code) : (error as Error).message}`);
  }
}

function describeWriteCode(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist and cannot be created';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code;
  }
}
