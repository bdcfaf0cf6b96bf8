#!/usr/bin/env node
/**
 * Fault injection for `jwt-ssot migrate --write`: on a generated project of a few hundred files, kill the
 * migration (SIGKILL or SIGINT) at a random moment while an "editor" saves some files, then check that
 * nothing was lost:
 *   - every file holds its original text, its fully migrated text, or (for a file the editor saved) the
 *     editor's text or the migration of it; never half of one and half of another, never the migration
 *     of the original written over the editor's save;
 *   - after SIGINT no temporary file is left; after SIGKILL the next run removes the ones left and
 *     finishes the migration.
 *
 *   node scripts/fault-inject.mjs [--files 300] [--rounds 10] [--seed 1] [--bin dist/packages/cli/bin.js]
 *
 * Timing only decides which of the allowed outcomes a round ends in, never whether it passes. `npm test`
 * runs a small version (test/reliability/fault-inject.test.ts); the figures in docs/security.md come
 * from the full one.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMP_NAME = /\.jwt-ssot-\d+-[0-9a-f]{8}\.tmp$/;
const EDIT = '\n// saved in the editor during the migration\n';

const CONFIG = `export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt.js', exports: { verify: 'validateToken' } } } } }];\n`;
const CANONICAL = `import jwt from 'jsonwebtoken';\n\nexport function validateToken(token) {\n  return jwt.verify(token, process.env.JWT_SECRET);\n}\n`;

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function siteFile(index) {
  // Enough text per file that a write takes measurable time, so kills land mid-write now and then.
  const padding = Array.from({ length: 40 }, (_, line) => `// route ${index}, note ${line}: nothing to migrate on this line.`).join('\n');
  return `import jwt from 'jsonwebtoken';\n\n${padding}\n\nexport function route${index}(token) {\n  return jwt.verify(token, process.env.JWT_SECRET);\n}\n`;
}

const indexOf = (name) => Number(/r(\d+)\.js$/.exec(name)[1]);

function makeProject(files) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-faults-')));
  fs.mkdirSync(path.join(dir, 'src/auth'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), CONFIG);
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  fs.writeFileSync(path.join(dir, 'src/auth/jwt.js'), CANONICAL);
  const names = [];
  for (let index = 0; index < files; index++) {
    const name = `src/routes/r${String(index).padStart(4, '0')}.js`;
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), siteFile(index));
    names.push(name);
  }
  return { dir, names };
}

function migrateArgs(bin) {
  return [bin, 'migrate', '--write', '--force', '--format', 'json'];
}

/** The migrated text of every file, from one undisturbed run. */
function reference(bin, files) {
  const { dir, names } = makeProject(files);
  try {
    const run = spawnSync(process.execPath, migrateArgs(bin), { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`the reference migration failed (exit ${run.status}): ${run.stderr.slice(0, 400)}`);
    const migrated = new Map(names.map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
    for (const name of names) if (migrated.get(name) === siteFile(indexOf(name))) throw new Error(`the reference migration left ${name} unchanged`);
    return migrated;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function tempFiles(dir) {
  const found = [];
  const visit = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (TEMP_NAME.test(entry.name)) found.push(path.relative(dir, full));
    }
  };
  visit(dir);
  return found;
}

function waitForExit(child) {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

/** One round: start the migration, let the editor save some files, kill it; returns the problems found. */
async function round({ bin, files, migrated, rng, signal, aimAtWrites }) {
  const { dir, names } = makeProject(files);
  const problems = [];
  try {
    const edited = new Set();
    const child = spawn(process.execPath, migrateArgs(bin), { cwd: dir, stdio: 'ignore' });
    const exited = waitForExit(child);
    // The editor saves a few files at random moments while the migration runs.
    const editorSaves = names
      .filter(() => rng() < 0.05)
      .map(
        (name) =>
          new Promise((resolve) =>
            setTimeout(() => {
              const file = path.join(dir, name);
              fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8').replace(/\n$/, '')}${EDIT}`);
              edited.add(name);
              resolve();
            }, Math.floor(rng() * 4000)),
          ),
      );
    // Half the rounds kill at a random moment; the others while files are being written (the moment the
    // first temporary file or rewritten file appears, plus a little), which a random moment rarely hits.
    const started = Date.now();
    let killAfter = -1;
    const kill = () => {
      if (killAfter !== -1) return;
      killAfter = Date.now() - started;
      child.kill(signal);
    };
    const duringWrites = aimAtWrites ?? rng() < 0.5;
    const extra = Math.floor(rng() * 40);
    const timer = duringWrites
      ? setInterval(() => {
          const routes = path.join(dir, 'src/routes');
          const names = fs.readdirSync(routes);
          const writing = names.some((name) => TEMP_NAME.test(name)) || fs.readFileSync(path.join(routes, names.find((name) => name.endsWith('.js'))), 'utf8').includes('validateToken');
          if (writing) {
            clearInterval(timer);
            setTimeout(kill, extra);
          }
        }, 2)
      : setTimeout(kill, Math.floor(rng() * 6000));
    const outcome = await exited;
    clearInterval(timer);
    clearTimeout(timer);
    await Promise.all(editorSaves);
    const written = names.filter((name) => !edited.has(name) && fs.readFileSync(path.join(dir, name), 'utf8') === migrated.get(name)).length;

    for (const name of names) {
      const original = siteFile(indexOf(name));
      const done = migrated.get(name);
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      // An editor save appends to whatever the file held: the original, or the migration written before it.
      const allowed = edited.has(name)
        ? [`${original.replace(/\n$/, '')}${EDIT}`, `${done.replace(/\n$/, '')}${EDIT}`]
        : [original, done];
      if (!allowed.includes(text)) problems.push(`${name}: neither its original, its migration nor the editor's save (round killed by ${signal} after ${killAfter} ms)`);
    }
    const leftover = tempFiles(dir);
    if (signal === 'SIGINT' && outcome.signal === 'SIGINT' && leftover.length > 0) problems.push(`SIGINT left temporary files: ${leftover.join(', ')}`);
    // The next run cleans up after a kill and completes the migration of every file not saved meanwhile.
    const rerun = spawnSync(process.execPath, migrateArgs(bin), { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (rerun.status !== 0 && rerun.status !== 1) problems.push(`the run after the kill exited ${rerun.status}: ${rerun.stderr.slice(0, 300)}`);
    const after = tempFiles(dir);
    if (after.length > 0) problems.push(`temporary files left after the next run: ${after.join(', ')}`);
    for (const name of names) {
      if (edited.has(name)) continue;
      if (fs.readFileSync(path.join(dir, name), 'utf8') !== migrated.get(name)) problems.push(`${name}: not migrated by the run after the kill`);
    }
    return { problems, outcome, killAfter, edited: edited.size, written, duringWrites };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `aim(index)`: true to kill round `index` during the writes, false at a random moment, undefined to let the seed decide. */
export async function runFaultInjection({ files = 300, rounds = 10, seed = 1, bin = path.join(REPO, 'dist/packages/cli/bin.js'), aim = () => undefined, log = () => {} } = {}) {
  const migrated = reference(bin, files);
  const rng = random(seed);
  const results = [];
  for (let index = 0; index < rounds; index++) {
    const signal = index % 3 === 2 ? 'SIGINT' : 'SIGKILL';
    const result = await round({ bin, files, migrated, rng, signal, aimAtWrites: aim(index) });
    const when = result.killAfter === -1 ? 'not killed: it finished first' : `${signal} after ${result.killAfter} ms${result.duringWrites ? ' (aimed at the writes)' : ''}`;
    log(`round ${index + 1}/${rounds}: ${when}, exit ${result.outcome.signal ?? result.outcome.code}; ${result.written}/${files} files migrated when it stopped, ${result.edited} saved by the editor; ${result.problems.length} problems`);
    results.push({ signal, ...result });
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at === -1 ? fallback : process.argv[at + 1];
  };
  const results = await runFaultInjection({
    files: Number(option('files', 300)),
    rounds: Number(option('rounds', 10)),
    seed: Number(option('seed', 1)),
    bin: path.resolve(option('bin', path.join(REPO, 'dist/packages/cli/bin.js'))),
    log: (line) => console.log(line),
  });
  const problems = results.flatMap((result) => result.problems);
  for (const problem of problems) console.log(`  ✖ ${problem}`);
  console.log(problems.length === 0 ? `✓ ${results.length} rounds, nothing lost` : `✖ ${problems.length} problems`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
