/** Turns a scan into the report every format prints: totals by rule and by library. */
import type { ScanResult } from './scan.js';
import type { AuditReport, AuditSummary, BaselineComparison, ImpactEntry, Severity, SsotFacts } from './types.js';
import type { ShardCoverage } from './shard-coverage.js';

function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The totals of a report; `jwt-ssot merge-reports` recomputes a merged report's totals with it too. */
export function summarize(parts: {
  readonly filesScanned: number;
  readonly filesParsed: number;
  readonly violations: ReadonlyArray<{ readonly rule: string; readonly library: string; readonly severity?: Severity; readonly followUp?: boolean }>;
  readonly suppressed: number;
  readonly errors: number;
}): AuditSummary {
  return {
    filesScanned: parts.filesScanned,
    filesParsed: parts.filesParsed,
    violations: parts.violations.length,
    warnings: parts.violations.filter((violation) => violation.severity === 'warning').length,
    suppressed: parts.suppressed,
    errors: parts.errors,
    byRule: count(parts.violations, (violation) => violation.rule),
    byLibrary: count(parts.violations, (violation) => violation.library),
    ...followUpCount(parts.violations),
  };
}

/** `{ followUps: n }` when some violations are marked for follow-up, else nothing: older reports keep their shape. */
function followUpCount(violations: ReadonlyArray<{ readonly followUp?: boolean }>): { followUps?: number } {
  const marked = violations.filter((violation) => violation.followUp).length;
  return marked > 0 ? { followUps: marked } : {};
}

export function buildReport(
  scan: ScanResult,
  extra: {
    version: string;
    root: string;
    baseline?: BaselineComparison;
    impact?: readonly ImpactEntry[];
    notes?: readonly string[];
    rulesNote?: string;
    shard?: ShardCoverage;
    ssot?: SsotFacts;
  },
): AuditReport {
  return {
    version: extra.version,
    root: extra.root,
    violations: scan.violations,
    errors: scan.errors,
    suppressed: scan.suppressed,
    skipped: scan.skipped,
    summary: summarize({
      filesScanned: scan.filesScanned,
      filesParsed: scan.filesParsed,
      violations: scan.violations,
      suppressed: scan.suppressed.length,
      errors: scan.errors.length,
    }),
    baseline: extra.baseline,
    impact: extra.impact,
    notes: extra.notes ?? [],
    rulesNote: extra.rulesNote,
    ...(extra.shard ? { shard: extra.shard } : {}),
    ...(extra.ssot ? { ssot: extra.ssot } : {}),
  };
}
