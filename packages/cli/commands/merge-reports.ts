/**
 * `jwt-ssot merge-reports`: joins the reports of `jwt-ssot audit --shard i/n` jobs into one, so a CI
 * matrix ends with a single report (and a single gate). JSON reports are concatenated and their totals
 * recomputed; SARIF logs have the runs of the same tool merged into one run, because code-scanning
 * services expect one run per tool and category in an upload.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Log, ReportingDescriptor, Result, Run, Artifact } from 'sarif';
import { summarize } from '../audit/report.js';
import { checkShardSet, SARIF_SHARD_PROPERTY, type ShardCoverage } from '../audit/shard-coverage.js';
import { jsonReportProblem, sarifLogProblem } from '../audit/report-shape.js';
import type { JsonReport, JsonViolation } from '../audit/types.js';
import { defineCommand, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { writableOutputPath } from '../output-file.js';
import { writeFileAtomic } from '../write-atomic.js';

const HELP = `Usage: jwt-ssot merge-reports <report files...> [options]

Joins the JSON or SARIF reports of \`jwt-ssot audit --shard i/n\` jobs into one report.

Options:
  -f, --format <json|sarif>  Output format (default: the format of the inputs, which must all agree)
  -o, --output <file>        Write the merged report to a file instead of stdout
  -h, --help                 Show this help

JSON: violations, suppressed sites and errors are concatenated (exact duplicates dropped, sorted by
file and position) and the summary is recomputed. SARIF: runs of the same tool are merged into one run.
Exit codes: 0 clean, 1 the merged report has findings (new ones, with a baseline) or errors, 2 bad usage.
`;

/** A merged JSON report: the audit's shape, its summary also counting the reports merged. */
export type MergedJsonReport = JsonReport & { readonly summary: JsonReport['summary'] & { readonly reports: number } };

type Input = { readonly file: string; readonly format: 'json'; readonly report: JsonReport } | { readonly file: string; readonly format: 'sarif'; readonly report: Log };

/** Reads one report and tells JSON audit reports from SARIF logs by their shape. */
export function readReport(file: string, text: string): Input {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message}).`);
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.runs) && typeof object.version === 'string') {
      const problem = sarifLogProblem(value);
      if (problem) throw new UsageError(`${file}: not a well-formed SARIF log (${problem}).`);
      return { file, format: 'sarif', report: value as Log };
    }
    if (Array.isArray(object.violations)) {
      const problem = jsonReportProblem(value);
      if (problem) throw new UsageError(`${file}: not a well-formed jwt-ssot JSON report (${problem}).`);
      return { file, format: 'json', report: value as JsonReport };
    }
  }
  throw new UsageError(`${file}: neither a jwt-ssot JSON report (no "violations") nor a SARIF log (no "runs").`);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byPosition(a: JsonViolation, b: JsonViolation): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule);
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

// Two shards never report the same site; the same site twice means overlapping inputs (a report given
// twice, or shards of different splits), and counting it twice would be wrong either way.
const siteKey = (violation: JsonViolation): string => `${violation.file}\0${violation.line}\0${violation.column}\0${violation.rule}\0${violation.message}`;

export function mergeJsonReports(reports: readonly JsonReport[]): MergedJsonReport {
  const violations = uniqueBy(reports.flatMap((report) => report.violations), siteKey).sort(byPosition);
  const suppressed = uniqueBy(reports.flatMap((report) => report.suppressed ?? []), siteKey).sort(byPosition);
  const errors = uniqueBy(reports.flatMap((report) => report.errors ?? []), (error) => `${error.file}\0${error.message}`).sort(
    (a, b) => compare(a.file, b.file) || compare(a.message, b.message),
  );
  const skipped = uniqueBy(reports.flatMap((report) => report.skipped ?? []), (item) => `${item.file}\0${item.reason}`).sort(
    (a, b) => compare(a.file, b.file) || compare(a.reason, b.reason),
  );
  const versions = [...new Set(reports.map((report) => report.version).filter((version) => version !== undefined))];
  const merged: MergedJsonReport = {
    // A report written by hand may lack a version: JSON.stringify then leaves the key out, as before.
    version: (versions.join(', ') || undefined) as string,
    violations,
    errors,
    suppressed,
    skipped,
    summary: {
      ...summarize({
        filesScanned: reports.reduce((sum, report) => sum + (report.summary?.filesScanned ?? 0), 0),
        filesParsed: reports.reduce((sum, report) => sum + (report.summary?.filesParsed ?? 0), 0),
        violations,
        suppressed: suppressed.length,
        errors: errors.length,
      }),
      reports: reports.length,
    },
  };
  const baselines = reports.map((report) => report.baseline).filter((baseline) => baseline !== undefined);
  if (baselines.length > 0) {
    if (baselines.length !== reports.length) throw new UsageError('Some reports were made with --baseline and some without; merge reports of the same audit command.');
    Object.assign(merged, {
      baseline: {
        file: baselines[0]!.file,
        new: uniqueBy(baselines.flatMap((baseline) => baseline.new), siteKey).sort(byPosition),
        // Each shard sees only its own files, so a baseline entry is fixed only if no shard still has it:
        // shards report "fixed" for entries of other shards' files too, hence the intersection.
        fixed: intersectFixed(baselines.map((baseline) => baseline.fixed)),
        known: baselines.reduce((sum, baseline) => sum + baseline.known, 0),
      },
    });
  }
  const impacts = reports.map((report) => report.impact).filter((impact) => impact !== undefined);
  if (impacts.length > 0) {
    const tests = new Map<string, Set<string>>();
    for (const entry of impacts.flat()) {
      const set = tests.get(entry.file) ?? new Set<string>();
      for (const test of entry.tests) set.add(test);
      tests.set(entry.file, set);
    }
    Object.assign(merged, {
      impact: [...tests.entries()].sort(([a], [b]) => compare(a, b)).map(([file, set]) => ({ file, tests: [...set].sort(compare) })),
    });
  }
  return merged;
}

function intersectFixed(lists: ReadonlyArray<readonly unknown[]>): unknown[] {
  const key = (item: unknown): string => JSON.stringify(item);
  const [first, ...rest] = lists;
  const others = rest.map((list) => new Set(list.map(key)));
  return uniqueBy(first ?? [], key).filter((item) => others.every((set) => set.has(key(item))));
}

function toolKey(run: Run): string {
  return `${run.tool.driver.name}\0${run.automationDetails?.id ?? ''}`;
}

/** One run per tool (and automation id): rules and artifacts joined by id/uri, indexes remapped. */
function mergeRuns(runs: readonly Run[]): Run {
  const [first] = runs;
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: Artifact[] = [];
  const artifactIndex = new Map<string, number>();
  const results: Result[] = [];
  const invocations: NonNullable<Run['invocations']> = [];
  for (const run of runs) {
    const localRules = run.tool.driver.rules ?? [];
    const ruleMap = localRules.map((rule) => {
      let index = ruleIndex.get(rule.id);
      if (index === undefined) {
        index = rules.push(rule) - 1;
        ruleIndex.set(rule.id, index);
      }
      return index;
    });
    const artifactMap = (run.artifacts ?? []).map((artifact) => {
      const uri = artifact.location?.uri ?? JSON.stringify(artifact);
      let index = artifactIndex.get(uri);
      if (index === undefined) {
        index = artifacts.push(artifact) - 1;
        artifactIndex.set(uri, index);
      }
      return index;
    });
    for (const result of run.results ?? []) {
      const copy: Result = { ...result };
      if (result.ruleIndex !== undefined) {
        const mapped = ruleMap[result.ruleIndex];
        if (mapped === undefined) delete copy.ruleIndex;
        else copy.ruleIndex = mapped;
      }
      if (result.rule?.index !== undefined) copy.rule = { ...result.rule, index: ruleMap[result.rule.index] ?? result.rule.index };
      if (result.locations) {
        copy.locations = result.locations.map((location) => {
          const artifact = location.physicalLocation?.artifactLocation;
          if (artifact?.index === undefined || artifactMap[artifact.index] === undefined) return location;
          return { ...location, physicalLocation: { ...location.physicalLocation, artifactLocation: { ...artifact, index: artifactMap[artifact.index] } } };
        });
      }
      results.push(copy);
    }
    invocations.push(...(run.invocations ?? []));
  }
  const merged: Run = { ...first!, tool: { ...first!.tool, driver: { ...first!.tool.driver, rules } }, results };
  // The merged run covers every shard: one shard's record would misdescribe it.
  if (merged.properties && SARIF_SHARD_PROPERTY in merged.properties) {
    const { [SARIF_SHARD_PROPERTY]: _shard, ...rest } = merged.properties;
    if (Object.keys(rest).length > 0) merged.properties = rest;
    else delete merged.properties;
  }
  if (artifacts.length > 0) merged.artifacts = artifacts;
  else delete merged.artifacts;
  if (invocations.length > 0) merged.invocations = invocations;
  return merged;
}

export function mergeSarifLogs(logs: readonly Log[]): Log {
  const groups = new Map<string, Run[]>();
  for (const run of logs.flatMap((log) => log.runs)) {
    const key = toolKey(run);
    const group = groups.get(key) ?? [];
    group.push(run);
    groups.set(key, group);
  }
  return {
    $schema: logs[0]?.$schema ?? 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [...groups.values()].map(mergeRuns),
  };
}

function shardOfInput(input: Input): ShardCoverage | undefined {
  if (input.format === 'json') return input.report.shard;
  return input.report.runs.map((run) => run.properties?.[SARIF_SHARD_PROPERTY] as ShardCoverage | undefined).find((shard) => shard !== undefined);
}

function sarifFailing(log: Log): boolean {
  return log.runs.some(
    (run) =>
      (run.results ?? []).some((result) => (result.level ?? 'warning') === 'error' && !(result.suppressions ?? []).length) ||
      (run.invocations ?? []).some((invocation) => (invocation.toolExecutionNotifications ?? []).some((note) => note.level === 'error')),
  );
}

export const mergeReportsCommand = defineCommand({
  name: 'merge-reports',
  summary: 'Join the JSON or SARIF reports of sharded audit runs (--shard i/n) into one',
  help: HELP,
  positionals: true,
  options: {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
  },
  async run(values, positionals, io) {
    if (positionals.length === 0) throw new UsageError('Give the report files to merge.');
    const output = values.output === undefined ? undefined : writableOutputPath(io.cwd, values.output);
    if (values.format !== undefined && values.format !== 'json' && values.format !== 'sarif') {
      throw new UsageError(`--format ${values.format}: expected json or sarif`);
    }
    const inputs = positionals.map((given) => {
      const file = path.resolve(io.cwd, given);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`${given}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      }
      return readReport(given, text);
    });
    const formats = new Set(inputs.map((input) => input.format));
    if (formats.size > 1) {
      const list = inputs.map((input) => `${input.file} (${input.format})`).join(', ');
      throw new UsageError(`Cannot merge JSON reports with SARIF logs: ${list}. Run the shards with the same --format.`);
    }
    try {
      checkShardSet(inputs.map((input) => ({ file: input.file, shard: shardOfInput(input) })));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const inputFormat = inputs[0]!.format;
    const format = values.format ?? inputFormat;
    if (format !== inputFormat) throw new UsageError(`--format ${format}: the inputs are ${inputFormat}; merge-reports does not convert between formats.`);

    let text: string;
    let failing: boolean;
    if (inputFormat === 'json') {
      const merged = mergeJsonReports(inputs.map((input) => input.report as JsonReport));
      text = `${JSON.stringify(merged, null, 2)}\n`;
      // Warnings (rules set to `warn`) do not fail the gate, as in the audit without --max-warnings.
      const gate = (merged.baseline ? merged.baseline.new : merged.violations).filter((violation) => violation.severity !== 'warning').length;
      failing = gate > 0 || (merged.errors?.length ?? 0) > 0;
    } else {
      const merged = mergeSarifLogs(inputs.map((input) => input.report as Log));
      text = `${JSON.stringify(merged, null, 2)}\n`;
      failing = sarifFailing(merged);
    }
    if (output !== undefined) writeFileAtomic(output, text, { create: true });
    else io.stdout.write(text);
    return failing ? EXIT_FAILED : EXIT_OK;
  },
});

export const runMergeReports = mergeReportsCommand.run;
export default mergeReportsCommand;
