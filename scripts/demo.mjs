#!/usr/bin/env node
// `npm run demo`: the founding story, end to end, on a fresh copy of packages/golden-path-example.
//   1. jwt-ssot audit            → the three duplicate validators, and the SSOT map that shows them
//   2. golden-path scenario      → 1011 for a freshly logged-in user, an expired token accepted
//   3. jwt-ssot migrate --write  → rewrites + follow-ups; then a person's committed change (patches/*.patch)
//   4. jwt-ssot audit again      → clean, or only the listed follow-ups; the map: one canonical chain
//   5. golden-path scenario      → every step passes
// Exit 0 only when that story holds. Offline: the copy links the repository's node_modules and build.
// Options: --json (print the results as JSON instead of the narrative), --keep (keep the temporary copy).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { DUPLICATES, scenarioFacts, storyChecks, summaryRows, table } from './demo/report.mjs';
import { BIN, EXAMPLE, REPO, applyPatchFile, createWorkspace, runBin, snapshot, transpileCopy } from './demo/workspace.mjs';

const { values: options } = parseArgs({ options: { json: { type: 'boolean' }, keep: { type: 'boolean' } } });
const started = performance.now();
const say = options.json ? () => {} : (text = '') => console.log(text);
const indent = (text, prefix = '    ') => text.replace(/\n+$/, '').split('\n').map((line) => `${prefix}${line}`).join('\n');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function heading(step, title) {
  say();
  say(`━━ ${step} ${title} ${'━'.repeat(Math.max(3, 96 - step.length - title.length))}`);
}

/** `jwt-ssot audit` three times at once: the text report and the SSOT map for the reader, JSON for the checks. */
async function audit(copy) {
  say('$ jwt-ssot audit');
  const [text, json, map] = await Promise.all([
    runBin(['audit', '--format', 'text'], copy),
    runBin(['audit', '--format', 'json'], copy),
    runBin(['audit', '--format', 'mermaid'], copy),
  ]);
  if (json.code === 2 || !json.stdout.trim().startsWith('{')) throw new Error(`jwt-ssot audit failed (exit ${json.code}): ${json.stderr.trim()}`);
  if (!map.stdout.startsWith('flowchart')) throw new Error(`jwt-ssot audit --format mermaid failed (exit ${map.code}): ${map.stderr.trim()}`);
  say(indent(text.stdout || text.stderr));
  say();
  say('$ jwt-ssot audit --format mermaid   (the SSOT map; paste it into a ```mermaid block to draw it)');
  say(indent(map.stdout));
  return { report: JSON.parse(json.stdout), map: map.stdout };
}

/**
 * The map as the demo's checks read it: each node's path (the first line of its label; the example's
 * paths need no escaping), the classes that mark warnings, and the importers of the canonical node.
 */
function readMap(mermaid) {
  const paths = new Map();
  const classes = new Map();
  const importersOfCanonical = new Set();
  for (const line of mermaid.split('\n')) {
    const node = /^ {2}(n\d+)\W+"([^"<]*)/.exec(line);
    if (node) paths.set(node[1], node[2]);
    const marked = /^ {2}class (\S+) (\w+)$/.exec(line);
    if (marked) classes.set(marked[2], marked[1].split(',').map((id) => paths.get(id)).sort());
    const edge = /^ {2}(n\d+) --> n0$/.exec(line);
    if (edge) importersOfCanonical.add(paths.get(edge[1]));
  }
  return { canonical: paths.get('n0'), warned: [...(classes.get('ownVerify') ?? []), ...(classes.get('fallback') ?? [])].sort(), importersOfCanonical };
}

/** The map's part of the story: the three duplicates stand out before, and after they all go through the canonical module. */
function mapChecks(run) {
  const before = readMap(run.mapBefore);
  const after = readMap(run.mapAfter);
  const duplicates = [...DUPLICATES].sort();
  return [
    {
      name: 'the SSOT map before marks the three duplicate validators',
      ok: JSON.stringify(before.warned) === JSON.stringify(duplicates),
      evidence: `marked: ${before.warned.join(', ') || 'none'}`,
    },
    {
      name: 'the SSOT map after is one canonical chain: nothing validates on its own',
      ok: after.warned.length === 0 && duplicates.every((file) => after.importersOfCanonical.has(file)),
      evidence: `marked: ${after.warned.join(', ') || 'none'}; importing ${after.canonical}: ${[...after.importersOfCanonical].join(', ')}`,
    },
  ];
}

/** Transpiles the copy as it is now and runs the golden-path scenario against it, in this process. */
async function scenario(workspace, label) {
  const build = transpileCopy(workspace, label);
  const { runGoldenPathScenario } = await import(pathToFileURL(build.scenario).href);
  const result = await runGoldenPathScenario(build.src);
  for (const step of result.steps) say(`    ${step.ok ? 'PASS' : 'FAIL'} ${step.name} — ${step.detail}`);
  return result;
}

async function main() {
  if (!fs.existsSync(BIN)) {
    console.error(`The CLI is not built (${path.relative(REPO, BIN)} is missing); run \`npm run demo\`, which builds first.`);
    return 1;
  }
  const workspace = createWorkspace();
  const { copy } = workspace;
  const run = {};
  try {
    say('jwt-ssot demo: a chat backend whose users log in and never get an AI reply, fixed with jwt-ssot');
    say(`A fresh copy of ${path.relative(REPO, EXAMPLE)} in ${copy}`);
    say('(the plugin and the dependencies are linked from this repository: nothing is downloaded).');
    say(`Canonical validator (the SSOT): src/auth_service/jwt-handler.ts. Duplicates: ${DUPLICATES.map((file) => path.basename(file)).join(', ')}.`);

    heading('1/5', 'Audit the unmigrated copy');
    ({ report: run.auditBefore, map: run.mapBefore } = await audit(copy));

    heading('2/5', 'The golden path against the unmigrated copy (real HTTP + WebSocket on 127.0.0.1)');
    run.scenarioBefore = await scenario(workspace, 'before');
    const before = scenarioFacts(run.scenarioBefore);
    say(`  → ${before.passing}/${before.total} steps pass. A freshly logged-in user's socket closed with 1011: ${before.freshLogin1011 ? 'yes' : 'no'}; an expired token accepted: ${before.expiredAccepted ? 'yes' : 'no'}.`);

    heading('3/5', 'Migrate onto the canonical validator, then apply the person\'s change');
    const original = snapshot(copy);
    say('$ jwt-ssot migrate --write --force --format json   (--force: the temporary copy is not a git work tree)');
    const migrated = await runBin(['migrate', '--write', '--force', '--format', 'json'], copy);
    if (!migrated.stdout.trim().startsWith('{')) throw new Error(`jwt-ssot migrate failed (exit ${migrated.code}): ${migrated.stderr.trim()}`);
    run.migrate = { exitCode: migrated.code, report: JSON.parse(migrated.stdout) };
    printMigration(run.migrate.report, original, snapshot(copy));

    say();
    say('  The golden path with the migration alone:');
    run.scenarioMigrated = await scenario(workspace, 'migrated');
    const middle = scenarioFacts(run.scenarioMigrated);
    say(`  → ${middle.passing}/${middle.total} steps pass; 1011: ${middle.closed1011 ? 'yes' : 'no'}; expired token accepted: ${middle.expiredAccepted ? 'yes' : 'no'}.`);

    const patchDir = path.join(copy, 'patches');
    const patchNames = fs.existsSync(patchDir) ? fs.readdirSync(patchDir).filter((name) => name.endsWith('.patch')).sort() : [];
    say();
    const flagged = run.migrate.report.followUps.length
      ? `migrate left it as the follow-up above, for a person to decide`
      : `migrate cannot decide that, and leaves it alone`;
    say("  Now applying A PERSON'S COMMITTED CHANGE, not a codemod's. The handshake still falls back to decoding the");
    say('  token when verification fails ("rather than lock a user out"), which is why the expired token still gets');
    say(`  in. Whether a fallback stays is a product decision: ${flagged}.`);
    say('  The person decided to remove it; their change is committed in the example as:');
    run.patches = [];
    for (const name of patchNames) {
      try {
        const tool = await applyPatchFile(path.join(patchDir, name), copy);
        run.patches.push({ name, applied: true, tool });
        say(`    $ ${tool === 'git apply' ? 'git apply' : 'apply'} patches/${name}   ✓`);
      } catch (error) {
        run.patches.push({ name, applied: false, error: error.message });
        say(`    patches/${name}: ${error.message}`);
      }
    }

    heading('4/5', 'Audit the migrated copy');
    ({ report: run.auditAfter, map: run.mapAfter } = await audit(copy));
    run.filesAfter = snapshot(copy);

    heading('5/5', 'The golden path against the migrated copy');
    run.scenarioAfter = await scenario(workspace, 'after');
    const after = scenarioFacts(run.scenarioAfter);
    say(`  → ${after.passing}/${after.total} steps pass.`);
  } finally {
    if (options.keep) say(`\n(kept ${workspace.tmp})`);
    else workspace.remove();
  }

  const checks = [...storyChecks(run), ...mapChecks(run)];
  const ok = checks.every((check) => check.ok);
  const elapsedMs = performance.now() - started;
  const rows = summaryRows(run);
  if (options.json) {
    const { filesAfter: _files, ...data } = run;
    const columns = ['before', 'migrate only', 'migrate + patch'];
    const kept = options.keep ? { tmp: workspace.tmp, copy: workspace.copy } : undefined;
    console.log(JSON.stringify({ ok, elapsedMs: Math.round(elapsedMs), kept, checks, summary: rows.map(([what, ...cells]) => ({ what, ...Object.fromEntries(cells.map((cell, i) => [columns[i], cell])) })), ...data }, null, 2));
    return ok ? 0 : 1;
  }
  say();
  say('━━ Before / after ' + '━'.repeat(82));
  say(table(['', 'before', 'migrate only', 'migrate + person\'s patch'], rows));
  say();
  for (const check of checks) say(`${check.ok ? '✓' : '✗'} ${check.name}${check.ok ? '' : `: ${check.evidence}`}`);
  say();
  say(`${ok ? 'The story holds' : 'The story does NOT hold'} (demo took ${seconds(elapsedMs)}, after the build).`);
  return ok ? 0 : 1;
}

/** The migrate report for a reader: per-file edits, follow-ups, the type check, and one file's diff. */
function printMigration(report, original, now) {
  const summary = report.summary ?? {};
  say(`    ${summary.changed ?? '?'} changed, ${summary.unchanged ?? '?'} unchanged, ${summary.skipped ?? '?'} skipped, ${summary.errors ?? report.errors.length} errors, ${report.followUps.length} follow-up(s)`);
  for (const file of report.files.filter((entry) => entry.status === 'changed')) {
    say(`    ${file.file}`);
    for (const edit of file.edits) say(`      line ${String(edit.line).padEnd(4)}${edit.kind.padEnd(14)}${edit.description}`);
  }
  for (const error of report.errors) say(`    error: ${error.file}: ${error.message}`);
  if (report.followUps.length) {
    say('    Follow-ups (marked // TODO(jwt-ssot): in the code, for a person to decide):');
    for (const followUp of report.followUps) say(`      ${followUp.file}:${followUp.line}  ${followUp.reason}`);
  } else {
    say('    Follow-ups: none');
  }
  if (report.typecheck) {
    const { before, after, introduced } = report.typecheck;
    say(`    Type check (${report.typecheck.tsconfig}): ${introduced.length} diagnostic(s) introduced by the migration (${before} before, ${after} after)`);
  }
  // The 1011 came from this file's own jose check; its diff shows the whole idea in a few lines.
  const shown = 'src/websocket_core/unified-websocket-auth.ts';
  if (original.get(shown) !== now.get(shown)) {
    say();
    say(`  The diff for ${shown} (the 1011):`);
    const patch = createTwoFilesPatch(`a/${shown}`, `b/${shown}`, original.get(shown), now.get(shown), '', '', { context: 1 });
    const lines = patch.split('\n').filter((line) => !line.startsWith('====')).map((line) => line.trimEnd());
    say(indent(lines.join('\n'), '    '));
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`\njwt-ssot demo failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
}
