#!/usr/bin/env node
// Real-code benchmark for `jwt-ssot migrate` (issue 11, "Proof"): one public application per run.
//
//   node scripts/migrate-bench.mjs <checkout> [--recipe scripts/migrate-bench/<name>.json] [--install] [--verbose] [--json]
//
// The recipe defaults to scripts/migrate-bench/<basename of checkout>.json. --install first runs the recipe's
// install commands in the checkout (npm only, with --ignore-scripts). The scratch copy goes to a fresh
// /tmp/jwt-ssot-bench/<name>-XXXXXX unless --scratch names a folder; it is kept for inspection.
//
// On a scratch copy of the checkout (the checkout itself is never written) it
//   1. adds the canonical function the recipe describes (written the way the app's maintainers would,
//      in its own auth module, with the key it already uses) and a jwt-ssot config naming it;
//   2. runs the project's own type check (its node_modules TypeScript, its tsconfig), before;
//   3. runs `jwt-ssot audit --format json`, `migrate --format json` (dry run), `migrate --write --force`;
//   4. runs `jwt-ssot audit --format json` on the migrated copy and counts the findings left and how many
//      of them carry a `// TODO(jwt-ssot):` follow-up (read from the file text, on the finding's line or
//      directly above its statement), and lists the unused imports and locals the rewrites left behind;
//   5. runs the project's own type check after, and `migrate --write --force` once more to see whether a
//      second run changes anything;
//   6. prints one Markdown table row (the docs/migrate.md "Real-code benchmark" table), and with
//      --verbose every site and follow-up with its file:line.
// Recipes hold only what we write ourselves (the canonical function, settings, commands); no code of the
// benchmarked projects is ever stored in this repository.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RECIPES = path.join(REPO, 'scripts', 'migrate-bench');
const BENCH_CONFIG = 'jwt-ssot.bench.config.mjs';
// The rules whose findings migrate rewrites or marks; the other audit findings (imports) are not sites.
const SITE_RULES = new Set(['jwt-ssot/no-direct-verify', 'jwt-ssot/no-direct-decode']);
const REASON_WORDS = 10;
const FOLLOW_UP_MARKER = 'TODO(jwt-ssot):';
// TypeScript's "declared but never read" family: what a rewrite leaves behind when it drops a key's source.
const UNUSED_CODES = new Set([6133, 6192, 6196, 6198, 6199, 6205]);
// This repository's own TypeScript parses the benchmarked files (any project, even plain JS).
const ts = createRequire(import.meta.url)('typescript');

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    recipe: { type: 'string' },
    cli: { type: 'string', default: path.join(REPO, 'dist', 'packages', 'cli', 'bin.js') },
    scratch: { type: 'string' },
    install: { type: 'boolean' },
    verbose: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (options.help || positionals.length !== 1) {
  console.error('Usage: node scripts/migrate-bench.mjs <checkout> [--recipe FILE] [--install] [--cli dist/packages/cli/bin.js] [--scratch DIR] [--verbose] [--json]');
  process.exit(options.help ? 0 : 2);
}

const checkout = path.resolve(positionals[0]);
const recipeFile = path.resolve(options.recipe ?? path.join(RECIPES, `${path.basename(checkout)}.json`));
const recipe = JSON.parse(fs.readFileSync(recipeFile, 'utf8'));
// A fresh folder per run by default: a fixed one was shared by everyone benchmarking the same app on this
// machine, and a second run overwrote the first one's copy (and config) while it was still being measured.
const scratch = path.resolve(options.scratch ?? freshScratchFolder());
const log = options.json ? () => {} : (line) => console.error(line);

function freshScratchFolder() {
  const parent = path.join(os.tmpdir(), 'jwt-ssot-bench');
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `${path.basename(checkout)}-`));
}

/** Runs a command without a shell; the output is kept whatever the exit code. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** The recipe's install commands, in the checkout itself (its node_modules is what the copy links). */
function installDependencies() {
  for (const [command, ...args] of recipe.install ?? []) {
    log(`▸ ${command} ${args.join(' ')}`);
    const result = run(command, args, checkout);
    if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code}):\n${result.stderr.slice(-2000)}`);
  }
}

/** A fresh copy without node_modules (linked instead, so the project's own TypeScript resolves) or .git. */
function makeScratchCopy() {
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(scratch), { recursive: true });
  fs.cpSync(checkout, scratch, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(checkout, source);
      return relative === '' || !relative.split(path.sep).some((part) => part === 'node_modules' || part === '.git');
    },
  });
  if (fs.existsSync(path.join(checkout, 'node_modules'))) {
    fs.symlinkSync(path.join(checkout, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  }
}

/** The project's documented setup steps that need no network (e.g. copying config.ts.example). */
function applySetup() {
  for (const [from, to] of Object.entries(recipe.setup?.copy ?? {})) {
    fs.copyFileSync(path.join(scratch, from), path.join(scratch, to));
  }
}

const lines = (value) => (Array.isArray(value) ? value.join('\n') : value ?? '');

/**
 * Adds the canonical function when its module lacks it: a new module gets `prepend` + `source`; an existing
 * one gets `prepend` at its top (after a shebang or 'use strict') and `source` at its end.
 */
function addCanonicalFunction() {
  const { module: modulePath, exports: names, prepend, source } = recipe.canonical;
  const file = path.join(scratch, modulePath);
  const exists = fs.existsSync(file);
  const text = exists ? fs.readFileSync(file, 'utf8') : '';
  // `verify` may list several functions.
  const missing = Object.values(names).flat().filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
  if (missing.length === 0) return 'already present';
  if (!exists) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${lines(prepend)}\n${lines(source)}\n`);
    return 'new module';
  }
  const header = /^(#!.*\n)?(\s*['"]use strict['"];?\s*\n)?/.exec(text)[0];
  const body = text.slice(header.length);
  const top = prepend ? `${lines(prepend)}\n` : '';
  fs.writeFileSync(file, `${header}${top}${body.replace(/\n*$/, '\n')}\n${lines(source)}\n`);
  return 'added to the existing module';
}

/** The flat config the CLI reads settings['jwt-ssot'] from (--config), leaving the project's own alone. */
function writeBenchConfig() {
  const { module: modulePath, exports: names } = recipe.canonical;
  const settings = { canonical: { module: modulePath, exports: names, ...recipe.settings?.canonical }, ...recipe.settings?.other };
  const entries = [{ ignores: recipe.ignores ?? [] }, { settings: { 'jwt-ssot': settings } }];
  fs.writeFileSync(path.join(scratch, BENCH_CONFIG), `export default ${JSON.stringify(entries, null, 2)};\n`);
}

/** The project's own type check; `error TS` lines are its diagnostics. */
function typecheck() {
  if (!recipe.typecheck) return { compiler: 'none (plain JS: rewrites are not type-checked)', diagnostics: null, messages: [] };
  const [command, ...args] = recipe.typecheck;
  const result = run(command, args, scratch);
  const messages = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
  if (result.code !== 0 && messages.length === 0) throw new Error(`type check failed without diagnostics (exit ${result.code}):\n${result.stderr || result.stdout}`);
  const version = run(process.execPath, ['-e', 'process.stdout.write(require("typescript").version)'], scratch);
  return { compiler: `TypeScript ${version.stdout || '?'} (${recipe.typecheck.join(' ')})`, diagnostics: messages.length, messages };
}

/** One jwt-ssot command in the scratch copy, JSON out. */
function jwtSsot(command, extra = []) {
  const result = run(process.execPath, [options.cli, command, ...(recipe.paths ?? []), '--format', 'json', '--config', BENCH_CONFIG, ...extra], scratch);
  if (!result.stdout.trim().startsWith('{')) throw new Error(`jwt-ssot ${command} failed (exit ${result.code}): ${result.stderr.trim()}`);
  return { code: result.code, report: JSON.parse(result.stdout), stderr: result.stderr };
}

/** "validateToken is async but this caller is not; …" → its first words, the same for every site. */
function reasonGroup(reason) {
  const clause = reason.replace(/`[^`]*`|'[^']*'|"[^"]*"/g, '…').replace(/\s*\([^)]*\)/g, '').split(/[;:]/)[0].trim();
  const words = clause.split(/\s+/);
  return words.length > REASON_WORDS ? `${words.slice(0, REASON_WORDS).join(' ')} …` : clause;
}

function countBy(items, keyOf) {
  const counts = new Map();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const rewritesOf = (report) => report.files.flatMap((file) => file.edits.filter((edit) => edit.kind === 'rewrite').map((edit) => ({ file: file.file, ...edit })));
/** The lines a second run would change, so a non-idempotent run shows what it does. */
function secondRunDiff(report) {
  return report.files.filter((file) => file.status === 'changed' && file.before !== undefined).flatMap((file) => {
    const before = file.before.split('\n');
    const after = file.after.split('\n');
    return [`${file.file}:`, ...after.filter((line) => !before.includes(line)).map((line) => `+ ${line.trim()}`), ...before.filter((line) => !after.includes(line)).map((line) => `- ${line.trim()}`)];
  });
}
const changedFilesOf = (report) => report.files.filter((file) => file.status === 'changed').map((file) => file.file);

const STATEMENT_LISTS = new Set([ts.SyntaxKind.SourceFile, ts.SyntaxKind.Block, ts.SyntaxKind.ModuleBlock, ts.SyntaxKind.CaseClause, ts.SyntaxKind.DefaultClause, ts.SyntaxKind.ClassStaticBlockDeclaration]);
const MEMBER_LISTS = new Set([ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.ClassExpression, ts.SyntaxKind.ObjectLiteralExpression]);

function parse(file, text) {
  const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/** The innermost node whose span holds `position`. */
function nodeAt(source, position) {
  let node = source;
  for (;;) {
    const child = node.getChildren(source).find((candidate) => candidate.getStart(source) <= position && position < candidate.getEnd());
    if (!child) return node;
    node = child;
  }
}

/**
 * Whether a finding carries a follow-up: the marker on the finding's own line or in the line comments right
 * above it, or in the comments directly above one of the places a follow-up may sit, from the innermost
 * class member / object property starting its line out to the statement (in a statement list) that holds
 * the finding. Read from the text, so it counts the same whether or not the audit report says `followUp`.
 */
function isMarked(source, finding) {
  const text = source.text;
  const lineStarts = source.getLineStarts();
  const lineStart = lineStarts[finding.line - 1] ?? text.length;
  const lineEnd = lineStarts[finding.line] ?? text.length;
  if (text.slice(lineStart, lineEnd).includes(FOLLOW_UP_MARKER)) return true;
  // Line comments right above the finding's own line.
  for (let line = finding.line - 2; line >= 0; line--) {
    const above = text.slice(lineStarts[line], lineStarts[line + 1]).trim();
    if (!above.startsWith('//')) break;
    if (above.includes(FOLLOW_UP_MARKER)) return true;
  }
  // A decorated declaration's follow-up goes after its decorators, right above `export class`.
  const commentsAt = (position) => (ts.getLeadingCommentRanges(text, position) ?? []).map((range) => text.slice(range.pos, range.end));
  const commentsAbove = (node) => [...commentsAt(node.getFullStart()), ...(node.modifiers ?? []).filter(ts.isDecorator).flatMap((decorator) => commentsAt(decorator.getEnd()))];
  const startsItsLine = (node) => text.slice(lineStarts[source.getLineAndCharacterOfPosition(node.getStart(source)).line], node.getStart(source)).trim() === '';
  for (let node = nodeAt(source, Math.min(lineStart + finding.column - 1, lineEnd)); node && node.kind !== ts.SyntaxKind.SourceFile; node = node.parent) {
    const anchor = STATEMENT_LISTS.has(node.parent?.kind) || (MEMBER_LISTS.has(node.parent?.kind) && startsItsLine(node));
    if (anchor && commentsAbove(node).some((comment) => comment.includes(FOLLOW_UP_MARKER))) return true;
    if (STATEMENT_LISTS.has(node.parent?.kind)) return false;
  }
  return false;
}

/** The findings an audit of the migrated copy still reports, and which of them are marked for a person. */
function findingsLeft(report) {
  const sources = new Map();
  const sourceOf = (file) => {
    if (!sources.has(file)) {
      const absolute = path.resolve(scratch, file);
      sources.set(file, fs.existsSync(absolute) ? parse(absolute, fs.readFileSync(absolute, 'utf8')) : null);
    }
    return sources.get(file);
  };
  const findings = report.violations.map((finding) => {
    const source = sourceOf(finding.file);
    return { file: finding.file, line: finding.line, rule: finding.rule, library: finding.library, api: finding.api, marked: source ? isMarked(source, finding) : false, followUpField: finding.followUp ?? null };
  });
  return { findings: findings.length, marked: findings.filter((finding) => finding.marked).length, byRule: countBy(findings, (finding) => finding.rule), unmarked: findings.filter((finding) => !finding.marked) };
}

/**
 * The diagnostics `after` has more of than `before`, per file, code and message, as migrate's own check
 * counts them: a diagnostic whose line moved because an import above it went away is not new.
 */
function introducedDiagnostics(beforeLines, afterLines) {
  const key = (line) => line.replace(/\(\d+,\d+\)/, '');
  const remaining = new Map();
  for (const line of beforeLines) remaining.set(key(line), (remaining.get(key(line)) ?? 0) + 1);
  return afterLines.filter((line) => {
    const left = remaining.get(key(line)) ?? 0;
    if (left > 0) {
      remaining.set(key(line), left - 1);
      return false;
    }
    return true;
  });
}

/** TypeScript's unused-declaration messages for one file on its own (imports unresolved, which is enough to see unused names). */
function unusedNames(file, text) {
  const options = { allowJs: true, checkJs: true, noUnusedLocals: true, noResolve: true, noEmit: true, noLib: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.Latest, module: ts.ModuleKind.ESNext, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === path.resolve(file) ? text : readFile(name));
  host.fileExists = (name) => path.resolve(name) === path.resolve(file);
  const program = ts.createProgram([file], options, host);
  const source = program.getSourceFile(file);
  return [...program.getSemanticDiagnostics(source), ...program.getSyntacticDiagnostics(source)]
    .filter((diagnostic) => UNUSED_CODES.has(diagnostic.code))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
}

/** Unused imports and locals in the changed files that the original file did not have: what the rewrites left. */
function litterOf(report) {
  const litter = [];
  for (const file of report.files.filter((entry) => entry.status === 'changed')) {
    const migrated = path.resolve(scratch, file.file);
    const before = file.before ?? (fs.existsSync(path.resolve(checkout, file.file)) ? fs.readFileSync(path.resolve(checkout, file.file), 'utf8') : '');
    const after = fs.readFileSync(migrated, 'utf8');
    const remaining = unusedNames(migrated, before);
    for (const message of unusedNames(migrated, after)) {
      const index = remaining.indexOf(message);
      if (index >= 0) remaining.splice(index, 1);
      else litter.push({ file: file.file, message });
    }
  }
  return litter;
}

function main() {
  if (!fs.existsSync(options.cli)) throw new Error(`${options.cli} not found: run \`npm run build\` first`);
  // A clone says which commit it is at; an archive checkout (no .git) is taken as the recipe's commit.
  const head = fs.existsSync(path.join(checkout, '.git')) ? run('git', ['-C', checkout, 'rev-parse', 'HEAD'], checkout) : { code: 1 };
  if (head.code === 0 && head.stdout.trim() !== recipe.commit) log(`⚠ ${checkout} is at ${head.stdout.trim()}, the recipe measured ${recipe.commit}`);
  if (options.install) installDependencies();
  log(`▸ scratch copy ${scratch}`);
  makeScratchCopy();
  applySetup();
  const canonicalAdded = addCanonicalFunction();
  writeBenchConfig();

  log(`▸ type check before (${recipe.typecheck?.join(' ') ?? 'none'})`);
  const before = typecheck();
  log('▸ audit');
  const audit = jwtSsot('audit');
  const sites = audit.report.violations.filter((finding) => SITE_RULES.has(finding.rule));
  log('▸ migrate (dry run)');
  const dryRun = jwtSsot('migrate');
  log('▸ migrate --write --force');
  const write = jwtSsot('migrate', ['--write', '--force']);
  log('▸ audit after migrate');
  const left = findingsLeft(jwtSsot('audit').report);
  const litter = litterOf(write.report);
  log(`audit after migrate: ${left.findings} findings, ${left.marked} marked`);
  log('▸ type check after');
  const after = typecheck();
  log('▸ migrate --write --force (second run)');
  const second = jwtSsot('migrate', ['--write', '--force']);

  const rewrites = rewritesOf(write.report);
  const followUps = write.report.followUps;
  const result = {
    project: recipe.repo,
    commit: recipe.commit,
    canonical: { module: recipe.canonical.module, exports: recipe.canonical.exports, added: canonicalAdded },
    sites: sites.length,
    sitesByApi: countBy(sites, (site) => `${site.library} ${site.api}`),
    rewritten: rewrites.length,
    followUps: followUps.length,
    followUpsByReason: countBy(followUps, (followUp) => reasonGroup(followUp.reason)),
    diagnostics: { compiler: before.compiler, before: before.diagnostics, after: after.diagnostics, introduced: introducedDiagnostics(before.messages, after.messages) },
    migrateTypecheck: write.report.typecheck ?? null,
    migrateExit: write.code,
    dryRunMatchesWrite: JSON.stringify(changedFilesOf(dryRun.report)) === JSON.stringify(changedFilesOf(write.report)) && dryRun.report.followUps.length === followUps.length,
    secondRunChangesNothing: changedFilesOf(second.report).length === 0,
    auditAfterMigrate: { findings: left.findings, marked: left.marked, byRule: left.byRule, sites: left.findings - left.byRule.filter(([rule]) => !SITE_RULES.has(rule)).reduce((sum, [, n]) => sum + n, 0) },
    litter: litter.length,
    secondRunFollowUps: second.report.followUps.length,
    errors: write.report.errors,
    details: { sites, rewrites, followUps, unmarked: left.unmarked, litter, secondRunChanged: changedFilesOf(second.report), secondRunDiff: secondRunDiff(second.report) },
  };

  if (options.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  if (options.verbose) printDetails(result);
  console.log(tableRow(result));
}

function printDetails(result) {
  console.error(`\nsites (${result.sites}): ${result.sitesByApi.map(([api, n]) => `${n} × ${api}`).join(', ')}`);
  for (const site of result.details.sites) console.error(`  ${site.file}:${site.line}  ${site.library} ${site.api}`);
  console.error(`rewritten (${result.rewritten}):`);
  for (const edit of result.details.rewrites) console.error(`  ${edit.file}:${edit.line}  ${edit.description}`);
  console.error(`follow-ups (${result.followUps}; lines in the migrated files):`);
  for (const followUp of result.details.followUps) console.error(`  ${followUp.file}:${followUp.line}  ${followUp.reason}`);
  for (const error of result.errors) console.error(`  error ${error.file}: ${error.message}`);
  console.error(`type check: ${result.diagnostics.compiler}; migrate's own check: ${JSON.stringify(result.migrateTypecheck && { tsconfig: result.migrateTypecheck.tsconfig, before: result.migrateTypecheck.before, after: result.migrateTypecheck.after, introduced: result.migrateTypecheck.introduced.length })}`);
  for (const line of result.diagnostics.introduced) console.error(`  introduced: ${line}`);
  console.error(`audit after migrate: ${result.auditAfterMigrate.findings} findings, ${result.auditAfterMigrate.marked} marked (${result.auditAfterMigrate.byRule.map(([rule, n]) => `${n} × ${rule}`).join(', ') || 'none'})`);
  for (const finding of result.details.unmarked) console.error(`  unmarked: ${finding.file}:${finding.line}  ${finding.rule} ${finding.library} ${finding.api}`);
  console.error(`left behind (unused after the rewrites, not before): ${result.litter}`);
  for (const item of result.details.litter) console.error(`  ${item.file}: ${item.message}`);
  console.error(`migrate --write exit ${result.migrateExit}; dry run matches write: ${result.dryRunMatchesWrite}; second run changed: ${result.details.secondRunChanged.join(', ') || 'nothing'}\n`);
  for (const line of result.details.secondRunDiff) console.error(`  ${line}`);
}

function tableRow(result) {
  const reasons = result.followUpsByReason.map(([reason, n]) => `${n} × ${reason}`).join('<br>') || '–';
  const diagnostics = result.diagnostics.before === null ? 'not type-checked (plain JS)' : `${result.diagnostics.before} → ${result.diagnostics.after}`;
  const left = `${result.auditAfterMigrate.findings} (${result.auditAfterMigrate.marked} marked)`;
  return `| ${result.project}@${result.commit.slice(0, 7)} | ${result.sites} | ${result.rewritten} | ${reasons} | ${diagnostics} | ${left} | ${result.litter} | ${result.secondRunChangesNothing ? 'yes' : 'no'} |`;
}

try {
  main();
} catch (error) {
  console.error(`migrate-bench: ${error.message}`);
  process.exit(1);
}
