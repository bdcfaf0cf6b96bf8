/**
 * The progress line of a long migration: `Migrating 1,234 / 5,000 files…` on stderr, overwritten in
 * place. Only for a person at a terminal with a large tree: never when stderr is not a TTY (CI logs,
 * pipes) and never for JSON output, whose readers want the report alone.
 */
import type { CommandIo } from '../io.js';

/** Trees up to this many files finish before a progress line would help. */
export const PROGRESS_MIN_FILES = 200;
/** Redraw every this many files: often enough to move, rarely enough not to flood a slow terminal. */
const REDRAW_EVERY = 25;
const CLEAR_LINE = '\r\u001b[K';

export interface ProgressOptions {
  readonly format: string;
}

/** `io.stderr.isTTY` decides (tests inject it), with the format and the size of the tree. */
export function shouldShowProgress(io: CommandIo, total: number, options: ProgressOptions): boolean {
  return io.stderr.isTTY === true && options.format !== 'json' && total > PROGRESS_MIN_FILES;
}

const count = (value: number): string => value.toLocaleString('en-US');

/**
 * A progress callback for runMigration: decides on the first call (when the total is known) whether to
 * draw at all, redraws the line as files are done, and clears it at the end so the report starts clean.
 */
export function progressLine(io: CommandIo, options: ProgressOptions): (done: number, total: number) => void {
  let enabled: boolean | undefined;
  return (done, total) => {
    enabled ??= shouldShowProgress(io, total, options);
    if (!enabled) return;
    if (done === total) {
      io.stderr.write(CLEAR_LINE);
      return;
    }
    if (done % REDRAW_EVERY === 0) io.stderr.write(`${CLEAR_LINE}Migrating ${count(done)} / ${count(total)} files…`);
  };
}
