/**
 * `jwt-ssot init`: set a project up in one step. It proposes the canonical module (the file that already
 * holds the most verification, or the one named with --canonical), prints a ready settings block, and
 * writes eslint.config.js when the project has no ESLint config yet. It never overwrites a config.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeFile, createResolver, exportedNames, mightContainSites, parseFile, readSettings, type SpecifierResolver } from '../../engine/index.js';
import { toPosix } from '../../engine/paths.js';
import { isTestFile } from '../audit/impact.js';
import type { CommandIo } from '../io.js';
import { defineCommand, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { listSourceFiles } from '../files.js';

const HELP = `Usage: jwt-ssot init [options]

Proposes the canonical JWT module, prints the settings block for it, and writes eslint.config.js when
the project has none (an existing ESLint config is never overwritten).

Options:
      --canonical <file>  Use this file as the canonical module instead of the proposed one
      --print             Only print the proposal; write nothing
  -h, --help              Show this help
`;

const CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

export interface Candidate {
  readonly file: string;
  readonly verify: number;
  readonly decode: number;
  readonly exportsValidator: boolean;
  readonly authPath: boolean;
}

/**
 * Files ranked by how much JWT verification they already hold (tests left out). `resolver` follows the
 * `export *` chains of the candidates; one per run, so a second init in the same process reads afresh.
 */
async function rankCandidates(root: string, resolver: SpecifierResolver = createResolver()): Promise<Candidate[]> {
  const settings = readSettings(undefined, root);
  const { files } = await listSourceFiles([root], { cwd: root, root });
  const candidates: Candidate[] = [];
  for (const file of files) {
    const rel = path.relative(root, file);
    if (isTestFile(rel) || file.endsWith('.d.ts')) continue;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (text.includes('\u0000') || !mightContainSites(text, settings)) continue;
    try {
      const { ast, scopeManager } = parseFile(file, text);
      const analysis = analyzeFile({ ast, scopeManager, filename: file, text, settings });
      const verify = analysis.calls.filter((call) => call.kind === 'verify').length;
      const decode = analysis.calls.filter((call) => call.kind === 'decode').length;
      if (verify + decode > 0) {
        const exportsValidator = guessExports(file, resolver).verify !== undefined;
        candidates.push({ file, verify, decode, exportsValidator, authPath: /auth|jwt|token/i.test(rel) });
      }
    } catch {
      // A file that does not parse cannot be the canonical module; the audit reports it.
    }
  }
  // Ties go to a file that already exports a validator, then to one whose path says auth/jwt/token.
  return candidates.sort(
    (a, b) =>
      b.verify - a.verify ||
      Number(b.exportsValidator) - Number(a.exportsValidator) ||
      Number(b.authPath) - Number(a.authPath) ||
      b.decode - a.decode ||
      (a.file < b.file ? -1 : 1),
  );
}

/** The exported names that look like the verify and decode entry points (through `export *` and aliases). */
function guessExports(file: string, resolver: SpecifierResolver = createResolver()): { verify?: string; decode?: string } {
  const names = [...exportedNames(file, resolver)].filter((name) => name !== 'default');
  return {
    verify: names.find((name) => /verif|validat|authenticat/i.test(name)),
    decode: names.find((name) => /decode|peek|parse/i.test(name)),
  };
}


function settingsBlock(canonical: { module: string; verify: string; decode?: string }, hasTests: boolean): Record<string, unknown> {
  return {
    canonical: {
      module: canonical.module,
      exports: canonical.decode ? { verify: canonical.verify, decode: canonical.decode } : { verify: canonical.verify },
    },
    ...(hasTests ? { allow: ['test/**', '**/*.test.*', '**/*.spec.*'] } : {}),
  };
}

function configText(block: Record<string, unknown>, esm: boolean): string {
  const settings = JSON.stringify({ 'jwt-ssot': block }, null, 2)
    .replace(/"([A-Za-z_$][\w$]*)":/g, '$1:')
    .split('\n')
    .map((line, index) => (index === 0 ? line : `    ${line}`))
    .join('\n');
  const header = '// Written by `jwt-ssot init`: one canonical module for JWT validation (eslint-plugin-jwt-ssot).\n';
  return esm
    ? `${header}import jwtSsot from 'eslint-plugin-jwt-ssot';\n\nexport default [\n  jwtSsot.configs.recommended,\n  {\n    settings: ${settings},\n  },\n];\n`
    : `${header}const jwtSsot = require('eslint-plugin-jwt-ssot');\n\nmodule.exports = [\n  jwtSsot.configs.recommended,\n  {\n    settings: ${settings},\n  },\n];\n`;
}

function dependsOnPlugin(root: string): boolean {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    return ['dependencies', 'devDependencies'].some((key) => json[key]?.['eslint-plugin-jwt-ssot'] !== undefined);
  } catch {
    return false;
  }
}

function isEsmPackage(root: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { type?: string }).type === 'module';
  } catch {
    return false;
  }
}

export const initCommand = defineCommand({
  name: 'init',
  summary: 'Propose the canonical JWT module and write a starting eslint.config.js',
  help: HELP,
  positionals: false,
  options: { canonical: { type: 'string' }, print: { type: 'boolean' } },
  run: (values, _positionals, io) => init(values, io),
});

export const runInit = initCommand.run;
export default initCommand;

async function init(values: { canonical?: string; print?: boolean }, io: CommandIo): Promise<number> {
  const root = path.resolve(io.cwd);
  const resolver = createResolver();
  let canonicalFile: string;
  let reason: string;
  if (values.canonical !== undefined) {
    canonicalFile = path.resolve(root, values.canonical);
    if (!fs.existsSync(canonicalFile) || !fs.statSync(canonicalFile).isFile()) {
      throw new UsageError(`--canonical ${values.canonical}: file not found`);
    }
    reason = 'named with --canonical';
  } else {
    const ranked = await rankCandidates(root, resolver);
    const best = ranked[0];
    if (!best) {
      io.stderr.write(
        'jwt-ssot init: no file verifies JWTs yet, so there is no canonical module to propose.\n' +
          'Create one (e.g. src/auth/jwt-handler.ts exporting validateToken) and run `jwt-ssot init --canonical <file>`.\n',
      );
      return EXIT_FAILED;
    }
    canonicalFile = best.file;
    reason = `it holds the most JWT verification (${best.verify} verify, ${best.decode} decode site${best.decode === 1 ? '' : 's'})`;
    const others = ranked.slice(1, 4).map((candidate) => `${toPosix(path.relative(root, candidate.file))} (${candidate.verify} verify)`);
    if (others.length > 0) reason += `; next: ${others.join(', ')}`;
  }
  const module = toPosix(path.relative(root, canonicalFile));
  const guessed = guessExports(canonicalFile, resolver);
  const notes: string[] = [];
  if (!guessed.verify) notes.push(`${module} exports no function that looks like a validator; rename 'validateToken' below to the one you export.`);
  const hasTests = ['test', 'tests', '__tests__'].some((dir) => fs.existsSync(path.join(root, dir)));
  const block = settingsBlock({ module, verify: guessed.verify ?? 'validateToken', decode: guessed.decode }, hasTests);

  io.stdout.write(`Canonical module: ${module} (${reason})\n\nSettings block for your ESLint config:\n\n`);
  io.stdout.write(`settings: ${JSON.stringify({ 'jwt-ssot': block }, null, 2)}\n\n`);
  for (const note of notes) io.stdout.write(`Note: ${note}\n`);

  if (!dependsOnPlugin(root)) io.stdout.write('Install the plugin first: npm install --save-dev eslint eslint-plugin-jwt-ssot\n');
  const existing = CONFIG_NAMES.find((name) => fs.existsSync(path.join(root, name)));
  if (existing) {
    io.stdout.write(`${existing} already exists and was left unchanged; add the block above and jwtSsot.configs.recommended to it.\n`);
    return EXIT_OK;
  }
  if (values.print) return EXIT_OK;
  const target = path.join(root, 'eslint.config.js');
  try {
    // 'wx': create only; if something appeared meanwhile, it is not ours to replace.
    fs.writeFileSync(target, configText(block, isEsmPackage(root)), { flag: 'wx' });
  } catch (error) {
    io.stderr.write(`jwt-ssot init: cannot write eslint.config.js (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return EXIT_FAILED;
  }
  io.stdout.write('Wrote eslint.config.js. Next: `npx jwt-ssot audit` (CI gate) or `npx eslint .`.\n');
  return EXIT_OK;
}
