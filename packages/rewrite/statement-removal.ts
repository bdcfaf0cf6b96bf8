/**
 * Removing whole statements without leaving traces: a statement alone on its lines goes with its lines, its
 * trailing `// comment` (which described it) and the follow-up comments above it (an earlier run's "still
 * imported for …"), and a removal between two blank lines takes one of them too, so the file never gains
 * a blank-line pair it did not have.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { startAboveFollowUps } from './follow-ups.js';
import { lineStart, nextLineStart, type TextEdit } from './text.js';

/** What may follow a statement on its last line and still belong to it: a line or one-line block comment. */
const TRAILING_COMMENT = /^[ \t]*(?:\/\/[^\r\n]*|\/\*(?:(?!\*\/)[^\r\n])*\*\/[ \t]*)?\r?\n?$/u;

const isBlankLine = (text: string, start: number): boolean => start < text.length && text.slice(start, nextLineStart(text, start)).trim() === '';

/** The lines a statement occupies alone (with a trailing comment), or undefined when it shares a line. */
function ownLines(text: string, ast: TSESTree.Program, statement: TSESTree.Node): { start: number; end: number } | undefined {
  const [start, end] = statement.range;
  const begin = lineStart(text, start);
  const after = nextLineStart(text, end);
  if (text.slice(begin, start).trim() !== '' || !TRAILING_COMMENT.test(text.slice(end, after))) return undefined;
  const markers = startAboveFollowUps(text, ast, statement);
  const markersBegin = lineStart(text, markers);
  return { start: text.slice(markersBegin, markers).trim() === '' ? markersBegin : begin, end: after };
}

/**
 * Edits that remove `statements` (distinct, non-overlapping) from `text`. Whole-line removals that touch
 * are merged first, so two adjacent removed lines between blank lines leave one blank line, not two.
 */
export function removeStatements(text: string, ast: TSESTree.Program, statements: readonly TSESTree.Node[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const lines: Array<{ start: number; end: number }> = [];
  for (const statement of statements) {
    const own = ownLines(text, ast, statement);
    if (own) lines.push(own);
    else edits.push({ start: statement.range[0], end: statement.range[1], text: '' });
  }
  lines.sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const range of lines) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  for (const range of merged) {
    const blankBefore = range.start === 0 || isBlankLine(text, lineStart(text, range.start - 1));
    if (blankBefore && isBlankLine(text, range.end)) range.end = nextLineStart(text, range.end);
    else if (range.end === text.length && range.start > 0 && blankBefore) range.start = lineStart(text, range.start - 1);
    edits.push({ start: range.start, end: range.end, text: '' });
  }
  return edits;
}
