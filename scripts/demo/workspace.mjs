// The demo's scratch space: a fresh copy of packages/golden-path-example in a temporary folder, wired so
// that the plugin (eslint.config.mjs imports it by name) and the example's dependencies resolve offline.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE = path.join(REPO, 'packages', 'golden-path-example');
export const BIN = path.join(REPO, 'dist', 'packages', 'cli', 'bin.js');

const require = createRequire(import.meta.url);

/**
 * Layout (so nothing the demo adds is inside the audited project):
 *   <tmp>/node_modules              → the repository's node_modules (jsonwebtoken, jose, ws, @types/*)
 *   <tmp>/golden-path-example/      the copy that is audited and migrated
 *   <tmp>/golden-path-example/node_modules/eslint-plugin-jwt-ssot → the repository root
 *   <tmp>/build-<label>/            the copy's src/ and test/ transpiled to ESM, to run the scenario
 */
export function createWorkspace() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-demo-'));
  const copy = path.join(tmp, 'golden-path-example');
  // node_modules of the example itself is a workspace link in the repository; never copy it.
  fs.cpSync(EXAMPLE, copy, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(tmp, 'node_modules'), 'junction');
  fs.mkdirSync(path.join(copy, 'node_modules'));
  fs.symlinkSync(REPO, path.join(copy, 'node_modules', 'eslint-plugin-jwt-ssot'), 'junction');
  return { tmp, copy, remove: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

/** Reads every file under `dir` (relative path → text), skipping node_modules. */
export function snapshot(dir) {
  const files = new Map();
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/**
 * Transpiles the copy's src/ and test/ (TypeScript, NodeNext ESM) to JavaScript in `<tmp>/build-<label>`,
 * one file at a time (the example is `isolatedModules`): no type check, a fraction of a second.
 * Returns the compiled src folder and the compiled scenario module.
 */
export function transpileCopy(workspace, label) {
  const ts = require('typescript');
  const out = path.join(workspace.tmp, `build-${label}`);
  fs.rmSync(out, { recursive: true, force: true });
  for (const [file, text] of snapshot(workspace.copy)) {
    if (!/^(src|test)\/.*\.ts$/.test(file) || file.endsWith('.d.ts')) continue;
    const { outputText } = ts.transpileModule(text, {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        esModuleInterop: true,
        verbatimModuleSyntax: true,
      },
    });
    const target = path.join(out, file.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
  }
  fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  return { src: path.join(out, 'src'), scenario: path.join(out, 'test', 'scenario.js') };
}

/** Runs the built `jwt-ssot` bin in `cwd`; resolves to { code, stdout, stderr } (never rejects on exit codes). */
export function runBin(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Applies a unified-diff patch in `cwd`: `git apply` (what a person would run), or, where git is missing,
 * the same hunks with the `diff` package. Returns the tool used.
 */
export async function applyPatchFile(patchFile, cwd) {
  try {
    execFileSync('git', ['apply', '--whitespace=nowarn', patchFile], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    return 'git apply';
  } catch (error) {
    if (error?.code !== 'ENOENT') {
      throw new Error(`git apply ${path.basename(patchFile)} failed: ${String(error.stderr ?? error.message).trim()}`);
    }
  }
  const { applyPatch, parsePatch } = await import('diff');
  for (const filePatch of parsePatch(fs.readFileSync(patchFile, 'utf8'))) {
    const target = path.join(cwd, filePatch.newFileName.replace(/^b\//, ''));
    const patched = applyPatch(fs.readFileSync(target, 'utf8'), filePatch);
    if (patched === false) throw new Error(`${path.basename(patchFile)} does not apply to ${path.relative(cwd, target)}.`);
    fs.writeFileSync(target, patched);
  }
  return 'the diff package (git not found)';
}
