#!/usr/bin/env node
/**
 * `npm run bench`: compares jwt-ssot with what a user would run instead, on synthetic trees (and real
 * checkouts with --repo), as ratios of medians over alternated runs measured in the same session.
 *
 *   node scripts/bench/run.mjs [--sizes 1000,5000,20000] [--runs 3] [--repo PATH]… [--seed 42]
 *                              [--tools audit,ast-grep,…] [--typed-size N] [--no-typed] [--timeout 1800]
 *                              [--no-single-file]
 *
 * First, unless --no-single-file: `jwt-ssot audit <one file>` as a pre-commit hook runs it (a file the
 * prefilter rules out, and one with a site) against `ast-grep scan` on the same file, CPU medians of at
 * least 7 alternated runs, with the goal (audit of a ruled-out file under 200 ms CPU) shown as met or not.
 *
 * Uses the BUILT dist/ (run `npm run build` first; `npm run bench` does). Results: a table on stdout and
 * JSON in bench-results/<timestamp>.json. Commands that are not in this build are reported as
 * "not available", never as a crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateTree } from './generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'dist/packages/cli/bin.js');
const ESLINT = path.join(REPO, 'node_modules/eslint/bin/eslint.js');
const AST_GREP = path.join(REPO, 'node_modules/.bin/ast-grep');
const JSCODESHIFT = path.join(REPO, 'node_modules/jscodeshift/bin/jscodeshift.js');
const OXLINT = path.join(REPO, 'node_modules/.bin/oxlint');
const NOOP_TRANSFORM = path.join(REPO, 'scripts/bench/noop-transform.cjs');
const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((file) => fs.existsSync(file));
const CALL_RULES = new Set(['no-direct-verify', 'no-direct-decode']);

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,20000' },
    runs: { type: 'string', default: '3' },
    repo: { type: 'string', multiple: true, default: [] },
    seed: { type: 'string', default: '42' },
    tools: { type: 'string' },
    'typed-size': { type: 'string' },
    'no-typed': { type: 'boolean', default: false },
    'no-single-file': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '1800' },
    out: { type: 'string', default: path.join(REPO, 'bench-results') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0].replace(/^#!.*\n\/\*\*?/, '').replace(/^ \* ?/gm, ''));
  process.exit(0);
}

if (!fs.existsSync(path.join(REPO, 'dist/packages/plugin/main.js'))) {
  process.stderr.write('bench: dist/ is missing; run `npm run build` first (or `npm run bench`).\n');
  process.exit(2);
}

const runs = Math.max(1, Number(args.runs));
const timeoutMs = Number(args.timeout) * 1000;
const sizes = args.sizes
  .split(',')
  .map((size) => size.trim())
  .filter(Boolean)
  .map(Number);
const seed = Number(args.seed);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-bench-run-'));

// ---------------------------------------------------------------------------------------------------
// Measuring one command: wall time around the spawn, peak RSS from /usr/bin/time (else sampled `ps`).

const running = new Set();

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of running) killGroup(pid);
    process.exit(130);
  });
}

function runCommand(command, commandArgs, { cwd, stdoutFile }) {
  return new Promise((resolve) => {
    const rssFile = path.join(scratch, `rss-${process.hrtime.bigint()}.txt`);
    // %M peak RSS (KB), %U/%S user/system CPU seconds of the command and the children it waited for.
    const argv = TIME_BIN ? [TIME_BIN, ['-f', '%M %U %S', '-o', rssFile, command, ...commandArgs]] : [command, commandArgs];
    const out = fs.openSync(stdoutFile, 'w');
    const started = performance.now();
    // Its own process group, so a timeout or Ctrl-C also stops what /usr/bin/time started.
    const child = spawn(argv[0], argv[1], { cwd, detached: true, stdio: ['ignore', out, 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    running.add(child.pid);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    let sampledKb = 0;
    const sampler = TIME_BIN
      ? undefined
      : setInterval(() => {
          try {
            const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
            const match = /VmHWM:\s+(\d+)/.exec(status);
            if (match) sampledKb = Math.max(sampledKb, Number(match[1]));
          } catch {
            // The process has exited between two samples.
          }
        }, 50);
    const timer = setTimeout(() => killGroup(child.pid), timeoutMs);
    child.on('close', (code, signal) => {
      running.delete(child.pid);
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      fs.closeSync(out);
      let peakKb = sampledKb;
      let cpuMs;
      if (TIME_BIN && fs.existsSync(rssFile)) {
        // /usr/bin/time may print "Command exited with non-zero status N" first; the last line is ours.
        const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
        const [rss, user, system] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
        peakKb = rss || 0;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
      }
      resolve({ ms, cpuMs, peakMb: peakKb / 1024, code, signal, stderr: stderr.trim() });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Scoring: which reported (file, line) pairs are real sites according to the manifest.

function score(reported, manifest, { callsOnly }) {
  if (!manifest) return { reported: reported.length };
  const truth = new Set(manifest.sites.filter((site) => !callsOnly || CALL_RULES.has(site.rule)).map((site) => (callsOnly ? `${site.file}:${site.line}` : `${site.file}:${site.line}:${site.rule}`)));
  const seen = new Set();
  let falseAlarms = 0;
  for (const item of reported) {
    const key = callsOnly ? `${item.file}:${item.line}` : `${item.file}:${item.line}:${item.rule}`;
    if (truth.has(key)) seen.add(key);
    else falseAlarms++;
  }
  return { reported: reported.length, true: seen.size, falseAlarms, missed: truth.size - seen.size };
}

function relativeTo(root, file) {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function eslintFindings(root, outFile) {
  const results = readJson(outFile);
  if (!Array.isArray(results)) return undefined;
  const reported = [];
  let fatal = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) fatal++;
      if (!message.ruleId?.startsWith('jwt-ssot/')) continue;
      reported.push({ file: relativeTo(root, result.filePath), line: message.line, rule: message.ruleId.slice('jwt-ssot/'.length) });
    }
  }
  return { reported, files: results.length, fatal };
}

// ---------------------------------------------------------------------------------------------------
// The tools. Each returns undefined when it cannot run in this build (reported as "not available").

const NAIVE_PATTERNS = ['$X.verify($$$)', '$X.decode($$$)', 'verify($$$)', 'decode($$$)', 'jwtVerify($$$)', '$X.jwtVerify($$$)', 'jwtDecode($$$)', '$X.verifyAsync($$$)'];

function astGrepRules(languages) {
  return languages
    .map((language) =>
      [`id: naive-jwt-${language.toLowerCase()}`, `language: ${language}`, 'severity: warning', 'message: JWT call', 'rule:', '  any:', ...NAIVE_PATTERNS.map((pattern) => `    - pattern: ${pattern}`)].join('\n'),
    )
    .join('\n---\n');
}

function commandAvailable(name) {
  return fs.existsSync(path.join(REPO, `dist/packages/cli/commands/${name}.js`));
}


function defineTools(tree) {
  const { root, targets, configs, repoMode } = tree;
  const outFile = (name) => path.join(scratch, `${name}.out`);
  const eslint = (name, label, config) => ({
    name,
    label,
    available: () => true,
    run: () => runCommand(process.execPath, [ESLINT, '--no-config-lookup', '-c', config, '--no-warn-ignored', '-f', 'json', '-o', outFile(name), ...targets], { cwd: root, stdoutFile: outFile(`${name}-stdout`) }),
    collect: () => {
      const found = eslintFindings(root, outFile(name));
      if (!found) return undefined;
      // Baselines report nothing by design: only the rule runs are scored.
      const scored = name === 'eslint-parser' || name === 'eslint-noop' ? {} : score(found.reported, tree.manifest, { callsOnly: false });
      return { ...scored, files: found.files, parseErrors: found.fatal };
    },
  });
  const tools = [
    eslint('eslint-parser', 'eslint (parser only)', configs.parserOnly),
    eslint('eslint-noop', 'eslint (parser + no-op rule)', configs.noopRule),
    eslint('eslint-rules', 'eslint (recommended)', configs.rules),
    {
      name: 'audit',
      label: 'jwt-ssot audit',
      available: () => commandAvailable('audit'),
      run: () =>
        runCommand(process.execPath, [BIN, 'audit', '--format', 'json', '--output', outFile('audit'), ...(configs.audit ? ['--config', configs.audit] : []), ...targets], {
          cwd: root,
          stdoutFile: outFile('audit-stdout'),
        }),
      collect: () => {
        const report = readJson(outFile('audit'));
        if (!report?.violations) return undefined;
        const reported = report.violations.map((violation) => ({ file: relativeTo(root, violation.file), line: violation.line, rule: violation.rule.replace(/^jwt-ssot\//, '') }));
        const calls = score(reported.filter((item) => CALL_RULES.has(item.rule)), tree.manifest, { callsOnly: true });
        return { ...score(reported, tree.manifest, { callsOnly: false }), callSites: calls, files: report.summary?.filesScanned, parsed: report.summary?.filesParsed, errors: report.errors?.length };
      },
    },
    {
      name: 'ast-grep',
      label: 'ast-grep (naive patterns)',
      available: () => fs.existsSync(AST_GREP),
      run: () =>
        runCommand(AST_GREP, ['scan', '--inline-rules', astGrepRules(repoMode ? ['TypeScript', 'Tsx', 'JavaScript'] : ['TypeScript']), '--json=stream', ...targets], {
          cwd: root,
          stdoutFile: outFile('ast-grep'),
        }),
      collect: () => {
        const text = fs.readFileSync(outFile('ast-grep'), 'utf8');
        const reported = text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
          .map((match) => ({ file: relativeTo(root, match.file), line: match.range.start.line + 1 }));
        return { ...score(reported, tree.manifest, { callsOnly: true }), callSites: score(reported, tree.manifest, { callsOnly: true }) };
      },
    },
    {
      name: 'migrate',
      label: 'jwt-ssot migrate (dry run)',
      available: () => commandAvailable('migrate'),
      run: () =>
        runCommand(process.execPath, [BIN, 'migrate', '--no-typecheck', '--format', 'json', ...(configs.audit ? ['--config', configs.audit] : []), ...targets], {
          cwd: root,
          stdoutFile: outFile('migrate'),
        }),
      collect: () => {
        const report = readJson(outFile('migrate'));
        if (!report?.files) return undefined;
        const changed = report.summary?.changed ?? report.files.filter((file) => file.status === 'changed').length;
        return { filesChanged: changed, followUps: report.followUps?.length ?? 0, errors: report.errors?.length ?? 0, summary: report.summary };
      },
    },
    {
      name: 'jscodeshift',
      label: 'jscodeshift (no-op)',
      available: () => fs.existsSync(JSCODESHIFT),
      run: () =>
        runCommand(
          process.execPath,
          [JSCODESHIFT, '--dry', '--no-babel', '--silent', '-t', NOOP_TRANSFORM, ...(repoMode ? ['--extensions=ts,tsx,mts,cts', '--parser=tsx', '--ignore-config=.gitignore'] : ['--extensions=ts', '--parser=ts']), ...targets],
          { cwd: root, stdoutFile: outFile('jscodeshift') },
        ),
      collect: () => ({}),
    },
    {
      name: 'oxlint',
      label: 'oxlint (JS plugin)',
      available: () => fs.existsSync(OXLINT) && fs.existsSync(configs.oxlint),
      run: () => runCommand(OXLINT, ['-c', configs.oxlint, '--format', 'json', ...targets], { cwd: root, stdoutFile: outFile('oxlint') }),
      collect: () => {
        const report = readJson(outFile('oxlint'));
        const diagnostics = report?.diagnostics;
        if (!Array.isArray(diagnostics)) return undefined;
        const reported = diagnostics
          .filter((diagnostic) => String(diagnostic.code ?? '').includes('jwt-ssot'))
          .map((diagnostic) => ({ file: relativeTo(root, diagnostic.filename), line: diagnostic.labels?.[0]?.span?.line ?? 0, rule: String(diagnostic.code).replace(/^.*jwt-ssot\(([^)]+)\).*$/, '$1') }));
        return score(reported, tree.manifest, { callsOnly: false });
      },
    },
  ];
  if (tree.typed) tools.push(eslint('eslint-typed', 'eslint (recommended, typed)', configs.typed));
  const wanted = args.tools?.split(',').map((name) => name.trim());
  return wanted ? tools.filter((tool) => wanted.includes(tool.name)) : tools;
}

// ---------------------------------------------------------------------------------------------------
// Trees: synthetic (with a manifest) or a real checkout (configs written to a scratch folder).

function repoTree(repoPath) {
  const root = path.resolve(repoPath);
  if (!fs.existsSync(root)) throw new Error(`--repo ${repoPath}: not found`);
  const folder = fs.mkdtempSync(path.join(scratch, 'repo-config-'));
  const plugin = pathToFileURL(path.join(REPO, 'dist/packages/plugin/main.js')).href;
  const parser = pathToFileURL(fileURLToPath(import.meta.resolve('@typescript-eslint/parser'))).href;
  // ESLint does not read .gitignore; turn its simple lines into ignores so both tools see the same files.
  const gitignore = fs.existsSync(path.join(root, '.gitignore')) ? fs.readFileSync(path.join(root, '.gitignore'), 'utf8') : '';
  const ignores = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/*.d.ts'];
  for (const raw of gitignore.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const body = line.replace(/^\//, '').replace(/\/$/, '');
    const glob = line.startsWith('/') || body.includes('/') ? body : `**/${body}`;
    ignores.push(glob, `${glob}/**`);
  }
  const files = "['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']";
  const settings = `{ 'jwt-ssot': { root: ${JSON.stringify(root)} } }`;
  const write = (name, text) => {
    fs.writeFileSync(path.join(folder, name), text);
    return path.join(folder, name);
  };
  const header = `const ignores = ${JSON.stringify(ignores)};\n`;
  return {
    name: path.basename(root),
    root,
    targets: ['.'],
    repoMode: true,
    manifest: undefined,
    files: undefined,
    configs: {
      rules: write('eslint.config.mjs', `import jwtSsot from '${plugin}';\n${header}export default [{ ignores }, { ...jwtSsot.configs.recommended, files: ${files} }, { settings: ${settings} }];\n`),
      parserOnly: write('eslint.parser-only.config.mjs', `import parser from '${parser}';\n${header}export default [{ ignores }, { files: ${files}, languageOptions: { parser } }];\n`),
      noopRule: write(
        'eslint.noop-rule.config.mjs',
        `import parser from '${parser}';\n${header}const noop = { meta: { type: 'problem', schema: [] }, create: () => ({}) };\nexport default [{ ignores }, { files: ${files}, languageOptions: { parser }, plugins: { bench: { rules: { noop } } }, rules: { 'bench/noop': 'error' } }];\n`,
      ),
      typed: write(
        'eslint.typed.config.mjs',
        `import jwtSsot from '${plugin}';\n${header}export default [{ ignores }, { ...jwtSsot.configs.recommended, files: ${files} }, { files: ${files}, languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(root)} } } }, { settings: ${settings} }];\n`,
      ),
      audit: path.join(folder, 'eslint.config.mjs'),
      oxlint: write(
        '.oxlintrc.json',
        JSON.stringify({
          plugins: [],
          categories: { correctness: 'off' },
          ignorePatterns: ignores,
          jsPlugins: [path.join(REPO, 'dist/packages/plugin/main.js')],
          settings: { 'jwt-ssot': { root } },
          rules: Object.fromEntries(['no-auth-import-bypass', 'no-direct-decode', 'no-direct-verify', 'no-jwt-secret-access', 'no-unsafe-verify-options'].map((rule) => [`jwt-ssot/${rule}`, 'error'])),
        }),
      ),
    },
  };
}

function syntheticTree(files) {
  process.stderr.write(`bench: generating ${files} files (seed ${seed})…\n`);
  const manifest = generateTree({ files, seed });
  return {
    name: `synthetic-${files}`,
    root: manifest.root,
    targets: ['src'],
    repoMode: false,
    manifest,
    files,
    configs: {
      rules: path.join(manifest.root, 'eslint.config.mjs'),
      parserOnly: path.join(manifest.root, 'eslint.parser-only.config.mjs'),
      noopRule: path.join(manifest.root, 'eslint.noop-rule.config.mjs'),
      typed: path.join(manifest.root, 'eslint.typed.config.mjs'),
      audit: undefined,
      oxlint: path.join(manifest.root, '.oxlintrc.json'),
    },
  };
}

// ---------------------------------------------------------------------------------------------------

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function benchTree(tree) {
  const tools = defineTools(tree);
  const results = {};
  for (const tool of tools) {
    results[tool.name] = tool.available() ? { label: tool.label, available: true, runs: [] } : { label: tool.label, available: false };
  }
  const active = tools.filter((tool) => results[tool.name].available);
  for (let run = 0; run < runs; run++) {
    // Alternate: each run starts with a different tool, so warm caches and background load spread out.
    const order = active.map((_, index) => active[(index + run) % active.length]);
    for (const tool of order) {
      process.stderr.write(`bench: ${tree.name} run ${run + 1}/${runs}: ${tool.label}… `);
      const measured = await tool.run();
      const entry = results[tool.name];
      let collected;
      try {
        collected = tool.collect();
      } catch (error) {
        collected = { collectError: error.message };
      }
      entry.runs.push({ ms: Math.round(measured.ms), cpuMs: measured.cpuMs === undefined ? undefined : Math.round(measured.cpuMs), peakMb: Math.round(measured.peakMb), exitCode: measured.code, signal: measured.signal ?? undefined });
      if (collected) entry.output = collected;
      else if (!entry.output) entry.output = { failed: true, stderr: measured.stderr.slice(0, 2000) };
      process.stderr.write(`${(measured.ms / 1000).toFixed(2)}s wall, ${measured.cpuMs === undefined ? '?' : (measured.cpuMs / 1000).toFixed(2)}s CPU, ${Math.round(measured.peakMb)} MB, exit ${measured.code ?? measured.signal}\n`);
    }
  }
  for (const entry of Object.values(results)) {
    if (!entry.available) continue;
    entry.medianMs = Math.round(median(entry.runs.map((run) => run.ms)));
    const cpu = entry.runs.map((run) => run.cpuMs).filter((value) => value !== undefined);
    if (cpu.length > 0) entry.medianCpuMs = Math.round(median(cpu));
    entry.peakMb = Math.max(...entry.runs.map((run) => run.peakMb));
    if (tree.files) entry.msPerFile = Number((entry.medianMs / tree.files).toFixed(3));
    if (tree.files && entry.medianCpuMs !== undefined) entry.cpuMsPerFile = Number((entry.medianCpuMs / tree.files).toFixed(3));
  }
  return { tree: tree.name, root: tree.root, files: tree.files, manifest: tree.manifest && { jwtFiles: tree.manifest.jwtFiles, lines: tree.manifest.lines, bytes: tree.manifest.bytes, expected: tree.manifest.expected, forms: tree.manifest.forms }, tools: results, ratios: ratios(results, tree) };
}

function ratio(results, a, b, field = 'medianMs') {
  const left = results[a];
  const right = results[b];
  if (!left?.[field] || !right?.[field]) return undefined;
  return Number((left[field] / right[field]).toFixed(3));
}

function ratios(results, tree) {
  // Wall-clock ratios are what the budget is about; CPU-time ratios (user + system, all threads) are
  // printed next to them because they stay meaningful on a loaded machine.
  const both = (a, b) => ({ value: ratio(results, a, b), cpu: ratio(results, a, b, 'medianCpuMs') });
  return {
    rulesOverhead: { ...both('eslint-rules', 'eslint-parser'), budget: '≤ 1.03', ok: (v) => v <= 1.03 },
    rulesVsNoopRule: { ...both('eslint-rules', 'eslint-noop'), budget: 'reported only', ok: () => true },
    auditVsEslint: { ...both('audit', 'eslint-rules'), budget: '≤ 0.20 (≥ 5× faster)', ok: (v) => v <= 0.2 },
    auditVsAstGrep: { ...both('audit', 'ast-grep'), budget: '≤ 1.0', ok: (v) => v <= 1.0 },
    migrateVsJscodeshift: { ...both('migrate', 'jscodeshift'), budget: tree.files === 5000 ? '< 1.0 (5k tree)' : '< 1.0 (budgeted on 5k)', ok: (v) => v < 1.0 },
    typedVsUntyped: { ...both('eslint-typed', 'eslint-rules'), budget: 'reported only', ok: () => true },
    oxlintVsEslint: { ...both('oxlint', 'eslint-rules'), budget: 'reported only', ok: () => true },
    auditPeakMb: { value: results.audit?.peakMb, budget: tree.files >= 20000 ? '≤ 300 MB (20k tree)' : '≤ 300 MB (budgeted on 20k)', ok: (v) => v <= 300 },
  };
}

// ---------------------------------------------------------------------------------------------------
// Printing.

function pad(text, width, right = false) {
  const value = String(text);
  return right ? value.padStart(width) : value.padEnd(width);
}

function printTree(result) {
  const lines = [];
  const m = result.manifest;
  lines.push('');
  lines.push(
    `== ${result.tree}${m ? `: ${result.files} files, ${m.lines} lines, ${m.jwtFiles} using JWT libraries; expected ${m.expected.findings} findings (${m.expected.callSites} verify/decode calls)` : ` (${result.root})`}; ${runs} run(s)`,
  );
  lines.push(`${pad('tool', 30)}${pad('median', 10, true)}${pad('CPU', 9, true)}${pad('ms/file', 9, true)}${pad('peak MB', 9, true)}  ${pad('reported', 9, true)}${pad('true', 6, true)}${pad('false', 7, true)}${pad('missed', 8, true)}  notes`);
  for (const [, entry] of Object.entries(result.tools)) {
    if (!entry.available) {
      lines.push(`${pad(entry.label, 30)}${pad('not available', 10, true)}`);
      continue;
    }
    const output = entry.output ?? {};
    const scored = output.callSites && entry.label.startsWith('ast-grep') ? output.callSites : output;
    const notes = [];
    if (output.failed) notes.push(`failed: ${(output.stderr ?? '').split('\n')[0]?.slice(0, 80)}`);
    if (output.parsed !== undefined) notes.push(`parsed ${output.parsed}/${output.files}`);
    if (output.callSites?.true !== undefined && !entry.label.startsWith('ast-grep')) notes.push(`calls ${output.callSites.true}/${output.callSites.reported} true`);
    if (output.parseErrors) notes.push(`${output.parseErrors} parse errors`);
    if (output.filesChanged !== undefined) notes.push(`${output.filesChanged} files changed, ${output.followUps} follow-ups, ${output.errors} errors`);
    const failedRuns = entry.runs.filter((run) => run.signal || (run.exitCode !== 0 && run.exitCode !== 1)).length;
    if (failedRuns) notes.push(`${failedRuns} run(s) failed/timed out`);
    lines.push(
      `${pad(entry.label, 30)}${pad(`${(entry.medianMs / 1000).toFixed(2)}s`, 10, true)}${pad(entry.medianCpuMs === undefined ? '-' : `${(entry.medianCpuMs / 1000).toFixed(2)}s`, 9, true)}${pad(entry.msPerFile ?? '-', 9, true)}${pad(entry.peakMb, 9, true)}  ` +
        `${pad(scored.reported ?? '-', 9, true)}${pad(scored.true ?? '-', 6, true)}${pad(scored.falseAlarms ?? '-', 7, true)}${pad(scored.missed ?? '-', 8, true)}  ${notes.join('; ')}`,
    );
  }
  lines.push('ratios (medians):');
  for (const [name, item] of Object.entries(result.ratios)) {
    if (item.value === undefined) {
      lines.push(`  ${pad(name, 22)} n/a`);
      continue;
    }
    const cpu = item.cpu === undefined ? '' : `(CPU ${item.cpu}×)`;
    lines.push(`  ${pad(name, 22)} ${pad(name === 'auditPeakMb' ? `${item.value} MB` : `${item.value}×`, 10)} ${pad(cpu, 16)} budget ${item.budget}${item.budget === 'reported only' ? '' : item.ok(item.value) ? '  ok' : '  OVER'}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printGrowth(all) {
  const synthetic = all.filter((result) => result.files);
  if (synthetic.length < 2) return;
  const names = Object.keys(synthetic[0].tools);
  const lines = [];
  for (const [field, title] of [
    ['msPerFile', 'wall ms per file'],
    ['cpuMsPerFile', 'CPU ms per file'],
  ]) {
    lines.push('', `== growth: ${title} at each size (last/first near 1.0 = linear; below 1 = startup amortised)`);
    lines.push(`${pad('tool', 30)}${synthetic.map((result) => pad(result.files, 10, true)).join('')}${pad('last/first', 12, true)}`);
    for (const name of names) {
      const values = synthetic.map((result) => result.tools[name]?.[field]);
      if (values.every((value) => value === undefined)) continue;
      const defined = values.filter((value) => value !== undefined);
      const growth = defined.length >= 2 ? (defined[defined.length - 1] / defined[0]).toFixed(2) : '-';
      lines.push(`${pad(synthetic[0].tools[name].label, 30)}${values.map((value) => pad(value ?? '-', 10, true)).join('')}${pad(growth, 12, true)}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------------
// Single file: the pre-commit hook's case, where start-up is everything.

const SINGLE_FILE_GOAL_MS = 200;

function singleFileProject() {
  const root = fs.mkdtempSync(path.join(scratch, 'single-file-'));
  const plugin = pathToFileURL(path.join(REPO, 'dist/packages/plugin/main.js')).href;
  const files = {
    // As a user's config: the plugin imported, the preset spread, the settings naming a canonical module file.
    'eslint.config.mjs': `import jwtSsot from '${plugin}';\nexport default [jwtSsot.configs.recommended, { settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt.ts', exports: { verify: 'validateToken' } } } } }];\n`,
    // Where the audit remembers the canonical module's exports between runs (as in any installed project).
    'node_modules/.keep': '',
    'src/auth/jwt.ts': "import jwt from 'jsonwebtoken';\n\nexport function validateToken(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET ?? '', { algorithms: ['HS256'] });\n}\n",
    'src/cart.ts': 'export interface Line {\n  price: number;\n  quantity: number;\n}\n\nexport function total(lines: Line[]): number {\n  return lines.reduce((sum, line) => sum + line.price * line.quantity, 0);\n}\n',
    'src/session.ts': "import jwt from 'jsonwebtoken';\n\nexport function claimsOf(token: string) {\n  return jwt.decode(token);\n}\n",
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function benchSingleFile() {
  const root = singleFileProject();
  const count = Math.max(7, runs);
  const out = path.join(scratch, 'single-file.out');
  const audit = (file) => () => runCommand(process.execPath, [BIN, 'audit', file], { cwd: root, stdoutFile: out });
  const astGrep = (file) => () => runCommand(AST_GREP, ['scan', '--inline-rules', astGrepRules(['TypeScript']), file], { cwd: root, stdoutFile: out });
  const cases = [
    { name: 'audit-ruled-out', label: 'jwt-ssot audit (ruled out)', run: audit('src/cart.ts') },
    { name: 'audit-site', label: 'jwt-ssot audit (a site)', run: audit('src/session.ts') },
    ...(fs.existsSync(AST_GREP)
      ? [
          { name: 'ast-grep-ruled-out', label: 'ast-grep scan (same file)', run: astGrep('src/cart.ts') },
          { name: 'ast-grep-site', label: 'ast-grep scan (same file)', run: astGrep('src/session.ts') },
        ]
      : []),
  ];
  // One run first, not measured: it records the canonical module's exports, as the first commit would.
  await cases[0].run();
  const samples = Object.fromEntries(cases.map((item) => [item.name, []]));
  for (let run = 0; run < count; run++) {
    for (let index = 0; index < cases.length; index++) {
      const item = cases[(index + run) % cases.length];
      process.stderr.write(`bench: single file run ${run + 1}/${count}: ${item.label}… `);
      const measured = await item.run();
      samples[item.name].push({ ms: measured.ms, cpuMs: measured.cpuMs, exitCode: measured.code });
      process.stderr.write(`${measured.cpuMs === undefined ? '?' : Math.round(measured.cpuMs)} ms CPU, exit ${measured.code}\n`);
    }
  }
  const results = {};
  for (const item of cases) {
    const cpu = samples[item.name].map((sample) => sample.cpuMs).filter((value) => value !== undefined);
    results[item.name] = {
      label: item.label,
      medianMs: Math.round(median(samples[item.name].map((sample) => sample.ms))),
      medianCpuMs: cpu.length > 0 ? Math.round(median(cpu)) : undefined,
      exitCodes: [...new Set(samples[item.name].map((sample) => sample.exitCode))],
    };
  }
  const ruledOut = results['audit-ruled-out'].medianCpuMs;
  return { runs: count, goalCpuMs: SINGLE_FILE_GOAL_MS, goalMet: ruledOut === undefined ? undefined : ruledOut < SINGLE_FILE_GOAL_MS, results };
}

function printSingleFile(single) {
  const lines = ['', `== single file (pre-commit hook): medians of ${single.runs} alternated runs`, `${pad('command', 30)}${pad('CPU', 10, true)}${pad('wall', 10, true)}  file`];
  for (const [name, entry] of Object.entries(single.results)) {
    // /usr/bin/time counts in 10 ms steps: 0 means under 10.
    const cpu = entry.medianCpuMs === undefined ? '-' : entry.medianCpuMs === 0 ? '< 10 ms' : `${entry.medianCpuMs} ms`;
    lines.push(`${pad(entry.label, 30)}${pad(cpu, 10, true)}${pad(`${entry.medianMs} ms`, 10, true)}  ${name.endsWith('ruled-out') ? 'src/cart.ts (no JWT)' : 'src/session.ts (jwt.decode)'}`);
  }
  const ruledOut = single.results['audit-ruled-out'].medianCpuMs;
  const verdict = single.goalMet === undefined ? 'not measured (no /usr/bin/time)' : single.goalMet ? 'met' : 'NOT met';
  lines.push(`goal: audit of a ruled-out file under ${single.goalCpuMs} ms CPU: ${ruledOut ?? '?'} ms, ${verdict}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------------

const trees = [...sizes.map((size) => ({ kind: 'synthetic', size })), ...args.repo.map((repo) => ({ kind: 'repo', repo }))];
const smallest = Math.min(...sizes);
const typedSize = args['typed-size'] ? Number(args['typed-size']) : smallest;
const all = [];
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage: os.loadavg() };
process.stdout.write(`jwt-ssot bench: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}; load ${machine.loadAverage.map((v) => v.toFixed(1)).join(' ')}\n`);
const singleFile = args['no-single-file'] || !commandAvailable('audit') ? undefined : await benchSingleFile();
if (singleFile) printSingleFile(singleFile);
for (const spec of trees) {
  const tree = spec.kind === 'synthetic' ? syntheticTree(spec.size) : repoTree(spec.repo);
  tree.typed = !args['no-typed'] && (spec.kind === 'repo' || spec.size === typedSize);
  const result = await benchTree(tree);
  all.push(result);
  printTree(result);
}
printGrowth(all);

const serialisable = all.map((result) => ({
  ...result,
  ratios: Object.fromEntries(Object.entries(result.ratios).map(([name, item]) => [name, { value: item.value, cpu: item.cpu, budget: item.budget, ok: item.value === undefined || item.budget === 'reported only' ? undefined : item.ok(item.value) }])),
}));
fs.mkdirSync(args.out, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outFile = path.join(args.out, `${stamp}.json`);
fs.writeFileSync(outFile, `${JSON.stringify({ date: new Date().toISOString(), machine, runs, seed, singleFile, results: serialisable }, null, 2)}\n`);
process.stdout.write(`\nJSON: ${path.relative(process.cwd(), outFile)}\n`);
fs.rmSync(scratch, { recursive: true, force: true });
