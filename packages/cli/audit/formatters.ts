/**
 * The report formats. JSON is the report itself (stable field names, for scripts); SARIF is built
 * with node-sarif-builder for code-scanning UIs; markdown is the SSOT map and the table a reviewer pastes
 * into a pull request; mermaid and dot are the map alone; text is for a terminal, grouped by file,
 * coloured only when asked to (a TTY without NO_COLOR).
 */
import type { AuditReport, JsonReport, JsonViolation, SkippedFile, SuppressedViolation, Violation } from './types.js';
import { SARIF_SHARD_PROPERTY } from './shard-coverage.js';
import { displayName, markdownCode, sarifUri, terminalSafe } from './escape.js';
import { buildSsotMap, mapLegend } from './ssot-map.js';
import { renderDot, renderMermaid } from './ssot-map-render.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'mermaid', 'dot'] as const;
export type Format = (typeof FORMATS)[number];

/** The formats that draw the SSOT map, for which the audit gathers the import facts. */
export const MAP_FORMATS: ReadonlySet<Format> = new Set(['markdown', 'mermaid', 'dot']);

export interface RuleDescription {
  readonly id: string;
  readonly description: string;
  readonly helpUri?: string;
}

export interface FormatOptions {
  readonly color?: boolean;
  readonly rules: readonly RuleDescription[];
  readonly toolName: string;
  readonly toolVersion: string;
  readonly toolUri?: string;
  /** Prepended to SARIF artifact paths: the report root's path inside the repository. */
  readonly sarifPathPrefix?: string;
  /** Text: list every skipped file rather than counts by reason. */
  readonly verbose?: boolean;
}

export function formatReport(format: Format, report: AuditReport, options: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options);
    case 'markdown':
      return formatMarkdown(report);
    case 'mermaid':
      return renderMermaid(buildSsotMap(report));
    case 'dot':
      return renderDot(buildSsotMap(report));
    default:
      return formatText(report, options.color ?? false, options.verbose ?? false);
  }
}

function publicViolation(violation: Violation): JsonViolation {
  const { file, line, column, endLine, endColumn, rule, severity, library, api, kind, message, replacement, followUp } = violation;
  return { file, line, column, endLine, endColumn, rule, severity, library, api, kind, message, replacement, ...(followUp ? { followUp } : {}) };
}

export function formatJson(report: AuditReport): string {
  const json: JsonReport = {
    version: report.version,
    violations: report.violations.map(publicViolation),
    errors: report.errors,
    suppressed: report.suppressed.map((item) => ({
      ...publicViolation(item),
      directive: item.directive,
      directiveLine: item.directiveLine,
      justification: item.justification,
    })),
    skipped: report.skipped,
    summary: report.summary,
    ...(report.baseline && {
      baseline: {
        file: report.baseline.file,
        new: report.baseline.newViolations.map(publicViolation),
        fixed: report.baseline.fixed,
        known: report.baseline.known,
      },
    }),
    ...(report.impact && { impact: report.impact }),
    ...(report.shard && { shard: report.shard }),
    ...(report.rulesNote && { rulesNote: report.rulesNote }),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function formatSarif(report: AuditReport, options: FormatOptions): string {
  const { SarifBuilder, SarifRunBuilder, SarifRuleBuilder, SarifResultBuilder } =
    require('node-sarif-builder') as typeof import('node-sarif-builder');
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: options.toolName,
    toolDriverVersion: options.toolVersion,
    url: options.toolUri,
  });
  for (const rule of options.rules) {
    run.addRule(
      new SarifRuleBuilder().initSimple({
        ruleId: rule.id,
        shortDescriptionText: rule.description,
        helpUri: rule.helpUri,
      }),
    );
  }
  // With a baseline, only new findings keep their severity; known ones stay visible as notes.
  const isNew = report.baseline ? new Set(report.baseline.newViolations) : undefined;
  for (const violation of report.violations) {
    const result = new SarifResultBuilder().initSimple({
      level: isNew && !isNew.has(violation) ? 'note' : violation.severity,
      messageText: violation.message,
      ruleId: violation.rule,
      fileUri: sarifUri(`${options.sarifPathPrefix ?? ''}${violation.file}`),
      startLine: violation.line,
      startColumn: violation.column,
      endLine: violation.endLine,
      endColumn: violation.endColumn,
    });
    // SARIF 2.1.0 §3.27.24: what code-scanning services read to tell new alerts from known ones.
    if (isNew) result.result.baselineState = isNew.has(violation) ? 'new' : 'unchanged';
    run.addResult(result);
  }
  for (const item of report.suppressed) {
    const result = new SarifResultBuilder().initSimple({
      level: 'note',
      messageText: item.message,
      ruleId: item.rule,
      fileUri: sarifUri(`${options.sarifPathPrefix ?? ''}${item.file}`),
      startLine: item.line,
      startColumn: item.column,
      endLine: item.endLine,
      endColumn: item.endColumn,
    });
    result.result.suppressions = [
      { kind: 'inSource', status: 'accepted', justification: item.justification ?? undefined },
    ];
    run.addResult(result);
  }
  const builder = new SarifBuilder();
  builder.addRun(run);
  const log = builder.buildSarifOutput();
  const sarifRun = log.runs[0]!;
  if (report.shard) sarifRun.properties = { ...sarifRun.properties, [SARIF_SHARD_PROPERTY]: report.shard };
  if (report.errors.length > 0 || report.skipped.length > 0) {
    const notification = (level: 'error' | 'note', file: string, text: string) => ({
      level,
      message: { text },
      locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(`${options.sarifPathPrefix ?? ''}${file}`) } } }],
    });
    sarifRun.invocations = [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          ...report.errors.map((error) => notification('error', error.file, error.message)),
          // Skipped by design: notes, so a code-scanning UI shows them without failing anything.
          ...report.skipped.map((item) => notification('note', item.file, `Skipped: ${item.reason}.`)),
        ],
      },
    ];
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}

const markedForFollowUp = (count: number): string => `${count} marked for follow-up`;

function escapeCell(text: string): string {
  return terminalSafe(text.replace(/\r?\n/g, ' ')).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

function whatItDoes(violation: Violation): string {
  const api = `${violation.library} \`${violation.api}\``;
  switch (violation.kind) {
    case 'verify':
      return `Verifies a JWT with ${api}`;
    case 'decode':
      return violation.messageId === 'handRolledDecode' ? `Decodes a JWT by hand (\`${violation.api}\`), unverified` : `Decodes a JWT unverified with ${api}`;
    case 'sign':
      return `Signs a JWT with ${api}`;
    case 'import':
      return violation.library === '(auth module)' ? `Imports the private auth path \`${violation.api}\`` : `Imports the JWT library \`${violation.api}\``;
    case 'secret':
      return `Reads the JWT secret \`${violation.api}\``;
    case 'unsafe-options':
      return `Unsafe verification: ${violation.message}`;
    default:
      return violation.message;
  }
}

function markdownTable(lines: string[], violations: readonly Violation[], newOnes: ReadonlySet<Violation> | undefined): void {
  lines.push(`| Site | What it does | Canonical replacement | Rule |${newOnes ? ' New |' : ''}`);
  lines.push(`| --- | --- | --- | --- |${newOnes ? ' --- |' : ''}`);
  for (const violation of violations) {
    const cells = [
      markdownCode(`${violation.file}:${violation.line}:${violation.column}`),
      escapeCell(whatItDoes(violation)),
      escapeCell(violation.replacement),
      `\`${violation.rule}\``,
    ];
    if (newOnes) cells.push(newOnes.has(violation) ? 'yes' : '');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('');
}

function formatMarkdown(report: AuditReport): string {
  const map = buildSsotMap(report);
  // The picture first: GitHub and GitLab draw a mermaid block in place.
  const lines: string[] = ['## JWT single-source-of-truth audit', '', '```mermaid', renderMermaid(map).trimEnd(), '```', '', `_${mapLegend(map)}_`, ''];
  const { summary } = report;
  const newOnes = report.baseline ? new Set(report.baseline.newViolations) : undefined;
  const errors = report.violations.filter((violation) => violation.severity !== 'warning');
  const warnings = report.violations.filter((violation) => violation.severity === 'warning');
  if (report.violations.length === 0) {
    lines.push('No JWT handling outside the canonical module. :white_check_mark:', '');
  } else if (errors.length > 0) {
    markdownTable(lines, errors, newOnes);
  }
  // Rules set to `warn` in the config: shown apart, because they do not fail the gate.
  if (warnings.length > 0) {
    lines.push('### Warnings', '');
    markdownTable(lines, warnings, newOnes);
  }
  lines.push('**Totals**', '');
  lines.push(`- Files scanned: ${summary.filesScanned} (parsed: ${summary.filesParsed})`);
  lines.push(`- Violations: ${summary.violations}${summary.warnings ? ` (errors: ${summary.violations - summary.warnings}, warnings: ${summary.warnings})` : ''}${summary.followUps ? ` (${markedForFollowUp(summary.followUps)})` : ''}`);
  for (const [rule, count] of Object.entries(summary.byRule)) lines.push(`  - \`${rule}\`: ${count}`);
  if (Object.keys(summary.byLibrary).length > 0) {
    lines.push(`- By library: ${Object.entries(summary.byLibrary).map(([library, count]) => `${library} ${count}`).join(', ')}`);
  }
  lines.push(`- Suppressed with eslint-disable: ${summary.suppressed}`);
  lines.push(`- Files not analysed: ${summary.errors}`);
  if (report.rulesNote) lines.push(`- Rules: ${report.rulesNote}`);
  if (report.skipped.length > 0) lines.push(`- Files skipped: ${report.skipped.length}`);
  if (report.baseline) {
    lines.push(`- Baseline: ${report.baseline.newViolations.length} new, ${report.baseline.known} known, ${report.baseline.fixed.length} fixed`);
  }
  if (report.suppressed.length > 0) {
    lines.push('', '### Suppressed sites', '', '| Site | Rule | Justification |', '| --- | --- | --- |');
    for (const item of report.suppressed) {
      lines.push(`| ${markdownCode(`${item.file}:${item.line}:${item.column}`)} | \`${item.rule}\` | ${escapeCell(item.justification ?? '_no justification_')} |`);
    }
  }
  if (report.errors.length > 0) {
    lines.push('', '### Files not analysed', '');
    for (const error of report.errors) lines.push(`- ${markdownCode(error.file)}: ${escapeCell(error.message)}`);
  }
  if (report.skipped.length > 0) {
    lines.push('', '<details>', `<summary>Skipped files (${report.skipped.length})</summary>`, '');
    for (const item of report.skipped) lines.push(`- ${markdownCode(item.file)}: ${escapeCell(item.reason)}`);
    lines.push('', '</details>');
  }
  if (report.impact && report.impact.length > 0) {
    lines.push('', '### Tests that exercise these files', '');
    for (const entry of report.impact) {
      lines.push(`- ${markdownCode(entry.file)}: ${entry.tests.length > 0 ? entry.tests.map(markdownCode).join(', ') : '**no tests import it**'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const paint = (color: boolean, code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

/** The kind of a skip reason without its details (`too large (…)` → `too large`), for counts. */
function reasonKind(reason: string): string {
  const cut = reason.search(/ \(|,/);
  return cut === -1 ? reason : reason.slice(0, cut);
}

function skippedLines(skipped: readonly SkippedFile[], verbose: boolean): string[] {
  const byKind = new Map<string, number>();
  for (const item of skipped) byKind.set(reasonKind(item.reason), (byKind.get(reasonKind(item.reason)) ?? 0) + 1);
  const counts = [...byKind].map(([kind, count]) => `${count} ${kind}`).join(', ');
  const lines = [`Skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} or folder${skipped.length === 1 ? '' : 's'}: ${counts}${verbose ? '' : ' (--verbose lists them)'}`];
  if (verbose) for (const item of skipped) lines.push(`  ${displayName(item.file)}: ${terminalSafe(item.reason)}`);
  return lines;
}

export function formatText(report: AuditReport, color: boolean, verbose = false): string {
  const red = paint(color, 31);
  const yellow = paint(color, 33);
  const dim = paint(color, 2);
  const bold = paint(color, 1);
  const green = paint(color, 32);
  const out: string[] = [];
  const newOnes = report.baseline ? new Set(report.baseline.newViolations) : undefined;
  const byFile = new Map<string, Array<Violation | SuppressedViolation>>();
  for (const item of [...report.violations, ...report.suppressed]) {
    const list = byFile.get(item.file) ?? [];
    list.push(item);
    byFile.set(item.file, list);
  }
  for (const file of [...byFile.keys()].sort()) {
    out.push(bold(displayName(file)));
    const items = byFile.get(file)!.sort((a, b) => a.line - b.line || a.column - b.column);
    for (const item of items) {
      const position = `${item.line}:${item.column}`.padEnd(8);
      if ('directive' in item) {
        const why = item.justification ? `-- ${item.justification}` : 'no justification';
        out.push(`  ${dim(position)}${yellow('suppressed')}  ${terminalSafe(item.message)}  ${dim(item.rule)}  ${dim(`(${item.directive}, ${terminalSafe(why)})`)}`);
      } else {
        const severity = item.severity === 'warning' ? yellow('warning') : red('error');
        const label = newOnes ? `${newOnes.has(item) ? red('new  ') : dim('known')} ${severity}` : severity;
        out.push(`  ${dim(position)}${label}  ${terminalSafe(item.message)}  ${dim(item.rule)}${item.followUp ? `  ${dim('(marked for follow-up)')}` : ''}`);
      }
    }
    out.push('');
  }
  if (report.errors.length > 0) {
    out.push(bold('Files not analysed'));
    for (const error of report.errors) out.push(`  ${red(displayName(error.file))}: ${terminalSafe(error.message)}`);
    out.push('');
  }
  if (report.impact) {
    out.push(bold('Tests that import files with findings'));
    for (const entry of report.impact) {
      out.push(`  ${displayName(entry.file)}: ${entry.tests.length > 0 ? entry.tests.map(displayName).join(', ') : yellow('no tests import it')}`);
    }
    out.push('');
  }
  if (report.baseline) {
    const { newViolations, known, fixed } = report.baseline;
    out.push(`Baseline ${report.baseline.file}: ${newViolations.length > 0 ? red(`${newViolations.length} new`) : green('0 new')}, ${known} known, ${fixed.length} fixed`);
    for (const item of fixed) out.push(`  ${green('fixed')}  ${displayName(item.file)} ${item.rule} ${item.api} (was line ${item.line})`);
  }
  const { summary } = report;
  const warnings = summary.warnings ?? 0;
  const ofWhich = (all: number, warned: number): string =>
    warned > 0 ? ` (${all - warned} error${all - warned === 1 ? '' : 's'}, ${warned} warning${warned === 1 ? '' : 's'})` : '';
  if (report.skipped.length > 0) out.push(...skippedLines(report.skipped, verbose).map((line, index) => (index === 0 ? line : dim(line))));
  const tail = `${summary.suppressed} suppressed, ${summary.errors} file${summary.errors === 1 ? '' : 's'} not analysed (${summary.filesScanned} scanned, ${summary.filesParsed} parsed)`;
  if (report.baseline) {
    // With a baseline only new errors fail the gate, so the last line says what the exit code means.
    const fresh = report.baseline.newViolations;
    const freshWarnings = fresh.filter((violation) => violation.severity === 'warning').length;
    const status = fresh.length === freshWarnings && summary.errors === 0 ? (freshWarnings === 0 ? green('✓') : yellow('⚠')) : red('✖');
    out.push(`${status} ${report.baseline.known} known, ${fresh.length} new${ofWhich(fresh.length, freshWarnings)}, ${tail}`);
  } else {
    const status = summary.violations === warnings && summary.errors === 0 ? (warnings === 0 ? green('✓') : yellow('⚠')) : red('✖');
    out.push(`${status} ${summary.violations} violation${summary.violations === 1 ? '' : 's'}${ofWhich(summary.violations, warnings)}, ${tail}`);
  }
  if (summary.followUps) out.push(`  ${markedForFollowUp(summary.followUps)} (TODO(jwt-ssot) comments): still violations until they are fixed`);
  for (const note of report.rulesNote ? [report.rulesNote, ...report.notes] : report.notes) out.push(dim(terminalSafe(note)));
  return `${out.join('\n')}\n`;
}
