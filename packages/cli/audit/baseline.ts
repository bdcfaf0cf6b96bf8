/**
 * The ratchet. A baseline records today's findings keyed by file + rule + API + a hash of the line's
 * text (never the line number), so edits elsewhere in a file do not turn known findings into "new" ones.
 * Identical keys are counted: a second copy of the same call on a new line is still new.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { UsageError } from '../command.js';
import { writeFileAtomic } from '../write-atomic.js';
import type { BaselineComparison, Violation } from './types.js';

const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly file: string;
  readonly rule: string;
  readonly api: string;
  /** sha256 of the trimmed source line, first 16 hex digits. */
  readonly lineHash: string;
  /** Where it was when recorded (informational only). */
  readonly line: number;
}

export interface BaselineFile {
  readonly version: number;
  readonly tool: string;
  readonly entries: readonly BaselineEntry[];
}

export function lineHash(lineText: string): string {
  return createHash('sha256').update(lineText.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);
}

function keyOf(entry: { file: string; rule: string; api: string; lineHash: string }): string {
  return JSON.stringify([entry.file, entry.rule, entry.api, entry.lineHash]);
}

export function toBaseline(violations: readonly Violation[], tool: string): BaselineFile {
  const entries = violations.map((violation) => ({
    file: violation.file,
    rule: violation.rule,
    api: violation.api,
    lineHash: lineHash(violation.lineText),
    line: violation.line,
  }));
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
  return { version: BASELINE_VERSION, tool, entries };
}

/** `label` is the path as the user wrote it, for messages. */
export function readBaseline(file: string, label = file): BaselineFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--baseline ${label}: ${code === 'ENOENT' ? 'file not found (create it with --update-baseline)' : `not valid JSON (${(error as Error).message})`}`);
  }
  const baseline = json as Partial<BaselineFile>;
  if (typeof baseline !== 'object' || baseline === null || baseline.version !== BASELINE_VERSION || !Array.isArray(baseline.entries)) {
    throw new UsageError(`--baseline ${label}: not a jwt-ssot baseline (expected { "version": ${BASELINE_VERSION}, "entries": [...] })`);
  }
  for (const [index, entry] of baseline.entries.entries()) {
    if (typeof entry?.file !== 'string' || typeof entry.rule !== 'string' || typeof entry.api !== 'string' || typeof entry.lineHash !== 'string') {
      throw new UsageError(`--baseline ${label}: entries[${index}] needs string file, rule, api and lineHash`);
    }
  }
  return baseline as BaselineFile;
}

export function writeBaseline(file: string, baseline: BaselineFile): void {
  writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`, { create: true });
}

export function compareWithBaseline(violations: readonly Violation[], baseline: BaselineFile, file: string): BaselineComparison {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.entries) {
    const key = keyOf(entry);
    const list = remaining.get(key) ?? [];
    list.push(entry);
    remaining.set(key, list);
  }
  const newViolations: Violation[] = [];
  let known = 0;
  for (const violation of violations) {
    const list = remaining.get(keyOf({ ...violation, lineHash: lineHash(violation.lineText) }));
    if (list && list.length > 0) {
      list.shift();
      known++;
    } else {
      newViolations.push(violation);
    }
  }
  const fixed = [...remaining.values()].flat().map((entry) => ({ file: entry.file, rule: entry.rule, api: entry.api, line: entry.line }));
  return { file, newViolations, fixed, known };
}
