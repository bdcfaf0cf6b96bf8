/**
 * The audit's scan: the lint rules' own pipeline without ESLint around it. For each file: read the
 * text, let the prefilter rule it out, otherwise parse, analyse once and ask `findingsFor` what every
 * rule of the preset reports. Messages are built from the rules' `meta.messages` the way ESLint
 * interpolates them, so the audit and `eslint` print the same sites with the same words.
 */
import path from 'node:path';
import fs from 'node:fs';
import { analyzeFile, findingsFor, mightContainSites, parseFile, type ParserName, type Settings } from '../../engine/index.js';
import { toPosix } from '../../engine/paths.js';
import { existingFollowUp, followUpAnchor, FOLLOW_UP_PREFIX } from '../../rewrite/follow-ups.js';
import { describeFsError, describeParseError, readSourceFile } from '../source-text.js';
import { suppressionsOf } from './suppressions.js';
import { jwtEvidence } from './evidence.js';
import { presetRules, type ActiveRule, type Preset } from './rules.js';
import type { FileError, SkippedFile, SuppressedViolation, Violation } from './types.js';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** Every directive suppressionsOf reads (`eslint-disable`, `-line`, `-next-line`, `eslint-enable`) holds one of these. */
const ESLINT_DIRECTIVE = /eslint-(?:disable|enable)/;

export type { ActiveRule, Preset } from './rules.js';
export { presetRules } from './rules.js';

export interface ScanOptions {
  readonly files: readonly string[];
  /** Report paths relative to this folder. */
  readonly root: string;
  readonly settingsFor: (file: string) => Promise<Settings>;
  /** The rules for each file (the user's config); without it, the preset's for every file. */
  readonly rulesFor?: (file: string) => Promise<readonly ActiveRule[]>;
  readonly preset?: Preset;
  readonly maxFileSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * `oxc-parser` (default): parse with oxc where it is installed and vouched for, typescript-estree
   * otherwise (engine/parse-oxc.ts). `typescript-estree`: always the lint rules' parser, the reference
   * the differential test compares against.
   */
  readonly parser?: ParserName;
}

export interface ScanResult {
  readonly violations: Violation[];
  readonly suppressed: SuppressedViolation[];
  readonly errors: FileError[];
  readonly skipped: SkippedFile[];
  readonly filesScanned: number;
  readonly filesParsed: number;
  /** How many of the parsed files oxc-parser parsed (the rest: typescript-estree). */
  readonly filesParsedWithOxc?: number;
}

/**
 * A file over the size limit: an error (with readSourceFile's words) when it shows JWT use, otherwise
 * skipped (see evidence.ts).
 */
function oversized(file: string, maxFileSize: number, settings: Settings): { error: string } | { skipped: string } {
  const read = readSourceFile(file, maxFileSize);
  const message = read.ok ? 'File too large to analyse.' : read.message;
  let evidence: string | undefined;
  try {
    evidence = jwtEvidence(file, settings);
  } catch (error) {
    return { error: describeFsError(error, 'read') };
  }
  if (evidence) return { error: message };
  const size = /\(\d+ bytes > \d+/.exec(message)?.[0]?.slice(1);
  return { skipped: `too large${size ? ` (${size})` : ''}, no JWT evidence (no import of a JWT library or private auth path)` };
}

/** ESLint's own placeholder rule: `{{ key }}` is replaced when `key` is in data, left alone otherwise. */
function interpolate(text: string, data: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{([^{}]+)\}\}/gu, (whole, term: string) => {
    const key = term.trim();
    return key in data ? String(data[key]) : whole;
  });
}


export function relativePath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return toPosix(rel === '' ? path.basename(file) : rel);
}

export async function scanFiles(options: ScanOptions): Promise<ScanResult> {
  const preset = presetRules(options.preset);
  const rulesFor = options.rulesFor ?? (async () => preset);
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const violations: Violation[] = [];
  const suppressed: SuppressedViolation[] = [];
  const errors: FileError[] = [];
  const skipped: SkippedFile[] = [];
  let filesParsed = 0;
  let filesParsedWithOxc = 0;
  const preferOxc = (options.parser ?? 'oxc-parser') === 'oxc-parser';
  let done = 0;

  for (const file of options.files) {
    const rel = relativePath(options.root, file);
    options.onProgress?.(done++, options.files.length);
    const rules = await rulesFor(file);
    // Every jwt-ssot rule is off for this file: ESLint reports nothing from it either.
    if (rules.length === 0) continue;
    const settings = await options.settingsFor(file);
    const size = sizeOf(file);
    if (size !== undefined && size > maxFileSize) {
      const verdict = oversized(file, maxFileSize, settings);
      if ('error' in verdict) errors.push({ file: rel, message: verdict.error });
      else skipped.push({ file: rel, reason: verdict.skipped });
      continue;
    }
    // Unreadable, vanished since listing or binary: an error naming the reason (source-text.ts).
    const read = readSourceFile(file, maxFileSize);
    if (!read.ok) {
      errors.push({ file: rel, message: read.message });
      continue;
    }
    // ESLint drops the BOM before parsing; columns must match its.
    let text = read.source.text;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!mightContainSites(text, settings)) continue;
    const hasFollowUps = text.includes(FOLLOW_UP_PREFIX);
    let parsed: ReturnType<typeof parseFile>;
    try {
      // Comments only feed the suppression and follow-up accounting: skip collecting them when neither can exist.
      parsed = parseFile(file, text, { comments: ESLINT_DIRECTIVE.test(text) || hasFollowUps, preferOxc });
    } catch (error) {
      errors.push({ file: rel, message: describeParseError(error) });
      continue;
    }
    filesParsed++;
    if (parsed.parser === 'oxc-parser') filesParsedWithOxc++;
    let analysis: ReturnType<typeof analyzeFile>;
    try {
      analysis = analyzeFile({ ast: parsed.ast, scopeManager: parsed.scopeManager, filename: file, text, settings });
    } catch (error) {
      errors.push({ file: rel, message: `Analysis failed: ${(error as Error).message}` });
      continue;
    }
    const suppressionAt = suppressionsOf(parsed.ast.comments);
    let lines: string[] | undefined;
    for (const rule of rules) {
      for (const finding of findingsFor(rule.id, analysis, settings, rule.options)) {
        const loc = finding.node.loc;
        lines ??= text.split(/\r\n|[\r\n\u2028\u2029]/u);
        const template = rule.messages[finding.messageId] ?? finding.messageId;
        const violation: Violation = {
          file: rel,
          line: loc.start.line,
          column: loc.start.column + 1,
          endLine: loc.end.line,
          endColumn: loc.end.column + 1,
          rule: rule.eslintId,
          severity: rule.severity,
          messageId: finding.messageId,
          library: finding.library,
          api: finding.api,
          kind: finding.kind,
          message: interpolate(template, finding.data),
          replacement: finding.replacement,
          lineText: (lines[loc.start.line - 1] ?? '').trim(),
          // Marked by migrate (or a person) with a follow-up comment: reported all the same, a marker is no suppression.
          ...(hasFollowUps && existingFollowUp(text, parsed.ast, followUpAnchor(finding.node, text)) !== undefined ? { followUp: true } : {}),
        };
        const suppression = suppressionAt(rule.eslintId, violation.line, violation.column);
        if (suppression) suppressed.push({ ...violation, ...suppression });
        else violations.push(violation);
      }
    }
  }
  options.onProgress?.(done, options.files.length);
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const order = (a: Violation, b: Violation): number =>
    compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule);
  violations.sort(order);
  suppressed.sort(order);
  return { violations, suppressed, errors, skipped, filesScanned: options.files.length, filesParsed, filesParsedWithOxc };
}

/** The file's size, or undefined when it cannot be read (readSourceFile then says why). */
function sizeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined;
  }
}
