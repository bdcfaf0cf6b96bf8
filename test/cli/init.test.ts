import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInit } from '../../packages/cli/commands/init.js';
import { loadCliConfig } from '../../packages/cli/config.js';
import { removeTree, runInProcess, writeTree } from './helpers.js';

const VERIFY_TWICE = [
  "import jwt from 'jsonwebtoken';",
  "export const validateSession = (t: string) => jwt.verify(t, 'k', { algorithms: ['HS256'] });",
  "export const validateApiKey = (t: string) => jwt.verify(t, 'k2', { algorithms: ['HS256'] });",
  'export const decodeSession = (t: string) => jwt.decode(t);',
  '',
].join('\n');

const TREE = {
  'package.json': '{ "name": "init-fixture", "private": true }\n',
  'src/security/tokens.ts': VERIFY_TWICE,
  'src/api/orders.ts': "import jwt from 'jsonwebtoken';\nexport const o = (t: string) => jwt.verify(t, 'k');\n",
  'src/auth/jwt.ts': "import { jwtVerify } from 'jose';\nexport const validateToken = (t: string, k: Uint8Array) => jwtVerify(t, k);\n",
  // Tests verify a lot, but they are never the canonical module.
  'test/tokens.test.ts': `${VERIFY_TWICE}${VERIFY_TWICE.replace(/validate/g, 'check').replace(/decodeSession/, 'peek')}`,
};

describe('jwt-ssot init', () => {
  const dirs: string[] = [];
  const tree = (files: Record<string, string>): string => {
    const dir = writeTree(files);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach(removeTree));

  it('proposes the file with the most verification, prints the settings and writes eslint.config.js', async () => {
    const dir = tree(TREE);
    const result = await runInProcess(runInit, dir, []);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Canonical module: src\/security\/tokens\.ts \(it holds the most JWT verification \(2 verify/m);
    expect(result.stdout).toContain('"verify": "validateSession"');
    expect(result.stdout).toContain('"decode": "decodeSession"');
    expect(result.stdout).toContain('Wrote eslint.config.js');
    expect(result.stdout).toContain('npm install --save-dev eslint eslint-plugin-jwt-ssot');
    const written = fs.readFileSync(path.join(dir, 'eslint.config.js'), 'utf8');
    expect(written).toContain("require('eslint-plugin-jwt-ssot')");
    expect(written).toContain('jwtSsot.configs.recommended');
    // The written config is valid for ESLint and for the settings reader (the plugin itself is the
    // user's dependency, so it is stubbed here).
    fs.mkdirSync(path.join(dir, 'node_modules/eslint-plugin-jwt-ssot'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules/eslint-plugin-jwt-ssot/index.js'), 'module.exports = { configs: { recommended: {} } };\n');
    const config = await loadCliConfig({ cwd: dir });
    const settings = await config.settingsFor(path.join(dir, 'src/api/orders.ts'));
    expect(settings.canonical?.file).toBe(path.join(dir, 'src/security/tokens.ts'));
    expect(settings.canonical?.exports).toEqual({ verify: 'validateSession', decode: 'decodeSession' });
    expect(settings.isExempt(path.join(dir, 'test/tokens.test.ts'))).toBe(true);
    // root is the config's own folder, so ESLint (which resolves a relative root from its cwd) agrees.
    expect(written).toContain('root: __dirname,');
    expect(settings.root).toBe(dir);
    expect(result.stdout).toContain('"root": __dirname,');
    expect(result.stdout).toContain('Note: validateApiKey verifies too; exports.verify names validateSession, the first.');
  });

  it('uses the file named with --canonical and writes ESM for "type": "module" packages', async () => {
    const dir = tree({ ...TREE, 'package.json': '{ "name": "esm-fixture", "type": "module", "devDependencies": { "eslint-plugin-jwt-ssot": "*" } }\n' });
    const result = await runInProcess(runInit, dir, ['--canonical', 'src/auth/jwt.ts']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('npm install');
    expect(result.stdout).toMatch(/^Canonical module: src\/auth\/jwt\.ts \(named with --canonical\)/m);
    expect(result.stdout).toContain('"verify": "validateToken"');
    const written = fs.readFileSync(path.join(dir, 'eslint.config.js'), 'utf8');
    expect(written).toMatch(/^import jwtSsot from 'eslint-plugin-jwt-ssot';$/m);
    expect(written).toContain('root: import.meta.dirname,');
    fs.mkdirSync(path.join(dir, 'node_modules/eslint-plugin-jwt-ssot'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules/eslint-plugin-jwt-ssot/index.js'), 'module.exports = { configs: { recommended: {} } };\n');
    const settings = await (await loadCliConfig({ cwd: dir })).settingsFor(path.join(dir, 'src/api/orders.ts'));
    expect(settings.root).toBe(dir);
    expect(settings.canonical?.file).toBe(path.join(dir, 'src/auth/jwt.ts'));
  });

  it('never overwrites an existing ESLint config', async () => {
    const existing = 'export default [];\n';
    const dir = tree({ ...TREE, 'eslint.config.mjs': existing });
    const result = await runInProcess(runInit, dir, []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('eslint.config.mjs already exists and was left unchanged');
    expect(fs.readFileSync(path.join(dir, 'eslint.config.mjs'), 'utf8')).toBe(existing);
    expect(fs.existsSync(path.join(dir, 'eslint.config.js'))).toBe(false);
  });

  it('--print writes nothing', async () => {
    const dir = tree(TREE);
    const result = await runInProcess(runInit, dir, ['--print']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"module": "src/security/tokens.ts"');
    expect(fs.existsSync(path.join(dir, 'eslint.config.js'))).toBe(false);
  });

  it('finds the validator a --canonical entry re-exports with `export *` through a tsconfig alias', async () => {
    const dir = tree({
      ...TREE,
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', paths: { '@/*': ['./src/*'] } } }),
      'src/auth/index.ts': "export * from '@/auth/verify.js';\nexport * from './decode';\n",
      'src/auth/verify.ts': "import jwt from 'jsonwebtoken';\nexport const verifyAccessToken = (t: string) => jwt.verify(t, 'k');\n",
      'src/auth/decode.ts': "import jwt from 'jsonwebtoken';\nexport const decodeAccessToken = (t: string) => jwt.decode(t);\n",
    });
    const result = await runInProcess(runInit, dir, ['--canonical', 'src/auth/index.ts', '--print']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"verify": "verifyAccessToken"');
    expect(result.stdout).toContain('"decode": "decodeAccessToken"');
    expect(result.stdout).not.toContain('exports no function that looks like a validator');
  });

  it('proposes the exported function that verifies, whatever its name, in ES export forms', async () => {
    const dir = tree({
      'package.json': '{ "name": "es-forms" }\n',
      'src/auth/session.ts': [
        "import jwt from 'jsonwebtoken';",
        "export const SESSION_COOKIE = 'sid';",
        'export function readSession(t: string) {',
        "  return jwt.verify(t, process.env.JWT_SECRET!, { algorithms: ['HS256'] });",
        '}',
        'const peekToken = (t: string) => jwt.decode(t);',
        'export { peekToken as inspect };',
        'export default function unnamed(t: string) {',
        "  return jwt.verify(t, 'k');",
        '}',
        '',
      ].join('\n'),
    });
    const result = await runInProcess(runInit, dir, ['--canonical', 'src/auth/session.ts', '--print']);
    expect(result.code).toBe(0);
    // Neither name looks like a validator: they are proposed because they verify and decode.
    expect(result.stdout).toContain('"verify": "readSession"');
    expect(result.stdout).toContain('"decode": "inspect"');
    expect(result.stdout).toContain('Note: the default export verifies; give it a name');
    expect(result.stdout).not.toContain('SESSION_COOKIE');
  });

  it('proposes a verifying function exported with each CommonJS form, through a local helper', async () => {
    const forms = {
      'module.exports = { … }': 'module.exports = { checkAccess, TTL: 60 };',
      'module.exports.f =': 'module.exports.checkAccess = checkAccess;',
      'exports.f =': 'exports.checkAccess = (t) => verifyWithKey(t);',
    };
    for (const [form, exportLine] of Object.entries(forms)) {
      const dir = tree({
        'package.json': '{ "name": "cjs-forms" }\n',
        'lib/auth.js': [
          "const jwt = require('jsonwebtoken');",
          "function verifyWithKey(t) { return jwt.verify(t, process.env.JWT_SECRET, { algorithms: ['HS256'] }); }",
          'function checkAccess(t) { return verifyWithKey(t); }',
          exportLine,
          '',
        ].join('\n'),
      });
      const result = await runInProcess(runInit, dir, ['--canonical', 'lib/auth.js', '--print']);
      expect(result.code, form).toBe(0);
      expect(result.stdout, form).toContain('"verify": "checkAccess"');
      expect(result.stdout, form).not.toContain('Note:');
    }
  });

  it('falls back to a name that looks like a validator only when no exported function verifies, and says so', async () => {
    const dir = tree({
      'src/auth/index.ts': "import { check } from './impl';\nexport const validateToken = (t: string) => check(t);\n",
      'src/auth/impl.ts': "import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, 'k');\n",
    });
    const result = await runInProcess(runInit, dir, ['--canonical', 'src/auth/index.ts', '--print']);
    expect(result.stdout).toContain('"verify": "validateToken"');
    expect(result.stdout).toContain("Note: no exported function of src/auth/index.ts calls a JWT library's verify; validateToken is proposed for its name, check that it verifies.");
  });

  it('warns once per legacy .eslintrc* and .eslintignore that flat config will not read', async () => {
    const dir = tree({ ...TREE, 'package.json': '{ "name": "legacy", "eslintConfig": { "root": true } }\n', '.eslintrc.json': '{}\n', '.eslintignore': 'dist/\n' });
    const result = await runInProcess(runInit, dir, ['--print']);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'jwt-ssot init: warning: .eslintrc.json is not read under flat config; move its rules and settings into the flat config, then delete it.',
      'jwt-ssot init: warning: package.json has an eslintConfig key, which is not read under flat config; move its rules and settings into the flat config, then delete the key.',
      "jwt-ssot init: warning: .eslintignore is not read under flat config; move its patterns into the flat config's ignores ({ ignores: [...] }), then delete it.",
    ]);
    const clean = await runInProcess(runInit, tree(TREE), ['--print']);
    expect(clean.stderr).toBe('');
  });

  it('exits 2 for a --canonical file that does not exist, and 1 when nothing verifies JWTs', async () => {
    const dir = tree(TREE);
    const missing = await runInProcess(runInit, dir, ['--canonical', 'src/nope.ts']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--canonical src/nope.ts: file not found');
    const empty = tree({ 'src/a.ts': 'export const a = 1;\n' });
    const none = await runInProcess(runInit, empty, []);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no file verifies JWTs yet/);
    expect(fs.existsSync(path.join(empty, 'eslint.config.js'))).toBe(false);
  });
});
