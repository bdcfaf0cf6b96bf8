/**
 * The dry run's view of a change: a unified diff with paths relative to where the user ran the command.
 * Myers' algorithm (jsdiff) gives the minimal diff but costs O(N·D): a file with 40,000 rewritten lines
 * took minutes. Past MAX_EDIT_LENGTH the diff is aligned greedily instead, in linear time: migrate edits
 * lines in place and inserts a few, so the two texts resynchronise within a few lines.
 */
import { createTwoFilesPatch } from 'diff';

/** Edit distance up to which the minimal diff is cheap (well under a second); beyond, the linear one. */
const MAX_EDIT_LENGTH = 2_000;
/** How far ahead (in lines, both sides together) the linear diff looks for the texts to meet again. */
const RESYNC_WINDOW = 40;
const CONTEXT = 3;

export function unifiedDiff(displayPath: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, undefined, undefined, { context: CONTEXT, maxEditLength: MAX_EDIT_LENGTH });
  if (patch === undefined) return linearDiff(displayPath, before, after);
  // The "Index:"/"===" preamble adds nothing to a per-file diff.
  return patch.replace(/^={10,}\r?\n/m, '').replace(/^Index: .*\r?\n/m, '');
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string; readonly last: boolean };

/** A text's lines; the last one is marked when the text does not end in a newline (it differs from the same line with one). */
interface Lines {
  readonly text: readonly string[];
  readonly keys: readonly string[];
  readonly noNewlineAtEnd: boolean;
}

function linesOf(source: string): Lines {
  const text = source.split('\n');
  const noNewlineAtEnd = text.at(-1) !== '';
  if (!noNewlineAtEnd) text.pop();
  const keys = text.map((line, index) => (noNewlineAtEnd && index === text.length - 1 ? `${line}\n\\` : line));
  return { text, keys, noNewlineAtEnd };
}

/** A unified diff in O((N + M) · RESYNC_WINDOW²): not always minimal, always correct. */
export function linearDiff(displayPath: string, before: string, after: string): string {
  const a = linesOf(before);
  const b = linesOf(after);
  const ops: Op[] = [];
  const push = (kind: Op['kind'], side: Lines, index: number): void => {
    ops.push({ kind, line: side.text[index]!, last: side.noNewlineAtEnd && index === side.text.length - 1 });
  };
  let i = 0;
  let j = 0;
  while (i < a.keys.length || j < b.keys.length) {
    if (i < a.keys.length && j < b.keys.length && a.keys[i] === b.keys[j]) {
      push(' ', a, i++);
      j++;
      continue;
    }
    const [skipA, skipB] = resync(a.keys, b.keys, i, j);
    for (let step = 0; step < skipA; step++) push('-', a, i++);
    for (let step = 0; step < skipB; step++) push('+', b, j++);
  }
  return `--- a/${displayPath}\n+++ b/${displayPath}\n${hunks(ops)}`;
}

/** The fewest lines to drop from each side (within the window) before the two meet again. */
function resync(a: readonly string[], b: readonly string[], i: number, j: number): [number, number] {
  for (let total = 1; total <= RESYNC_WINDOW; total++) {
    for (let skipA = 0; skipA <= total; skipA++) {
      const skipB = total - skipA;
      if (i + skipA < a.length && j + skipB < b.length && a[i + skipA] === b[j + skipB]) return [skipA, skipB];
    }
  }
  // No meeting point nearby: replace one line by one line (or take what is left of either side).
  return [i < a.length ? 1 : 0, j < b.length ? 1 : 0];
}

function hunks(ops: readonly Op[]): string {
  const out: string[] = [];
  let index = 0;
  let oldLine = 1;
  let newLine = 1;
  while (index < ops.length) {
    if (ops[index]!.kind === ' ') {
      index++;
      oldLine++;
      newLine++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change that is at
    // most 2·CONTEXT unchanged lines from the next one.
    const start = Math.max(0, index - CONTEXT);
    let end = index;
    let gap = 0;
    for (let cursor = index; cursor < ops.length; cursor++) {
      if (ops[cursor]!.kind === ' ') {
        gap++;
        if (gap > 2 * CONTEXT) break;
      } else {
        gap = 0;
        end = cursor;
      }
    }
    const stop = Math.min(ops.length, end + 1 + CONTEXT);
    const leading = index - start;
    const hunkOps = ops.slice(start, stop);
    const oldCount = hunkOps.filter((op) => op.kind !== '+').length;
    const newCount = hunkOps.filter((op) => op.kind !== '-').length;
    const oldStart = oldLine - leading;
    const newStart = newLine - leading;
    out.push(`@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`);
    for (const op of hunkOps) {
      out.push(`${op.kind}${op.line}\n`);
      if (op.last) out.push('\\ No newline at end of file\n');
    }
    for (let cursor = index; cursor < stop; cursor++) {
      if (ops[cursor]!.kind !== '+') oldLine++;
      if (ops[cursor]!.kind !== '-') newLine++;
    }
    index = stop;
  }
  return out.join('');
}
