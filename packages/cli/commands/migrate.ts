/**
 * `jwt-ssot migrate`: moves a codebase onto the canonical validator. Dry run by default (a unified diff
 * per file and a summary); `--write` applies atomically, only on a clean git work tree unless `--force`.
 * Rewrites that introduce a type error (checked with the project's own TypeScript) are undone and become
 * follow-ups. Exit 0 when it ran (follow-ups included), 1 when a file errored or the type check could not
 * run, 2 on bad usage, invalid settings or a dirty work tree.
 */
import path from 'node:path';
import { defineCommand, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from '../command.js';
import { assertCanonicalMatchesCode } from '../canonical-check.js';
import { loadCliConfig } from '../config.js';
import { writableOutputPath } from '../output-file.js';
import { writeFileAtomic } from '../write-atomic.js';
import { unifiedDiff } from '../migrate/diff.js';
import { workTreeState } from '../migrate/git.js';
import type { TypecheckResult } from '../migrate/rollback.js';
import { progressLine, PROGRESS_MIN_FILES } from '../migrate/progress.js';
import { relativeTo, runMigration, type MigrationReport, type SiteCounts } from '../migrate/run.js';
import { findTsconfig, type CompilerInfo, type Diagnostic } from '../migrate/typecheck.js';
import { FOLLOW_UP_PREFIX } from '../../rewrite/index.js';

const HELP = `Usage: jwt-ssot migrate [paths...] [options]

Rewrites direct JWT verify/decode calls (the sites no-direct-verify and no-direct-decode report) onto
the canonical validator from settings['jwt-ssot'].canonical. Sites it cannot rewrite safely get a
\`// ${FOLLOW_UP_PREFIX} <reason>\` comment and are listed as follow-ups.

Paths default to the current directory; .gitignore files and the ESLint config's ignores apply.
Before anything runs, canonical.module must exist inside root and export the configured names.
On a terminal, trees of more than ${PROGRESS_MIN_FILES} files show a progress line on stderr.

Options:
      --write                Apply the changes (default: dry run printing a unified diff)
      --force                Write even when the git work tree has uncommitted changes
  -f, --format <text|json>   Output format (default: text)
  -o, --output <file>        Write the report to a file instead of stdout (its folder must exist)
      --verbose              List every file in the report, unchanged ones too
  -c, --config <file>        ESLint config file to read settings['jwt-ssot'] from
      --typecheck            Type-check before and after with the project's own TypeScript, undoing
                             rewrites that introduce a type error (default when a tsconfig.json is found)
      --no-typecheck         Skip the type check
  -h, --help                 Show this help

Exit codes: 0 ran (follow-ups included, undone rewrites among them), 1 a file errored or the type
check could not run, 2 bad usage, invalid settings, or a dirty git work tree without --force.
`;

/** "TypeScript 5.4.5 from node_modules/typescript", or the bundled one and why. */
export function describeCompiler(compiler: CompilerInfo, cwd: string): string {
  return compiler.source === 'project'
    ? `TypeScript ${compiler.version} from ${relativeTo(cwd, compiler.location)}`
    : `the bundled TypeScript ${compiler.version}, because ${compiler.fallbackReason ?? 'the project has none'}`;
}



/** "rewritten 3 of 4 sites (75%)"; "0 of 0 sites" has no percentage. */
export function describeSites(sites: SiteCounts): string {
  if (sites.planned === 0) return 'rewritten 0 of 0 sites';
  return `rewritten ${sites.rewritten} of ${sites.planned} site${sites.planned === 1 ? '' : 's'} (${percent(sites.rewritten, sites.planned)}%)`;
}

/** Whole percent, but never 0% for some or 100% for not all: 1 of 1,000 is "<1", 999 of 1,000 is ">99". */
function percent(part: number, whole: number): string {
  const rounded = Math.round((part / whole) * 100);
  if (rounded === 0 && part > 0) return '<1';
  if (rounded === 100 && part < whole) return '>99';
  return String(rounded);
}

function summaryOf(report: MigrationReport, cwd: string) {
  const count = (status: string): number => report.files.filter((file) => file.status === status).length;
  return {
    sites: { ...report.sites, description: describeSites(report.sites) },
    changed: count('changed'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
    errors: report.errors.length,
    followUps: report.followUps.length,
    written: report.written,
    typecheck: report.typecheck && {
      tsconfig: relativeTo(cwd, report.typecheck.tsconfig),
      compiler: describeCompiler(report.typecheck.compiler, cwd),
      before: report.typecheck.before,
      after: report.typecheck.after,
      introduced: report.typecheck.introduced.length,
      undone: report.typecheck.undone.length,
      remaining: report.typecheck.remaining.length,
    },
  };
}

function typecheckJson(typecheck: TypecheckResult, cwd: string) {
  const rel = (file: string): string => (file ? relativeTo(cwd, file) : file);
  const diagnostic = (entry: Diagnostic): Diagnostic => ({ ...entry, file: rel(entry.file) });
  return {
    ...typecheck,
    tsconfig: rel(typecheck.tsconfig),
    compiler: { ...typecheck.compiler, location: rel(typecheck.compiler.location), description: describeCompiler(typecheck.compiler, cwd) },
    introduced: typecheck.introduced.map(diagnostic),
    undone: typecheck.undone.map((site) => ({ ...site, file: rel(site.file), diagnostic: diagnostic(site.diagnostic) })),
    remaining: typecheck.remaining.map(diagnostic),
    unchecked: typecheck.unchecked.map(rel),
  };
}

/**
 * The files a reader must look at: changed, with follow-ups, skipped (with the reason) or in error.
 * Unchanged files only with --verbose; the summary counts them either way.
 */
function listedFiles(report: MigrationReport, verbose: boolean): MigrationReport['files'] {
  if (verbose) return report.files;
  const withFollowUps = new Set(report.followUps.map((followUp) => followUp.file));
  return report.files.filter((file) => file.status !== 'unchanged' || withFollowUps.has(file.file));
}

function formatJson(report: MigrationReport, cwd: string, verbose: boolean): string {
  const rel = (file: string): string => relativeTo(cwd, file);
  return `${JSON.stringify(
    {
      files: listedFiles(report, verbose).map((file) => ({ file: rel(file.file), status: file.status, edits: file.edits, ...(file.reason ? { reason: file.reason } : {}) })),
      followUps: report.followUps.map((followUp) => ({ ...followUp, file: rel(followUp.file) })),
      errors: report.errors.map((error) => ({ ...error, file: rel(error.file) })),
      typecheck: report.typecheck && typecheckJson(report.typecheck, cwd),
      ...(report.notTypechecked ? { notTypechecked: report.notTypechecked } : {}),
      ...(report.removedTempFiles ? { removedTempFiles: report.removedTempFiles.map(rel) } : {}),
      summary: summaryOf(report, cwd),
    },
    null,
    2,
  )}\n`;
}

function formatText(report: MigrationReport, cwd: string, verbose: boolean): string {
  const rel = (file: string): string => relativeTo(cwd, file);
  const out: string[] = [];
  if (!report.written) {
    for (const file of report.files) if (file.status === 'changed') out.push(unifiedDiff(rel(file.file), file.before!, file.after!));
  }
  const summary = summaryOf(report, cwd);
  if (report.removedTempFiles) {
    out.push(`Removed ${report.removedTempFiles.length} temporary file(s) left by an interrupted run: ${report.removedTempFiles.map(rel).join(', ')}\n`);
  }
  const mode = report.written ? 'written' : 'dry run; rerun with --write to apply';
  out.push(
    `jwt-ssot migrate: ${describeSites(report.sites)}; ${summary.changed} changed, ${summary.unchanged} unchanged, ${summary.skipped} skipped, ${summary.errors} errors, ${summary.followUps} follow-ups (${mode})\n`,
  );
  const skipped = report.files.filter((file) => file.status === 'skipped');
  if (skipped.length > 0) out.push(`\nSkipped:\n${skipped.map((file) => `  ${rel(file.file)}: ${file.reason}\n`).join('')}`);
  if (report.followUps.length > 0) {
    out.push(`\nFollow-ups (marked with // ${FOLLOW_UP_PREFIX}):\n${report.followUps.map((f) => `  ${rel(f.file)}:${f.line}  ${f.reason}\n`).join('')}`);
  }
  const unchanged = report.files.filter((file) => file.status === 'unchanged');
  if (verbose && unchanged.length > 0) out.push(`\nUnchanged:\n${unchanged.map((file) => `  ${rel(file.file)}\n`).join('')}`);
  if (report.errors.length > 0) out.push(`\nErrors:\n${report.errors.map((error) => `  ${rel(error.file)}: ${error.message}\n`).join('')}`);
  if (report.typecheck) out.push(formatTypecheck(report.typecheck, cwd));
  if (report.notTypechecked) out.push(`\nThe rewrites were not type-checked: ${report.notTypechecked}. Review them and run your tests.\n`);
  return out.join('');
}

function formatTypecheck(typecheck: TypecheckResult, cwd: string): string {
  const rel = (file: string): string => (file ? relativeTo(cwd, file) : '(program)');
  const { before, after, undone, remaining, unchecked } = typecheck;
  const out = [`\nType check (${rel(typecheck.tsconfig)}, ${describeCompiler(typecheck.compiler, cwd)}): ${before} diagnostics before, ${after} after`];
  out.push(undone.length > 0 ? `; ${undone.length} rewrite(s) undone because they introduced a type error (now follow-ups)\n` : ', none introduced by the migration\n');
  for (const site of undone) out.push(`  ${rel(site.file)}:${site.line}  undone: ${rel(site.diagnostic.file)}:${site.diagnostic.line}  TS${site.diagnostic.code} ${site.diagnostic.message.split('\n')[0]}\n`);
  if (remaining.length > 0) {
    out.push(`Introduced by the migration and not undone:\n`);
    for (const diagnostic of remaining) out.push(`  ${rel(diagnostic.file)}:${diagnostic.line}  TS${diagnostic.code} ${diagnostic.message.split('\n')[0]}\n`);
  }
  if (unchecked.length > 0) out.push(`Not type-checked (not in ${rel(typecheck.tsconfig)}'s program): ${unchecked.map(rel).join(', ')}\n`);
  return out.join('');
}

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'Rewrite direct JWT verify/decode calls onto the canonical validator (dry run unless --write)',
  help: HELP,
  positionals: true,
  options: {
    write: { type: 'boolean' },
    force: { type: 'boolean' },
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    verbose: { type: 'boolean' },
    config: { type: 'string', short: 'c' },
    typecheck: { type: 'boolean' },
    'no-typecheck': { type: 'boolean' },
  },
  async run(values, positionals, io) {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format ${format}: expected text or json`);
    if (values.typecheck && values['no-typecheck']) throw new UsageError('--typecheck and --no-typecheck contradict each other');
    const output = values.output === undefined ? undefined : writableOutputPath(io.cwd, values.output);
    const config = await loadCliConfig({ cwd: io.cwd, configFile: values.config });
    for (const note of config.notes) io.stderr.write(`jwt-ssot migrate: ${note}\n`);
    // Without a canonical module every site would only get a follow-up comment: refuse instead of littering the code.
    const rootSettings = await config.settingsFor(path.join(config.root, '__jwt_ssot_migrate__.ts'));
    if (!rootSettings.canonical) {
      throw new UsageError(
        `settings['jwt-ssot'].canonical is not set in ${config.configFile ?? 'any ESLint config'}; migrate needs the canonical module ({ module, exports: { verify } }).`,
      );
    }
    const configLabel = config.configFile && relativeTo(io.cwd, config.configFile);
    assertCanonicalMatchesCode(rootSettings, { configFile: configLabel, resolvePackages: true });
    // Only the project's own tsconfig (at the config's folder): a parent folder's one belongs to another project.
    const tsconfig = values['no-typecheck'] ? undefined : findTsconfig(config.root, config.root);
    const noTypecheckReason = values['no-typecheck'] ? 'skipped with --no-typecheck' : `no tsconfig.json in ${relativeTo(io.cwd, config.root) || '.'} (a JavaScript project)`;
    if (values.typecheck && !tsconfig) throw new UsageError(`--typecheck: no tsconfig.json found from ${config.root}`);
    if (values.write && !values.force) {
      const state = workTreeState(io.cwd);
      if (state.inGit === 'unknown') {
        io.stderr.write(
          `jwt-ssot migrate: cannot tell whether the git work tree is clean (git: ${state.reason}); fix that so the migration can be reviewed and undone, or pass --force.\n`,
        );
        return EXIT_USAGE;
      }
      if (state.inGit && state.changes.length > 0) {
        io.stderr.write(
          `jwt-ssot migrate: the git work tree has uncommitted changes; commit or stash them first so the migration can be reviewed and undone, or pass --force.\n${state.changes
            .slice(0, 10)
            .map((line) => `  ${line}\n`)
            .join('')}`,
        );
        return EXIT_USAGE;
      }
    }
    const report = await runMigration({
      cwd: io.cwd,
      paths: positionals.map((given) => path.resolve(io.cwd, given)),
      config,
      write: Boolean(values.write),
      tsconfig,
      noTypecheckReason,
      configFile: configLabel,
      onProgress: progressLine(io, { format }),
    });
    const verbose = Boolean(values.verbose);
    const text = format === 'json' ? formatJson(report, io.cwd, verbose) : formatText(report, io.cwd, verbose);
    if (output === undefined) {
      io.stdout.write(text);
    } else {
      try {
        writeFileAtomic(output, text, { create: true });
      } catch (error) {
        io.stderr.write(`jwt-ssot migrate: cannot write the report to ${relativeTo(io.cwd, output)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
        return EXIT_FAILED;
      }
      io.stderr.write(`jwt-ssot migrate: ${describeSites(report.sites)}; report written to ${relativeTo(io.cwd, output)}\n`);
    }
    return report.errors.length > 0 || (report.typecheck?.remaining.length ?? 0) > 0 ? EXIT_FAILED : EXIT_OK;
  },
});

export const runMigrate = migrateCommand.run;
export default migrateCommand;
