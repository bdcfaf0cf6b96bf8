/**
 * The audit's scan: the lint rules' own pipeline without ESLint around it. For each file: read the
 * text, let the prefilter rule it out, otherwise parse, analyse once and ask `findingsFor` what every
 * rule of the preset reports. Messages are built from the rules' `meta.messages` the way ESLint
 * interpolates them, so the audit and `eslint` print the same sites with the same words.
 */
import path from 'node:path';
import {
  analyzeFile,
  DEFAULT_RULE_OPTIONS,
  findingsFor,
  mightContainSites,
  parseFile,
  RULE_IDS,
  type RuleId,
  type RuleOptions,
  type Settings,
} from '../../engine/index.js';
import plugin, { NAMESPACE } from '../../plugin/index.js';
import { toPosix } from '../../engine/paths.js';
import { existingFollowUp, followUpAnchor, FOLLOW_UP_PREFIX } from '../../rewrite/follow-ups.js';
import { describeParseError, readSourceFile } from '../source-text.js';
import { suppressionsOf } from './suppressions.js';
import type { FileError, SuppressedViolation, Violation } from './types.js';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** Every directive suppressionsOf reads (`eslint-disable`, `-line`, `-next-line`, `eslint-enable`) holds one of these. */
const ESLINT_DIRECTIVE = /eslint-(?:disable|enable)/;

export type Preset = 'recommended' | 'strict';

export interface ScanOptions {
  readonly files: readonly string[];
  /** Report paths relative to this folder. */
  readonly root: string;
  readonly settingsFor: (file: string) => Promise<Settings>;
  readonly preset?: Preset;
  readonly maxFileSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ScanResult {
  readonly violations: Violation[];
  readonly suppressed: SuppressedViolation[];
  readonly errors: FileError[];
  readonly filesScanned: number;
  readonly filesParsed: number;
}

export interface ActiveRule {
  readonly id: RuleId;
  readonly eslintId: string;
  readonly options: RuleOptions[RuleId];
  readonly messages: Readonly<Record<string, string>>;
  readonly description: string;
  readonly helpUri?: string;
}

/** The preset's rules with the options it sets, as the lint run would see them. */
export function presetRules(preset: Preset = 'recommended'): ActiveRule[] {
  const configured = plugin.configs[preset].rules ?? {};
  const active: ActiveRule[] = [];
  for (const id of RULE_IDS) {
    const eslintId = `${NAMESPACE}/${id}`;
    const entry = configured[eslintId];
    if (entry === undefined) continue;
    const [severity, ruleOptions] = Array.isArray(entry) ? entry : [entry, undefined];
    if (severity === 'off' || severity === 0) continue;
    active.push({
      id,
      eslintId,
      options: { ...DEFAULT_RULE_OPTIONS[id], ...(ruleOptions as object | undefined) } as RuleOptions[RuleId],
      messages: plugin.rules[id].meta.messages as Record<string, string>,
      description: plugin.rules[id].meta.docs?.description ?? id,
      helpUri: plugin.rules[id].meta.docs?.url,
    });
  }
  return active;
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
  const rules = presetRules(options.preset);
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const violations: Violation[] = [];
  const suppressed: SuppressedViolation[] = [];
  const errors: FileError[] = [];
  let filesParsed = 0;
  let done = 0;

  for (const file of options.files) {
    const rel = relativePath(options.root, file);
    options.onProgress?.(done++, options.files.length);
    // Too large, unreadable, vanished since listing or binary: an error naming the reason (source-text.ts).
    const read = readSourceFile(file, maxFileSize);
    if (!read.ok) {
      errors.push({ file: rel, message: read.message });
      continue;
    }
    // ESLint drops the BOM before parsing; columns must match its.
    let text = read.source.text;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const settings = await options.settingsFor(file);
    if (!mightContainSites(text, settings)) continue;
    const hasFollowUps = text.includes(FOLLOW_UP_PREFIX);
    let parsed: ReturnType<typeof parseFile>;
    try {
      // Comments only feed the suppression and follow-up accounting: skip collecting them when neither can exist.
      parsed = parseFile(file, text, { comments: ESLINT_DIRECTIVE.test(text) || hasFollowUps });
    } catch (error) {
      errors.push({ file: rel, message: describeParseError(error) });
      continue;
    }
    filesParsed++;
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
  return { violations, suppressed, errors, filesScanned: options.files.length, filesParsed };
}
