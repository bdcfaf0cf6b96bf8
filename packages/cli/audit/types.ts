/** The audit's report, as data: every formatter (json, sarif, markdown, text) prints one of these. */
import type { FindingKind } from '../../engine/index.js';
import type { ShardCoverage } from './shard-coverage.js';

export type ViolationKind = FindingKind;

/** ESLint's two reporting severities: errors fail the gate, warnings only past `--max-warnings`. */
export type Severity = 'error' | 'warning';

export interface Violation {
  /** Path relative to the report root, with forward slashes. */
  readonly file: string;
  readonly line: number;
  /** 1-based, like ESLint. */
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The ESLint rule id, `jwt-ssot/no-direct-verify`. */
  readonly rule: string;
  /** The rule's severity in the user's config for this file (or the preset's). */
  readonly severity: Severity;
  readonly messageId: string;
  readonly library: string;
  readonly api: string;
  readonly kind: ViolationKind;
  /** Exactly the text ESLint prints for this report. */
  readonly message: string;
  /** What the reviewer should use instead (for the markdown table). */
  readonly replacement: string;
  /** The trimmed source line: baseline keys hash it, so moving code around does not make it "new". */
  readonly lineText: string;
  /** Its statement carries a `// TODO(jwt-ssot): …` follow-up comment (present only when true); it still fails the gate. */
  readonly followUp?: true;
}

export interface SuppressedViolation extends Violation {
  /** `eslint-disable-next-line`, `eslint-disable-line` or `eslint-disable`. */
  readonly directive: string;
  /** The comment's line. */
  readonly directiveLine: number;
  /** The text after ` -- `, or null when the comment gives no reason. */
  readonly justification: string | null;
}

export interface FileError {
  readonly file: string;
  readonly message: string;
}

/** A file or folder the audit did not analyse by design (ignored, too large without JWT evidence, …). */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface AuditSummary {
  readonly filesScanned: number;
  readonly filesParsed: number;
  /** Every finding, errors and warnings. */
  readonly violations: number;
  /** The findings of rules set to `warn` (absent in reports written before severities existed). */
  readonly warnings?: number;
  readonly suppressed: number;
  readonly errors: number;
  readonly byRule: Record<string, number>;
  readonly byLibrary: Record<string, number>;
  /** How many violations are marked with a follow-up comment (present only when some are). */
  readonly followUps?: number;
}

export interface BaselineComparison {
  readonly file: string;
  /** Violations not in the baseline: these fail the gate. */
  readonly newViolations: readonly Violation[];
  /** Baseline entries no longer found. */
  readonly fixed: readonly { file: string; rule: string; api: string; line: number }[];
  /** Violations the baseline already records. */
  readonly known: number;
}

export interface ImpactEntry {
  readonly file: string;
  /** Test files importing `file` directly or transitively, sorted. */
  readonly tests: readonly string[];
}

/** What the SSOT map needs beyond the findings: where the canonical module is and which files import it. */
export interface SsotFacts {
  /** The canonical module of each settings object: a path relative to the report root, or a package name. */
  readonly canonical: readonly string[];
  /** Auth-module entries, relative to the report root. */
  readonly authEntries: readonly string[];
  /** One per file importing the canonical module or an auth-module entry (`to` is one of the above). */
  readonly imports: readonly { readonly from: string; readonly to: string }[];
}

export interface AuditReport {
  readonly version: string;
  readonly root: string;
  readonly violations: readonly Violation[];
  readonly errors: readonly FileError[];
  readonly suppressed: readonly SuppressedViolation[];
  readonly skipped: readonly SkippedFile[];
  readonly summary: AuditSummary;
  readonly baseline?: BaselineComparison;
  readonly impact?: readonly ImpactEntry[];
  readonly notes: readonly string[];
  /** With `--shard i/n`: which part of which file list this report covers. */
  readonly shard?: ShardCoverage;
  /** Set when the rules are not the config's own (it names no jwt-ssot rule): one line saying so. */
  readonly rulesNote?: string;
  /** Set for the formats that draw the SSOT map (markdown, mermaid, dot). */
  readonly ssot?: SsotFacts;
}

/** One violation as `--format json` prints it: messageId and lineText stay internal. */
export type JsonViolation = Pick<Violation, 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'rule' | 'library' | 'api' | 'kind' | 'message' | 'replacement' | 'followUp'> &
  // Reports written before severities existed hold errors only.
  Partial<Pick<Violation, 'severity'>>;

export type JsonSuppressedViolation = JsonViolation & Pick<SuppressedViolation, 'directive' | 'directiveLine' | 'justification'>;

/** `jwt-ssot audit --format json`: what formatJson prints and `jwt-ssot merge-reports` reads and writes. */
export interface JsonReport {
  readonly version: string;
  readonly violations: readonly JsonViolation[];
  readonly errors: readonly FileError[];
  readonly suppressed: readonly JsonSuppressedViolation[];
  /** Absent in reports written before skipped files were listed. */
  readonly skipped?: readonly SkippedFile[];
  readonly summary: AuditSummary;
  readonly baseline?: {
    readonly file: string;
    readonly new: readonly JsonViolation[];
    readonly fixed: BaselineComparison['fixed'];
    readonly known: number;
  };
  readonly impact?: readonly ImpactEntry[];
  readonly shard?: ShardCoverage;
  /** AuditReport's rulesNote, when set. */
  readonly rulesNote?: string;
}
