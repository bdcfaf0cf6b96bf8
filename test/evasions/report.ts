/**
 * The generated part of docs/security.md: the caught rate, the evasion table and the known gaps, all
 * rendered from the corpus so the document cannot drift from what the tests assert.
 * Regenerate with `JWT_SSOT_UPDATE_DOCS=1 npx vitest run test/evasions`.
 */
import type { EvasionCase } from './corpus.js';

export const START_MARKER = '<!-- evasions:start (generated from test/evasions/corpus.ts) -->';
export const END_MARKER = '<!-- evasions:end -->';

export interface Rate {
  readonly caught: number;
  readonly total: number;
  readonly percent: number;
}

export function caughtRate(cases: readonly EvasionCase[]): Rate {
  const caught = cases.filter((entry) => entry.expected === 'caught').length;
  return { caught, total: cases.length, percent: Math.round((caught / cases.length) * 100) };
}

export function rateSentence(rate: Rate): string {
  return `**Caught: ${rate.caught} of ${rate.total} evasions (${rate.percent}%).**`;
}

/** Markdown table cells: no pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function renderSection(cases: readonly EvasionCase[]): string {
  const rate = caughtRate(cases);
  const lines = [
    START_MARKER,
    '',
    rateSentence(rate),
    '',
    '| id | form | rule | result |',
    '| --- | --- | --- | --- |',
    ...cases.map((entry) => `| \`${entry.id}\` | ${cell(entry.description)} | \`${entry.rule}\` | ${entry.expected === 'caught' ? 'caught' : '**gap**'} |`),
    '',
    '### Known gaps',
    '',
    '| id | why it is not caught, and what mitigates it |',
    '| --- | --- |',
    ...cases.filter((entry) => entry.expected === 'gap').map((entry) => `| \`${entry.id}\` | ${cell(entry.gapReason ?? '')} |`),
    '',
    END_MARKER,
  ];
  return lines.join('\n');
}

/** The text between (and including) the markers, or undefined when they are missing. */
export function extractSection(document: string): string | undefined {
  const start = document.indexOf(START_MARKER);
  const end = document.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) return undefined;
  return document.slice(start, end + END_MARKER.length);
}
