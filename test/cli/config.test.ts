import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../packages/cli/command.js';
import { loadCliConfig } from '../../packages/cli/config.js';
import { removeTree, settingsConfig, writeTree } from './helpers.js';

const CANONICAL = { module: 'src/auth/jwt.ts', exports: { verify: 'validateToken' } };

describe('loadCliConfig', () => {
  const dirs: string[] = [];
  const tree = (files: Record<string, string>): string => {
    const dir = writeTree(files);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach(removeTree));

  it("reads settings['jwt-ssot'] as ESLint computes them, rooted at the config's folder", async () => {
    const dir = tree({ 'eslint.config.js': settingsConfig({ canonical: CANONICAL, allow: ['scripts/**'] }) });
    const config = await loadCliConfig({ cwd: dir });
    expect(config.configFile).toBe(path.join(dir, 'eslint.config.js'));
    expect(config.root).toBe(dir);
    const settings = await config.settingsFor(path.join(dir, 'src/x.ts'));
    expect(settings.canonical?.file).toBe(path.join(dir, 'src/auth/jwt.ts'));
    expect(settings.isExempt(path.join(dir, 'scripts/seed.ts'))).toBe(true);
    // Cached: the same settings object for files under the same config entries.
    expect(await config.settingsFor(path.join(dir, 'src/y.tsx'))).toBe(settings);
  });

  it("honours the config's ignores for TypeScript files too", async () => {
    const dir = tree({ 'eslint.config.js': settingsConfig({ canonical: CANONICAL }, "{ ignores: ['generated/**', '**/*.d.ts'] }, ") });
    const config = await loadCliConfig({ cwd: dir });
    expect(await config.isIgnored(path.join(dir, 'generated/a.ts'))).toBe(true);
    expect(await config.isIgnored(path.join(dir, 'src/types.d.ts'))).toBe(true);
    expect(await config.isIgnored(path.join(dir, 'src/a.ts'))).toBe(false);
    expect(await config.isIgnored(path.join(dir, 'src/a.cjs'))).toBe(false);
  });

  it('uses an explicit --config file', async () => {
    const dir = tree({ 'config/lint.config.js': settingsConfig({ canonical: CANONICAL }) });
    const config = await loadCliConfig({ cwd: dir, configFile: 'config/lint.config.js' });
    expect(config.root).toBe(path.join(dir, 'config'));
    expect((await config.settingsFor(path.join(dir, 'a.ts'))).canonical?.file).toBe(path.join(dir, 'config/src/auth/jwt.ts'));
  });

  it('rejects invalid settings with a usage error naming the file and the key', async () => {
    const dir = tree({ 'eslint.config.js': settingsConfig({ canonical: { module: 'x.ts', exports: { verify: 7 } } }) });
    const failure = await loadCliConfig({ cwd: dir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as Error).message).toContain('eslint.config.js');
    expect((failure as Error).message).toContain('canonical.exports.verify');
  });

  it('rejects a config file that throws, and a --config that does not exist', async () => {
    const dir = tree({ 'eslint.config.js': "throw new Error('boom in config');\n" });
    const failure = await loadCliConfig({ cwd: dir }).then(
      async (config) => config.settingsFor(path.join(dir, 'a.ts')),
      (error: unknown) => error,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as Error).message).toMatch(/boom in config/);
    const missing = await loadCliConfig({ cwd: dir, configFile: 'nope.config.js' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(UsageError);
    expect((missing as Error).message).toMatch(/nope\.config\.js: file not found/);
  });

  it('falls back to default settings rooted at cwd, with a note, when there is no config', async () => {
    const dir = tree({ 'src/a.ts': '' });
    const config = await loadCliConfig({ cwd: dir });
    expect(config.configFile).toBeUndefined();
    expect(config.root).toBe(dir);
    expect(config.notes.join('\n')).toMatch(/No ESLint config/);
    expect((await config.settingsFor(path.join(dir, 'src/a.ts'))).root).toBe(dir);
    expect(await config.isIgnored(path.join(dir, 'src/a.ts'))).toBe(false);
  });

  it("gives each file the jwt-ssot rule entries ESLint computes for it, the same object per config result", async () => {
    const plugin = "{ rules: { 'no-direct-verify': { meta: { schema: [{ type: 'object' }] }, create: () => ({}) }, 'no-direct-decode': { create: () => ({}) } } }";
    const dir = tree({
      'eslint.config.js': [
        `module.exports = [{ plugins: { 'jwt-ssot': ${plugin} }, rules: { 'jwt-ssot/no-direct-verify': ['warn', { checkSign: true }], 'jwt-ssot/no-direct-decode': 'error', 'no-console': 'off' } },`,
        "  { files: ['legacy/**'], rules: { 'jwt-ssot/no-direct-decode': 'off' } }];",
        '',
      ].join('\n'),
    });
    const config = await loadCliConfig({ cwd: dir });
    const src = await config.ruleEntriesFor(path.join(dir, 'src/a.ts'));
    expect(src).toEqual({ 'jwt-ssot/no-direct-verify': [1, { checkSign: true }], 'jwt-ssot/no-direct-decode': [2] });
    expect(await config.ruleEntriesFor(path.join(dir, 'src/b.ts'))).toBe(src);
    expect((await config.ruleEntriesFor(path.join(dir, 'legacy/a.ts')))['jwt-ssot/no-direct-decode']).toEqual([0]);
  });

  it('decides whether a folder is ignored with the config above it, never loading a nested config there', async () => {
    const dir = tree({
      'eslint.config.js': "module.exports = [{ ignores: ['frontend/**', 'build/', '**/*.js'] }];\n",
      'frontend/eslint.config.mjs': "import missing from 'not-installed-eslint-plugin';\nexport default [missing];\n",
      'packages/app/eslint.config.mjs': "export default [{ ignores: ['gen/**'] }];\n",
    });
    const config = await loadCliConfig({ cwd: dir });
    expect(await config.isDirectoryIgnored(path.join(dir, 'frontend'))).toBe(true);
    expect(await config.isDirectoryIgnored(path.join(dir, 'build'))).toBe(true);
    // A file-level ignore (`**/*.js`) does not make a folder ignored.
    expect(await config.isDirectoryIgnored(path.join(dir, 'src'))).toBe(false);
    expect(await config.isDirectoryIgnored(path.join(dir, 'packages/app'))).toBe(false);
    // Inside packages/app its own config applies (ESLint 10's lookup from the file's folder).
    expect(await config.isDirectoryIgnored(path.join(dir, 'packages/app/gen'))).toBe(true);
    const loading = await config.isIgnored(path.join(dir, 'frontend/app.ts')).catch((error: unknown) => error);
    // Asking about a file inside it would load the nested config, as ESLint would: the walk never does.
    expect(loading).toBeInstanceOf(UsageError);
    expect((loading as Error).message).toContain(path.join(dir, 'frontend/eslint.config.mjs'));
  });
});

