/**
 * `jwt-ssot audit`: the CI gate. Same engine, settings and preset as the lint rules, without ESLint's
 * per-file cost: files the prefilter rules out are never parsed. Exit 0 clean, 1 findings or files that
 * could not be analysed, 2 bad usage or invalid settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toPosix } from '../../engine/paths.js';
import { packageInfo } from '../../engine/index.js';
import { compareWithBaseline, readBaseline, toBaseline, writeBaseline } from '../audit/baseline.js';
import { FORMATS, formatReport, type Format, type RuleDescription } from '../audit/formatters.js';
import { testImpact } from '../audit/impact.js';
import { useColor } from '../io.js';
import { writableOutputPath } from '../output-file.js';
import { writeFileAtomic } from '../write-atomic.js';
import { buildReport } from '../audit/report.js';
import { DEFAULT_MAX_FILE_SIZE, presetRules, relativePath, type Preset } from '../audit/scan.js';
import type { BaselineComparison, ImpactEntry } from '../audit/types.js';
import { defineCommand, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { loadCliConfig } from '../config.js';
import { listSourceFiles } from '../files.js';
import { parseShard, selectShard, type ShardSpec } from '../shard.js';
import { parseConcurrency, scanFilesInParallel, threadCount, type Concurrency } from '../parallel-scan.js';
import { shardCoverage } from '../audit/shard-coverage.js';

const DEFAULT_BASELINE = '.jwt-ssot-baseline.json';

const HELP = `Usage: jwt-ssot audit [paths...] [options]

Reports every place that verifies, decodes or imports JWTs outside the canonical module: exactly the
sites \`eslint\` reports with jwt-ssot's configs.recommended, without running ESLint.

Paths default to the current directory; .gitignore files and the ESLint config's ignores apply.

Options:
  -f, --format <text|json|sarif|markdown>  Report format (default: text)
  -c, --config <file>         ESLint config file to read settings['jwt-ssot'] from
                              (default: the eslint.config.* ESLint would use)
  -o, --output <file>         Write the report to a file instead of stdout
      --baseline <file>       Fail only on findings not recorded in this baseline; report fixed ones
      --update-baseline       Record the current findings in the baseline (default file: ${DEFAULT_BASELINE})
      --impact                List, per file with findings, the test files that import it
      --max-file-size <size>  Skip larger files as errors (bytes, or 500k / 4m; default: 2m)
      --preset <recommended|strict>  Which preset's rules to apply (default: recommended)
      --shard <i/n>           Audit only part i of n of the files (a stable split by path, for CI
                              matrices); join the reports with \`jwt-ssot merge-reports\`
      --concurrency <n|auto|off>  Threads for the scan (default: auto = more threads from
                              10000 files on, onto idle cores only)
  -h, --help                  Show this help

Exit codes: 0 clean, 1 findings or files that could not be analysed, 2 bad usage or invalid settings.
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

function ruleDescriptions(preset: Preset): RuleDescription[] {
  return presetRules(preset).map((rule) => ({ id: rule.eslintId, description: rule.description, helpUri: rule.helpUri }));
}

export const auditCommand = defineCommand({
  name: 'audit',
  summary: 'CI gate: report JWT handling outside the canonical module (text, json, sarif, markdown)',
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
    preset: { type: 'string' },
    shard: { type: 'string' },
    concurrency: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: expected one of ${FORMATS.join(', ')}`);
    const preset = (values.preset ?? 'recommended') as Preset;
    if (preset !== 'recommended' && preset !== 'strict') throw new UsageError(`--preset ${values.preset}: expected recommended or strict`);
    const maxFileSize = values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size']);
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
    const listing = await listSourceFiles(positionals, { cwd: io.cwd, root });
    const missing = listing.skipped.filter((item) => item.reason === 'not found');
    if (missing.length > 0) throw new UsageError(`No such file or folder: ${missing.map((item) => path.relative(io.cwd, item.file) || item.file).join(', ')}`);
    for (const item of listing.skipped) if (!item.error) notes.push(`Skipped ${path.relative(root, item.file) || item.file}: ${item.reason}.`);
    // Folders that could not be read are errors like unreadable files: the gate cannot vouch for them.
    const listingErrors = listing.skipped.filter((item) => item.error).map((item) => ({ file: relativePath(root, item.file), message: `${item.reason}.` }));

    const files: string[] = [];
    const explicit = new Set(positionals.map((given) => path.resolve(io.cwd, given)));
    // --shard i/n: this job's part of a split by path that every job computes alike (see shard.ts).
    const candidates = shard ? selectShard(listing.files, shard, (file) => relativePath(root, file)) : listing.files;
    for (const file of candidates) {
      if (await config.isIgnored(file)) {
        if (explicit.has(file)) notes.push(`Skipped ${path.relative(root, file)}: ignored by the ESLint config.`);
        continue;
      }
      files.push(file);
    }
    // Validate every settings object before scanning, so bad settings exit 2 rather than midway.
    for (const file of files) await config.settingsFor(file);

    const showProgress = io.stderr.isTTY === true && files.length > 200;
    const scan = await scanFilesInParallel({
      threads: threadCount(concurrency, files.length),
      config: { cwd: io.cwd, configFile: values.config },
      files,
      root,
      preset,
      maxFileSize,
      settingsFor: (file) => config.settingsFor(file),
      onProgress: showProgress
        ? (done, total) => {
            if (done % 100 === 0 || done === total) io.stderr.write(`\rjwt-ssot audit: ${done}/${total} files`);
            if (done === total) io.stderr.write('\r\u001b[K');
          }
        : undefined,
    });
    if (listingErrors.length > 0) {
      scan.errors.push(...listingErrors);
      scan.errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    }

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
      const project = await listSourceFiles([root], { cwd: io.cwd, root });
      const targets = [...new Set(scan.violations.map((violation) => path.resolve(root, violation.file)))];
      impact = testImpact(targets, project.files, root);
    }

    const coverage = shard
      ? shardCoverage(
          shard,
          listing.files.map((file) => relativePath(root, file)),
          [config.configFile ? fs.readFileSync(config.configFile, 'utf8') : '', preset, info.version],
        )
      : undefined;
    const report = buildReport(scan, { version: info.version, root, baseline, impact, notes, shard: coverage });
    const text = formatReport(format, report, {
      color: values.output === undefined && useColor(io),
      rules: ruleDescriptions(preset),
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
    const failing = baseline ? baseline.newViolations.length : scan.violations.length;
    return failing > 0 ? EXIT_FAILED : EXIT_OK;
  },
});

export const runAudit = auditCommand.run;
export default auditCommand;
