/**
 * `jwt-ssot init`: set a project up in one step. It proposes the canonical module (the file that already
 * holds the most verification, or the one named with --canonical) and the function in it that already
 * verifies (its real exported name, ES or CommonJS), prints a ready settings block with `root`, and
 * writes eslint.config.js when the project has no ESLint config yet. It never overwrites a config, and
 * warns about legacy `.eslintrc*` / `.eslintignore` files that flat config no longer reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeFile, createResolver, mightContainSites, parseFile, readSettings, type SpecifierResolver } from '../../engine/index.js';
import { toPosix } from '../../engine/paths.js';
import { isTestFile } from '../audit/impact.js';
import { jwtExports, moduleExportNames } from '../canonical-exports.js';
import type { CommandIo } from '../io.js';
import { defineCommand, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { listSourceFiles } from '../files.js';

const HELP = `Usage: jwt-ssot init [options]

Proposes the canonical JWT module and the function in it that already verifies (its exported name),
prints the settings block for it (with root), and writes eslint.config.js when the project has none (an
existing ESLint config is never overwritten). Warns when a legacy .eslintrc* or .eslintignore will stop
applying under flat config.

Options:
      --canonical <file>  Use this file as the canonical module instead of the proposed one
      --print             Only print the proposal; write nothing
  -h, --help              Show this help
`;

const CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const LEGACY_CONFIG_NAMES = ['.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yaml', '.eslintrc.yml', '.eslintrc.json'];
const VALIDATOR_NAME = /verif|validat|authenticat/i;
/** Stands for `root` in the JSON a settings block is rendered from; replaced by the config's own folder expression. */
const ROOT_PLACEHOLDER = '\u0000root\u0000';

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
        const exportsValidator = proposeExports(file, resolver).verify !== undefined;
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

interface ProposedExports {
  readonly verify?: string;
  readonly decode?: string;
  /** Why a name is what it is, when it is not simply the one function that verifies. */
  readonly notes: readonly string[];
}

/**
 * The names to propose for `exports.verify` / `exports.decode`: the exported function that already
 * verifies (a JWT library's verify call in its body or in a local helper it calls) and the one that only
 * decodes. Only when no exported function verifies does a name that looks like a validator stand in
 * (it may verify through an imported helper), with a note saying so; a decode name is never guessed.
 */
function proposeExports(file: string, resolver: SpecifierResolver, label = toPosix(file)): ProposedExports {
  const found = jwtExports(file, resolver);
  const notes: string[] = [];
  const named = found.filter((entry) => entry.name !== 'default');
  const verifiers = named.filter((entry) => entry.kind === 'verify');
  let verify: string | undefined = verifiers[0]?.name;
  const decode: string | undefined = named.find((entry) => entry.kind === 'decode')?.name;
  if (verifiers.length > 1) {
    notes.push(`${verifiers.slice(1).map((entry) => entry.name).join(', ')} verif${verifiers.length > 2 ? 'y' : 'ies'} too; exports.verify names ${verify}, the first.`);
  }
  if (found.some((entry) => entry.name === 'default' && entry.kind === 'verify')) {
    notes.push(`the default export verifies; give it a name (\`export { fn as validateToken }\`) to use it as exports.verify.`);
  }
  const names = [...moduleExportNames(file, resolver)].filter((name) => name !== 'default');
  if (verify === undefined) {
    verify = names.find((name) => VALIDATOR_NAME.test(name));
    if (verify !== undefined) notes.push(`no exported function of ${label} calls a JWT library's verify; ${verify} is proposed for its name, check that it verifies.`);
  }
  return { verify, decode, notes };
}

function settingsBlock(canonical: { module: string; verify: string; decode?: string }, hasTests: boolean): Record<string, unknown> {
  return {
    root: ROOT_PLACEHOLDER,
    canonical: {
      module: canonical.module,
      exports: canonical.decode ? { verify: canonical.verify, decode: canonical.decode } : { verify: canonical.verify },
    },
    ...(hasTests ? { allow: ['test/**', '**/*.test.*', '**/*.spec.*'] } : {}),
  };
}

/**
 * `root` is the config file's own folder, written as an expression: ESLint resolves a relative root from
 * its cwd while the CLI resolves it from the config's folder (settings.ts), so only an absolute root means
 * the same to both wherever they run from.
 */
function rootExpression(esm: boolean): string {
  return esm ? 'import.meta.dirname' : '__dirname';
}

/** The settings JSON as JavaScript, with `root` set to the config's folder. */
function renderSettings(block: Record<string, unknown>, esm: boolean): string {
  return JSON.stringify({ 'jwt-ssot': block }, null, 2).replace(JSON.stringify(ROOT_PLACEHOLDER), rootExpression(esm));
}

function configText(block: Record<string, unknown>, esm: boolean): string {
  const settings = renderSettings(block, esm)
    .replace(/"([A-Za-z_$][\w$]*)":/g, '$1:')
    .split('\n')
    .map((line, index) => (index === 0 ? line : `    ${line}`))
    .join('\n');
  const header = '// Written by `jwt-ssot init`: one canonical module for JWT validation (eslint-plugin-jwt-ssot).\n';
  return esm
    ? `${header}import jwtSsot from 'eslint-plugin-jwt-ssot';\n\nexport default [\n  jwtSsot.configs.recommended,\n  {\n    settings: ${settings},\n  },\n];\n`
    : `${header}const jwtSsot = require('eslint-plugin-jwt-ssot');\n\nmodule.exports = [\n  jwtSsot.configs.recommended,\n  {\n    settings: ${settings},\n  },\n];\n`;
}

/** The project's package.json, or undefined when there is none or it is not valid JSON. */
function packageJson(root: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function dependsOnPlugin(root: string): boolean {
  const json = packageJson(root) as Record<string, Record<string, string> | undefined> | undefined;
  return ['dependencies', 'devDependencies'].some((key) => json?.[key]?.['eslint-plugin-jwt-ssot'] !== undefined);
}

function isEsmPackage(root: string): boolean {
  return packageJson(root)?.type === 'module';
}

/** Whether a config file of that name is an ES module (its extension, else the package's type). */
function isEsmConfig(name: string, root: string): boolean {
  if (/\.m[jt]s$/.test(name)) return true;
  if (/\.c[jt]s$/.test(name)) return false;
  return isEsmPackage(root);
}

/** One line per legacy ESLint file that flat config no longer reads, saying what to do with it. */
function legacyWarnings(root: string): string[] {
  const warnings = LEGACY_CONFIG_NAMES.filter((name) => fs.existsSync(path.join(root, name))).map(
    (name) => `${name} is not read under flat config; move its rules and settings into the flat config, then delete it.`,
  );
  if (packageJson(root)?.eslintConfig !== undefined) {
    warnings.push('package.json has an eslintConfig key, which is not read under flat config; move its rules and settings into the flat config, then delete the key.');
  }
  if (fs.existsSync(path.join(root, '.eslintignore'))) {
    warnings.push('.eslintignore is not read under flat config; move its patterns into the flat config\'s ignores ({ ignores: [...] }), then delete it.');
  }
  return warnings;
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
  const proposed = proposeExports(canonicalFile, resolver, module);
  const notes = [...proposed.notes];
  if (!proposed.verify) notes.push(`${module} exports no function that looks like a validator; rename 'validateToken' below to the one you export.`);
  const hasTests = ['test', 'tests', '__tests__'].some((dir) => fs.existsSync(path.join(root, dir)));
  const block = settingsBlock({ module, verify: proposed.verify ?? 'validateToken', decode: proposed.decode }, hasTests);
  const existing = CONFIG_NAMES.find((name) => fs.existsSync(path.join(root, name)));
  const esm = isEsmConfig(existing ?? 'eslint.config.js', root);

  io.stdout.write(`Canonical module: ${module} (${reason})\n\nSettings block for your ESLint config:\n\n`);
  io.stdout.write(`settings: ${renderSettings(block, esm)}\n\n`);
  for (const note of notes) io.stdout.write(`Note: ${note}\n`);
  for (const warning of legacyWarnings(root)) io.stderr.write(`jwt-ssot init: warning: ${warning}\n`);

  if (!dependsOnPlugin(root)) io.stdout.write('Install the plugin first: npm install --save-dev eslint eslint-plugin-jwt-ssot\n');
  if (existing) {
    io.stdout.write(`${existing} already exists and was left unchanged; add the block above and jwtSsot.configs.recommended to it.\n`);
    return EXIT_OK;
  }
  if (values.print) return EXIT_OK;
  const target = path.join(root, 'eslint.config.js');
  try {
    // 'wx': create only; if something appeared meanwhile, it is not ours to replace.
    fs.writeFileSync(target, configText(block, esm), { flag: 'wx' });
  } catch (error) {
    io.stderr.write(`jwt-ssot init: cannot write eslint.config.js (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return EXIT_FAILED;
  }
  io.stdout.write('Wrote eslint.config.js. Next: `npx jwt-ssot audit` (CI gate) or `npx eslint .`.\n');
  return EXIT_OK;
}
