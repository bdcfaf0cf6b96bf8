/** Turns a scan into the report every format prints: totals by rule and by library. */
import type { ScanResult } from './scan.js';
import type { AuditReport, BaselineComparison, ImpactEntry } from './types.js';

function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function buildReport(
  scan: ScanResult,
  extra: { version: string; root: string; baseline?: BaselineComparison; impact?: readonly ImpactEntry[]; notes?: readonly string[] },
): AuditReport {
  return {
    version: extra.version,
    root: extra.root,
    violations: scan.violations,
    errors: scan.errors,
    suppressed: scan.suppressed,
    summary: {
      filesScanned: scan.filesScanned,
      filesParsed: scan.filesParsed,
      violations: scan.violations.length,
      suppressed: scan.suppressed.length,
      errors: scan.errors.length,
      byRule: count(scan.violations, (violation) => violation.rule),
      byLibrary: count(scan.violations, (violation) => violation.library),
    },
    baseline: extra.baseline,
    impact: extra.impact,
    notes: extra.notes ?? [],
  };
}
