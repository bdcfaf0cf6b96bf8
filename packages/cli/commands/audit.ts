/**
 * `jwt-ssot audit`: the CI gate. Same engine, settings, rule severities and options, and files as
 * `eslint .` with the user's config, without ESLint's per-file cost: files the prefilter rules out are
 * never parsed. Exit 0 clean (warnings allowed up to --max-warnings), 1 errors or files that could not be
 * analysed, 2 bad usage, invalid settings or an explicit path whose files are all ignored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toPosix } from '../../engine/paths.js';
import { packageInfo, type Settings } from '../../engine/index.js';
import { compareWithBaseline, readBaseline, toBaseline, writeBaseline } from '../audit/baseline.js';
import { FORMATS, formatReport, MAP_FORMATS, type Format, type RuleDescription } from '../audit/formatters.js';
import { testImpact } from '../audit/impact.js';
import { useColor } from '../io.js';
import { writableOutputPath } from '../output-file.js';
import { writeFileAtomic } from '../write-atomic.js';
import { buildReport } from '../audit/report.js';
import { configNamesRules, presetRules, ruleSelector, type Preset, type RuleSource } from '../audit/rules.js';
import { DEFAULT_MAX_FILE_SIZE, relativePath } from '../audit/scan.js';
import type { BaselineComparison, ImpactEntry, SkippedFile, Violation } from '../audit/types.js';
import { defineCommand, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { assertCanonicalMatchesCode } from '../canonical-check.js';
import { loadCliConfig } from '../config.js';
import { IGNORED_BY_CONFIG, listSourceFiles, type SourceFileList } from '../files.js';
import { parseShard, selectShard, type ShardSpec } from '../shard.js';
import { parseConcurrency, scanFilesInParallel, threadCount, type Concurrency } from '../parallel-scan.js';
import { shardCoverage } from '../audit/shard-coverage.js';
import { ssotFacts } from '../audit/ssot-map-imports.js';

const DEFAULT_BASELINE = '.jwt-ssot-baseline.json';

const HELP = `Usage: jwt-ssot audit [paths...] [options]

Reports every place that verifies, decodes or imports JWTs outside the canonical module: exactly the
sites \`eslint\` reports with your config's jwt-ssot rules (their severities and options per file; the
recommended preset when the config names none of them), without running ESLint.

Paths default to the current directory. Files are those \`eslint .\` lints: the ESLint config's ignores
apply, .gitignore does not (as in ESLint). Every file or folder left out is listed with the reason.

Options:
  -f, --format <format>       text (default), json, sarif, markdown (the SSOT map, then the table),
                              mermaid or dot (the SSOT map alone: the canonical module, each file with
                              findings and its counts by kind, the imports of the canonical module or
                              of auth-module entries, and with --impact the tests)
  -c, --config <file>         ESLint config file to read settings['jwt-ssot'] from
                              (default: the eslint.config.* ESLint would use)
  -o, --output <file>         Write the report to a file instead of stdout
      --baseline <file>       Fail only on findings not recorded in this baseline; report fixed ones
      --update-baseline       Record the current findings in the baseline (default file: ${DEFAULT_BASELINE})
      --impact                List, per file with findings, the test files that import it (the map
                              draws them as edges)
      --max-warnings <n>      Fail when there are more than n warnings (default: no limit, as ESLint)
      --max-file-size <size>  Larger files are not analysed: errors when they import a JWT library or a
                              private auth path, otherwise skipped (bytes, or 500k / 4m; default: 2m)
      --preset <recommended|strict>  Apply this preset's rules to every file instead of the config's
      --verbose               List every skipped file in the text report (default: counts by reason)
      --shard <i/n>           Audit only part i of n of the files (a stable split by path, for CI
                              matrices); join the reports with \`jwt-ssot merge-reports\`
      --concurrency <n|auto|off>  Threads for the scan (default: auto = more threads from
                              10000 files on, onto idle cores only)
  -h, --help                  Show this help

Exit codes: 0 clean or only warnings, 1 errors, more warnings than --max-warnings or files that could
not be analysed, 2 bad usage, invalid settings, a path that does not exist or whose files are all ignored.
`;

function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(value.trim());
  if (!match) throw new UsageError(`--max-file-size ${value}: expected a size such as 2097152, 500k or 4m`);
  const factor = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(match[1]) * factor);
}

/**
 * Code scanning resolves SARIF paths from the repository root, while reports are relative to the ESLint
 * config's folder: in a monorepo package, prefix the package's path (`packages/api/`).
 */
function repositoryPrefix(root: string): string {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      const rel = toPosix(path.relative(dir, root));
      return rel ? `${rel}/` : '';
    }
    if (path.dirname(dir) === dir) return '';
  }
}

function ruleDescriptions(source: RuleSource): RuleDescription[] {
  // Under the user's config any rule may be on: every rule is in the strict preset.
  const rules = presetRules(source.kind === 'preset' ? source.preset : 'strict');
  return rules.map((rule) => ({ id: rule.eslintId, description: rule.description, helpUri: rule.helpUri }));
}

function parseMaxWarnings(value: string): number {
  // ESLint's meaning: more warnings than this fail; -1 is its "no limit".
  if (!/^(?:-1|\d+)$/.test(value.trim())) throw new UsageError(`--max-warnings ${value}: expected a number of warnings (0 or more, or -1 for no limit)`);
  const limit = Number(value);
  return limit < 0 ? Infinity : limit;
}

/**
 * ESLint's rule for an explicit folder: when it holds sources but the config ignores all of them (or the
 * folder itself), that is a mistake worth stopping for, not a clean pass over nothing.
 */
function assertNotAllIgnored(positionals: readonly string[], cwd: string, listing: SourceFileList): void {
  for (const given of positionals) {
    const full = path.resolve(cwd, given);
    if (!fs.statSync(full).isDirectory()) continue;
    const inside = (file: string): boolean => file === full || file.startsWith(`${full}${path.sep}`);
    if (listing.files.some(inside)) continue;
    if (listing.skipped.some((item) => item.reason === IGNORED_BY_CONFIG && inside(item.file))) {
      throw new UsageError(`All files matched by '${given}' are ignored.`);
    }
  }
}

/** Findings that fail the gate and warnings that count against --max-warnings (new ones with a baseline). */
function gateCounts(violations: readonly Violation[]): { errors: number; warnings: number } {
  const warnings = violations.filter((violation) => violation.severity === 'warning').length;
  return { errors: violations.length - warnings, warnings };
}

export const auditCommand = defineCommand({
  name: 'audit',
  summary: 'CI gate: report JWT handling outside the canonical module (text, json, sarif, markdown, mermaid, dot)',
  help: HELP,
  positionals: true,
  options: {
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    output: { type: 'string', short: 'o' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean' },
    impact: { type: 'boolean' },
    'max-file-size': { type: 'string' },
    'max-warnings': { type: 'string' },
    preset: { type: 'string' },
    verbose: { type: 'boolean' },
    shard: { type: 'string' },
    concurrency: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: expected one of ${FORMATS.join(', ')}`);
    const preset = values.preset as Preset | undefined;
    if (preset !== undefined && preset !== 'recommended' && preset !== 'strict') throw new UsageError(`--preset ${values.preset}: expected recommended or strict`);
    const maxFileSize = values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size']);
    const maxWarnings = values['max-warnings'] === undefined ? Infinity : parseMaxWarnings(values['max-warnings']);
    let shard: ShardSpec | undefined;
    let concurrency: Concurrency;
    try {
      shard = values.shard === undefined ? undefined : parseShard(values.shard);
      concurrency = values.concurrency === undefined ? 'auto' : parseConcurrency(values.concurrency);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    // An unwritable --output fails now, not after the scan.
    const output = values.output === undefined ? undefined : writableOutputPath(io.cwd, values.output);

    // A baseline must hold every file's findings; one shard's would drop the others' on the next run.
    if (shard && values['update-baseline']) throw new UsageError('--update-baseline cannot be combined with --shard: a baseline must cover the whole tree; run it once without --shard.');

    const config = await loadCliConfig({ cwd: io.cwd, configFile: values.config });
    const root = config.root;
    const notes = [...config.notes];
    // ESLint's selection: the config's ignores, asked before entering each folder (so a nested config in
    // an ignored folder is never loaded), and no .gitignore.
    const listing = await listSourceFiles(positionals, { cwd: io.cwd, root, eslint: config });
    const missing = listing.skipped.filter((item) => item.reason === 'not found');
    if (missing.length > 0) throw new UsageError(`No such file or folder: ${missing.map((item) => path.relative(io.cwd, item.file) || item.file).join(', ')}`);
    assertNotAllIgnored(positionals, io.cwd, listing);
    // Skips the user may not expect (symlinks, explicit paths the config ignores) are also said on stderr;
    // the folders the config ignores are listed in the report only, or a large repository's stderr drowns.
    const explicit = new Set(positionals.map((given) => path.resolve(io.cwd, given)));
    for (const item of listing.skipped) {
      if (!item.error && (item.reason !== IGNORED_BY_CONFIG || explicit.has(item.file))) notes.push(`Skipped ${path.relative(root, item.file) || item.file}: ${item.reason}.`);
    }
    // Reports are shared (PR comments, code scanning): they never show absolute paths outside the project.
    const withoutAbsolutePath = (reason: string): string => reason.replace(/ \((?:\/|[A-Za-z]:\\)[^()]*\)$/, '');
    const skipped: SkippedFile[] = listing.skipped
      .filter((item) => !item.error)
      .map((item) => ({ file: relativePath(root, item.file), reason: withoutAbsolutePath(item.reason) }));
    // Folders that could not be read are errors like unreadable files: the gate cannot vouch for them.
    const listingErrors = listing.skipped.filter((item) => item.error).map((item) => ({ file: relativePath(root, item.file), message: `${item.reason}.` }));

    // --shard i/n: this job's part of a split by path that every job computes alike (see shard.ts).
    const files = shard ? selectShard(listing.files, shard, (file) => relativePath(root, file)) : listing.files;
    // Validate every settings object before scanning, so bad settings exit 2 rather than midway, and check
    // each canonical module against the code: a gate measured against a module that is not there is no gate.
    const checked = new Set<Settings>();
    for (const file of files) {
      const settings = await config.settingsFor(file);
      if (checked.has(settings)) continue;
      checked.add(settings);
      assertCanonicalMatchesCode(settings, { configFile: config.configFile && path.relative(io.cwd, config.configFile), resolvePackages: true, cacheExports: true });
    }

    let rules: RuleSource;
    // Said in the report itself (not on stderr with the notes): it is part of what the report means.
    let rulesNote: string | undefined;
    if (preset !== undefined) {
      rules = { kind: 'preset', preset };
    } else if (listing.files.length === 0 || (await configNamesRules(config, listing.files))) {
      rules = { kind: 'config' };
    } else {
      rules = { kind: 'preset', preset: 'recommended' };
      if (config.configFile !== undefined) rulesNote = 'The ESLint config enables no jwt-ssot rule; applied configs.recommended.';
    }

    const showProgress = io.stderr.isTTY === true && files.length > 200;
    const scan = await scanFilesInParallel({
      threads: threadCount(concurrency, files.length),
      config: { cwd: io.cwd, configFile: values.config },
      files,
      root,
      preset: rules.kind === 'preset' ? rules.preset : undefined,
      rules,
      rulesFor: ruleSelector(rules, config),
      maxFileSize,
      settingsFor: (file) => config.settingsFor(file),
      onProgress: showProgress
        ? (done, total) => {
            if (done % 100 === 0 || done === total) io.stderr.write(`\rjwt-ssot audit: ${done}/${total} files`);
            if (done === total) io.stderr.write('\r\u001b[K');
          }
        : undefined,
    });
    const byFile = (a: { file: string }, b: { file: string }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    if (listingErrors.length > 0) {
      scan.errors.push(...listingErrors);
      scan.errors.sort(byFile);
    }
    scan.skipped.push(...skipped);
    scan.skipped.sort(byFile);

    let baseline: BaselineComparison | undefined;
    const info = packageInfo();
    if (values['update-baseline']) {
      const baselineFile = path.resolve(io.cwd, values.baseline ?? path.join(root, DEFAULT_BASELINE));
      writeBaseline(baselineFile, toBaseline(scan.violations, `${info.name}@${info.version}`));
      notes.push(`Baseline written to ${path.relative(io.cwd, baselineFile) || baselineFile} (${scan.violations.length} finding${scan.violations.length === 1 ? '' : 's'}).`);
    } else if (values.baseline !== undefined) {
      const baselineFile = path.resolve(io.cwd, values.baseline);
      baseline = compareWithBaseline(scan.violations, readBaseline(baselineFile, values.baseline), path.relative(io.cwd, baselineFile) || baselineFile);
    }

    let impact: ImpactEntry[] | undefined;
    if (values.impact) {
      const project = await listSourceFiles([root], { cwd: io.cwd, root, eslint: config });
      const targets = [...new Set(scan.violations.map((violation) => path.resolve(root, violation.file)))];
      impact = testImpact(targets, project.files, root);
    }

    const coverage = shard
      ? shardCoverage(
          shard,
          listing.files.map((file) => relativePath(root, file)),
          [config.configFile ? fs.readFileSync(config.configFile, 'utf8') : '', preset ?? 'config', info.version],
        )
      : undefined;
    // The map's import edges: which scanned files import the canonical module or an auth-module entry.
    const ssot = MAP_FORMATS.has(format) ? ssotFacts(files, [...checked], root, maxFileSize) : undefined;
    const report = buildReport(scan, { version: info.version, root, baseline, impact, notes, rulesNote, shard: coverage, ssot });
    const text = formatReport(format, report, {
      color: values.output === undefined && useColor(io),
      rules: ruleDescriptions(rules),
      verbose: values.verbose === true,
      toolName: 'jwt-ssot',
      toolVersion: info.version,
      toolUri: 'https://github.com/jwt-ssot/eslint-plugin-jwt-ssot',
      sarifPathPrefix: repositoryPrefix(root),
    });
    if (output !== undefined) {
      writeFileAtomic(output, text, { create: true });
    } else {
      io.stdout.write(text);
    }
    if (format !== 'text') for (const note of notes) io.stderr.write(`jwt-ssot audit: ${note}\n`);

    if (scan.errors.length > 0) return EXIT_FAILED;
    if (values['update-baseline']) return EXIT_OK;
    const gate = gateCounts(baseline ? baseline.newViolations : scan.violations);
    if (gate.errors > 0) return EXIT_FAILED;
    if (gate.warnings > maxWarnings) {
      io.stderr.write(`jwt-ssot audit: too many warnings (${gate.warnings}); the maximum is ${maxWarnings}.\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  },
});

export const runAudit = auditCommand.run;
export default auditCommand;
