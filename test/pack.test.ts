/**
 * The packed plugin in a fresh consumer project: `npm pack` the repository, install the tarball with
 * eslint@10 and typescript from the registry into a temp project, and lint with `npx eslint` there. This is
 * what a user gets from `npm i -D eslint-plugin-jwt-ssot eslint`.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..');
const TIMEOUT = 240_000;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The environment without what `npm test` adds (npm_* variables, the repository's node_modules/.bin). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const keep = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig']);
  for (const [key, value] of Object.entries(process.env)) {
    if (key.toLowerCase().startsWith('npm_') && !keep.has(key.toLowerCase())) continue;
    env[key] = value;
  }
  const bins = path.join(ROOT, 'node_modules', '.bin');
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => !entry.includes(path.join('node_modules', '.bin')) && entry !== bins)
    .join(path.delimiter);
  return env;
}

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: TIMEOUT });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const CONSUMER_FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'jwt-ssot-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  'eslint.config.mjs': [
    "import jwtSsot from 'eslint-plugin-jwt-ssot';",
    '',
    'export default [',
    '  jwtSsot.configs.recommended,',
    '  {',
    '    settings: {',
    "      'jwt-ssot': {",
    '        root: import.meta.dirname,',
    "        canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } },",
    "        allow: ['test/**'],",
    '      },',
    '    },',
    '  },',
    '];',
    '',
  ].join('\n'),
  'src/auth/jwt-handler.ts': [
    "import jwt from 'jsonwebtoken';",
    '',
    'export function validateToken(token: string): jwt.JwtPayload {',
    "  const claims = jwt.verify(token, process.env.JWT_SECRET ?? '', { algorithms: ['HS256'] });",
    "  if (typeof claims === 'string') throw new Error('Unexpected payload.');",
    '  return claims;',
    '}',
    '',
  ].join('\n'),
  'src/routes/orders.ts': [
    "import jwt from 'jsonwebtoken';",
    '',
    'export function orderOwner(token: string): unknown {',
    "  return jwt.verify(token, 'orders-key', { algorithms: ['HS256'] });",
    '}',
    '',
  ].join('\n'),
  'src/routes/health.js': ["import { validateToken } from '../auth/jwt-handler.js';", '', 'export const health = (token) => Boolean(validateToken(token));', ''].join('\n'),
};

interface EslintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; message: string; fatal?: boolean }>;
}

describe('the packed plugin in a fresh project', () => {
  let work: string;
  let tarball: string;
  let packedFiles: string[];
  let consumer: string;

  beforeAll(() => {
    // `npm test` builds first; a direct vitest run may not have.
    if (!fs.existsSync(path.join(ROOT, 'dist', 'packages', 'plugin', 'main.js'))) ok(run(NPM, ['run', 'build'], ROOT), 'npm run build');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-pack-'));
    // --ignore-scripts: dist is already built; `prepack` would only build it again.
    const packed = JSON.parse(ok(run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT), 'npm pack')) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = path.join(work, packed[0]!.filename);
    packedFiles = packed[0]!.files.map((file) => file.path);

    consumer = path.join(work, 'consumer');
    for (const [file, text] of Object.entries(CONSUMER_FILES)) {
      fs.mkdirSync(path.dirname(path.join(consumer, file)), { recursive: true });
      fs.writeFileSync(path.join(consumer, file), text);
    }
    // typescript is a peer dependency: the project brings its own (6.0 here, 5.9 below).
    ok(
      run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', tarball, 'eslint@10', 'typescript@~6.0', 'jsonwebtoken'], consumer),
      'npm install in the consumer project',
    );
  }, TIMEOUT);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('ships the build, the docs and the README, but no tests or sources', () => {
    expect(fs.existsSync(tarball)).toBe(true);
    for (const file of ['package.json', 'README.md', 'dist/packages/plugin/main.js', 'dist/packages/plugin/main.d.ts', 'dist/packages/cli/bin.js', 'dist/packages/engine/index.js']) {
      expect(packedFiles).toContain(file);
    }
    for (const id of fs.readdirSync(path.join(ROOT, 'docs', 'rules'))) expect(packedFiles).toContain(`docs/rules/${id}`);
    const unwanted = packedFiles.filter(
      (file) =>
        file.startsWith('test/') ||
        file.startsWith('dist/test/') ||
        /\.test\.[cm]?[jt]s$/.test(file) ||
        file.endsWith('.tsbuildinfo') ||
        /^(packages|rules|codemods|scripts)\//.test(file) ||
        (/\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file)),
    );
    expect(unwanted).toEqual([]);
  });

  it(
    'lints with `npx eslint` and the recommended preset',
    () => {
      const result = run(NPX, ['--no-install', 'eslint', '--format', 'json', 'src'], consumer);
      expect(result.status, result.stderr).toBe(1); // errors found, no crash (a crash exits 2)
      const results = JSON.parse(result.stdout) as EslintResult[];
      const byFile = Object.fromEntries(
        results.map((entry) => [path.relative(consumer, entry.filePath).split(path.sep).join('/'), entry.messages.map((m) => [m.ruleId, m.line, m.column])]),
      );
      expect(byFile).toEqual({
        'src/auth/jwt-handler.ts': [],
        'src/routes/health.js': [],
        'src/routes/orders.ts': [
          ['jwt-ssot/no-auth-import-bypass', 1, 1],
          ['jwt-ssot/no-direct-verify', 4, 10],
        ],
      });
      const verify = results.flatMap((entry) => entry.messages).find((message) => message.ruleId === 'jwt-ssot/no-direct-verify')!;
      expect(verify.message).toBe(
        'Direct JWT verification with jsonwebtoken `verify` outside the canonical module; use validateToken from src/auth/jwt-handler.ts.',
      );
    },
    TIMEOUT,
  );

  it(
    'gives the plugin object to require() and to import',
    () => {
      const script = [
        "const plugin = require('eslint-plugin-jwt-ssot');",
        "import('eslint-plugin-jwt-ssot').then(({ default: imported }) => {",
        "  console.log(JSON.stringify([plugin === imported, plugin.configs.recommended.name, plugin.configs.strict.name, Object.keys(plugin.rules).length, typeof require('eslint-plugin-jwt-ssot/engine').findingsFor]));",
        '});',
      ].join('\n');
      const output = ok(run(process.execPath, ['-e', script], consumer), 'node -e');
      expect(JSON.parse(output)).toEqual([true, 'jwt-ssot/recommended', 'jwt-ssot/strict', 5, 'function']);
    },
    TIMEOUT,
  );

  it(
    'runs `npx jwt-ssot --help` from the installed package',
    () => {
      const output = ok(run(NPX, ['--no-install', 'jwt-ssot', '--help'], consumer), 'npx jwt-ssot --help');
      expect(output).toMatch(/Usage: jwt-ssot <command>/);
      expect(fs.realpathSync(path.join(consumer, 'node_modules', '.bin', 'jwt-ssot'))).toBe(
        fs.realpathSync(path.join(consumer, 'node_modules', 'eslint-plugin-jwt-ssot', 'dist', 'packages', 'cli', 'bin.js')),
      );
    },
    TIMEOUT,
  );
});

/** Bytes of the regular files under a folder (symlinks not followed), as `du --apparent-size` counts them. */
function folderSize(folder: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.lstatSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Every installed package named `typescript` (ts-morph bundles its compiler as one file, not a package). */
function typescriptPackages(nodeModules: string): string[] {
  return fs
    .readdirSync(nodeModules, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((entry) => entry.split(path.sep).slice(-2).join('/') === 'typescript/package.json')
    .filter((entry) => (JSON.parse(fs.readFileSync(path.join(nodeModules, entry), 'utf8')) as { name?: string }).name === 'typescript');
}

describe('installing the packed plugin next to the user\'s TypeScript', () => {
  let work: string;
  let consumer: string;
  let sizeBefore = 0;
  let sizeAfter = 0;
  let installOutput = '';

  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'packages', 'plugin', 'main.js'))) ok(run(NPM, ['run', 'build'], ROOT), 'npm run build');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-peer-'));
    const packed = JSON.parse(ok(run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT), 'npm pack')) as Array<{ filename: string }>;
    consumer = path.join(work, 'consumer');
    for (const [file, text] of Object.entries(CONSUMER_FILES)) {
      fs.mkdirSync(path.dirname(path.join(consumer, file)), { recursive: true });
      fs.writeFileSync(path.join(consumer, file), text);
    }
    // A project on TypeScript 5.9 with ESLint 10: what it has, then the plugin.
    ok(run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', 'eslint@10', 'typescript@~5.9', 'jsonwebtoken'], consumer), 'npm install');
    sizeBefore = folderSize(path.join(consumer, 'node_modules'));
    const installed = ok(run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', path.join(work, packed[0]!.filename)], consumer), 'npm install of the plugin');
    installOutput = installed;
    sizeAfter = folderSize(path.join(consumer, 'node_modules'));
  }, TIMEOUT);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('installs no second TypeScript, adds at most 25 MB and runs no install script', () => {
    expect(typescriptPackages(path.join(consumer, 'node_modules'))).toEqual([path.join('typescript', 'package.json')]);
    const version = (JSON.parse(fs.readFileSync(path.join(consumer, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;
    expect(version).toMatch(/^5\.9\./);
    expect(sizeAfter - sizeBefore).toBeLessThan(25 * 1024 * 1024);
    expect(installOutput).not.toMatch(/prepare|install script/i);
  });

  it('lints and audits with the project\'s TypeScript 5.9, and never loads ts-morph for them', () => {
    const hook = path.join(consumer, 'report-loaded.cjs');
    fs.writeFileSync(hook, "process.on('exit', () => process.stderr.write('\\nts-morph loaded: ' + Object.keys(require.cache).some((file) => /[\\\\/]ts-morph[\\\\/]/.test(file)) + '\\n'));\n");
    const lint = run(process.execPath, ['--require', hook, path.join(consumer, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', 'src'], consumer);
    expect(lint.status, lint.stderr).toBe(1);
    expect(lint.stderr).toContain('ts-morph loaded: false');
    const audit = run(process.execPath, ['--require', hook, path.join(consumer, 'node_modules/eslint-plugin-jwt-ssot/dist/packages/cli/bin.js'), 'audit', '--format', 'json'], consumer);
    expect(audit.status, audit.stderr).toBe(1);
    expect((JSON.parse(audit.stdout) as { violations: unknown[] }).violations.length).toBeGreaterThan(0);
    expect(audit.stderr).toContain('ts-morph loaded: false');
  });

  it('refuses TypeScript 7 and ESLint 7 in one line at every entry point (exit 2), never with a stack trace', () => {
    const typescript = path.join(consumer, 'node_modules/typescript');
    const eslintManifest = path.join(consumer, 'node_modules/eslint/package.json');
    const savedTypescript = path.join(work, 'typescript-saved');
    const savedEslint = fs.readFileSync(eslintManifest, 'utf8');
    fs.renameSync(typescript, savedTypescript);
    try {
      // What TypeScript 7 looks like to a JavaScript caller: a package without the compiler API.
      fs.mkdirSync(path.join(typescript, 'lib'), { recursive: true });
      fs.writeFileSync(path.join(typescript, 'package.json'), JSON.stringify({ name: 'typescript', version: '7.0.2', main: 'lib/typescript.js' }));
      fs.writeFileSync(path.join(typescript, 'lib/typescript.js'), "module.exports = { version: '7.0.2' };\n");
      const cli = run(process.execPath, [path.join(consumer, 'node_modules/eslint-plugin-jwt-ssot/dist/packages/cli/bin.js'), 'audit'], consumer);
      expect(cli.status).toBe(2);
      expect(cli.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^jwt-ssot: eslint-plugin-jwt-ssot needs TypeScript >=5\.0\.0 <6\.1\.0 .* has TypeScript 7\.0\.2, which has no JavaScript API: .*@typescript\/native@npm:typescript@\^7$/)]);
      const lint = run(process.execPath, [path.join(consumer, 'node_modules/eslint/bin/eslint.js'), 'src'], consumer);
      expect(lint.status).toBe(2);
      expect(lint.stdout + lint.stderr).toContain('needs TypeScript >=5.0.0 <6.1.0');
      expect(lint.stdout + lint.stderr).not.toMatch(/^\s+at /m);
      expect(lint.stdout + lint.stderr).not.toContain('Intrinsic');
      fs.rmSync(typescript, { recursive: true, force: true });
      fs.renameSync(savedTypescript, typescript);

      fs.writeFileSync(eslintManifest, savedEslint.replace(/"version": "[^"]+"/, '"version": "7.32.0"'));
      const old = run(process.execPath, [path.join(consumer, 'node_modules/eslint-plugin-jwt-ssot/dist/packages/cli/bin.js'), 'migrate'], consumer);
      expect(old.status).toBe(2);
      expect(old.stderr.trim().split('\n')).toEqual([expect.stringContaining('needs ESLint 9 or 10 with a flat config (eslint.config.*), but the project has ESLint 7.32.0')]);
    } finally {
      if (fs.existsSync(savedTypescript)) {
        fs.rmSync(typescript, { recursive: true, force: true });
        fs.renameSync(savedTypescript, typescript);
      }
      fs.writeFileSync(eslintManifest, savedEslint);
    }
  });
});

// Guard against a stale or hand-edited tarball list: the "files" field is what decides the contents.
describe('package.json "files"', () => {
  it('runs nothing at install: the build happens at prepack', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook]).toBeUndefined();
    expect(scripts.prepack).toBe('npm run build');
  });

  it('ships dist and docs, not tests', () => {
    const files = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(files).toEqual(expect.arrayContaining(['dist', 'docs', 'README.md']));
    expect(files.some((entry) => /^test\b|^packages\b|^rules\b/.test(entry))).toBe(false);
    expect(execFileSync(process.execPath, ['-e', 'process.stdout.write(require("./package.json").bin["jwt-ssot"])'], { cwd: ROOT, encoding: 'utf8' })).toBe(
      'dist/packages/cli/bin.js',
    );
  });
});
