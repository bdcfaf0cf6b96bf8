/**
 * Text splicing for the migration: every change is a range of the original text and its replacement,
 * applied in one pass, so everything outside the ranges (quotes, indentation, comments, CRLF) stays
 * byte-identical. No printer ever re-renders code.
 */

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export class OverlapError extends Error {}

/** Applies non-overlapping edits (any order); equal-position inserts keep their given order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map(({ edit }) => edit);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new OverlapError(`overlapping edits at ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Where `pos` of the old text lands in the new one (inserts at `pos` land before it). */
export function mapOffset(edits: readonly TextEdit[], pos: number): number {
  let delta = 0;
  for (const edit of edits) {
    if (edit.end <= pos) delta += edit.text.length - (edit.end - edit.start);
  }
  return pos + delta;
}

/**
 * `mapOffset` for many positions through the same edits: O(log E) per position instead of O(E), so a
 * file with tens of thousands of sites is not quadratic. The edits must not change afterwards.
 */
export function offsetMapper(edits: readonly TextEdit[]): (pos: number) => number {
  const byEnd = [...edits].sort((a, b) => a.end - b.end);
  const ends = byEnd.map((edit) => edit.end);
  const deltaBefore: number[] = [0];
  for (const edit of byEnd) deltaBefore.push(deltaBefore.at(-1)! + edit.text.length - (edit.end - edit.start));
  return (pos) => pos + deltaBefore[upperBound(ends, pos)]!;
}

/** The number of sorted values ≤ `value`. */
export function upperBound(sorted: readonly number[], value: number): number {
  return countBelow(sorted, (item) => item <= value);
}

/** The number of sorted values < `value` (the index of the first one ≥ `value`). */
export function lowerBound(sorted: readonly number[], value: number): number {
  return countBelow(sorted, (item) => item < value);
}

/** The length of the prefix of `sorted` whose items pass `before` (which must hold for a prefix only). */
function countBelow(sorted: readonly number[], before: (item: number) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(sorted[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The inverse of `offsetMapper`, approximately: where a position of the edited text was in the original
 * (for the lines of later passes' edits), by binary search over the edits' starts in the edited text.
 */
export function reverseMapper(edits: readonly TextEdit[]): (pos: number) => number {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const newStarts: number[] = [];
  const deltaThrough: number[] = [];
  let delta = 0;
  for (const edit of sorted) {
    newStarts.push(edit.start + delta);
    delta += edit.text.length - (edit.end - edit.start);
    deltaThrough.push(delta);
  }
  return (pos) => {
    // The edits that start (in the edited text) before `pos` shifted it.
    const shifted = lowerBound(newStarts, pos);
    return Math.max(0, pos - (shifted === 0 ? 0 : deltaThrough[shifted - 1]!));
  };
}

export function detectEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The index just past the line's end of line (or the text's end). */
export function nextLineStart(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline + 1;
}

/** Line starts of the last few texts asked about: migrate asks for many lines of the same two or three texts. */
const lineStartsCache = new Map<string, number[]>();
const LINE_CACHE_SIZE = 4;

/** The 1-based line of `pos`, by binary search over the text's line starts (computed once per text). */
export function lineNumber(text: string, pos: number): number {
  let starts = lineStartsCache.get(text);
  if (!starts) {
    starts = [];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index);
    if (lineStartsCache.size >= LINE_CACHE_SIZE) lineStartsCache.delete(lineStartsCache.keys().next().value!);
    lineStartsCache.set(text, starts);
  }
  // Newlines strictly before `pos`, plus one.
  return upperBound(starts, pos - 1) + 1;
}

export function indentAt(text: string, pos: number): string {
  const start = lineStart(text, pos);
  return /^[ \t]*/.exec(text.slice(start, pos))![0];
}

/** Source text without whitespace and comments' layout differences, for comparing option values. */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '').replace(/"/g, "'").replace(/,([}\]])/g, '$1');
}
