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
  });

  it('uses the file named with --canonical and writes ESM for "type": "module" packages', async () => {
    const dir = tree({ ...TREE, 'package.json': '{ "name": "esm-fixture", "type": "module", "devDependencies": { "eslint-plugin-jwt-ssot": "*" } }\n' });
    const result = await runInProcess(runInit, dir, ['--canonical', 'src/auth/jwt.ts']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('npm install');
    expect(result.stdout).toMatch(/^Canonical module: src\/auth\/jwt\.ts \(named with --canonical\)/m);
    expect(result.stdout).toContain('"verify": "validateToken"');
    expect(fs.readFileSync(path.join(dir, 'eslint.config.js'), 'utf8')).toMatch(/^import jwtSsot from 'eslint-plugin-jwt-ssot';$/m);
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
