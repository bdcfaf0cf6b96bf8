import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../packages/plugin/index.js';
import { readSettings, SettingsError } from '../../packages/engine/index.js';
import { FIXTURES, SETTINGS } from '../rule-tester.js';

/** Lints one line under the recommended preset with the given plugin settings; returns the thrown error. */
function lintError(jwtSsot: unknown): Error | undefined {
  const linter = new Linter({ cwd: FIXTURES });
  try {
    linter.verify("import jwt from 'jsonwebtoken';\njwt.verify(token, key);\n", [plugin.configs.recommended, { settings: { 'jwt-ssot': jwtSsot } }], {
      filename: path.join(FIXTURES, 'src/app.ts'),
    });
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

const valid = SETTINGS['jwt-ssot'];

describe('settings validation through a rule run', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a non-string canonical verify export', { ...valid, canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 42 } } }, "settings['jwt-ssot'].canonical.exports.verify"],
    ['a missing canonical exports object', { ...valid, canonical: { module: 'src/auth/jwt-handler.ts' } }, "settings['jwt-ssot'].canonical.exports"],
    ['a non-string allow entry', { ...valid, allow: ['test/**', 3] }, "settings['jwt-ssot'].allow[1]"],
    ['allow that is not an array', { ...valid, allow: 'test/**' }, "settings['jwt-ssot'].allow"],
    ['an unknown top-level key', { ...valid, alow: ['test/**'] }, "settings['jwt-ssot'].alow"],
    ['an unknown key in an auth module', { ...valid, authModules: [{ entry: 'src/auth/index.ts', private: [], public: [] }] }, "settings['jwt-ssot'].authModules[0].public"],
    ['a library without a module', { ...valid, libraries: [{ verify: ['check'] }] }, "settings['jwt-ssot'].libraries[0].module"],
    ['an invalid secretEnv regular expression', { ...valid, secretEnv: ['/(unclosed/'] }, "settings['jwt-ssot'].secretEnv[0]"],
    ['a wrong canonical.returns', { ...valid, canonical: { ...valid.canonical, returns: 'claims' } }, "settings['jwt-ssot'].canonical.returns"],
    ['settings that are not an object', 'src/auth/jwt-handler.ts', "settings['jwt-ssot']:"],
    ['a 200,000-character glob', { ...valid, allow: ['test/**', `src/${'a'.repeat(200_000)}`] }, "settings['jwt-ssot'].allow[1]: a glob of 200004 characters"],
    ['a 200,000-entry allow list', { ...valid, allow: Array.from({ length: 200_000 }, (_, index) => `src/generated/${index}.ts`) }, "settings['jwt-ssot'].allow: 200000 globs; at most 10000"],
    ['a private glob picomatch rejects', { ...valid, authModules: [{ entry: 'src/auth/index.ts', private: [`src/${'('.repeat(5000)}`] }] }, "settings['jwt-ssot'].authModules[0].private[0]"],
  ];
  for (const [name, settings, key] of cases) {
    it(`names the key for ${name}`, () => {
      const error = lintError(settings);
      expect(error).toBeDefined();
      expect(error!.message).toContain(`Invalid ${key}`);
      // One clear error, not a stack of them or a TypeError from deep inside a rule.
      expect(error!.message.match(/Invalid settings/g)).toHaveLength(1);
    });
  }

  it('accepts the shared test settings and reports normally', () => {
    const linter = new Linter({ cwd: FIXTURES });
    const messages = linter.verify("import jwt from 'jsonwebtoken';\njwt.verify(token, key);\n", [plugin.configs.recommended, { settings: SETTINGS }], {
      filename: path.join(FIXTURES, 'src/app.ts'),
    });
    expect(messages.map((message) => message.ruleId)).toEqual(['jwt-ssot/no-auth-import-bypass', 'jwt-ssot/no-direct-verify']);
  });
});

describe('readSettings', () => {
  it('returns the same object for the same settings object and root', () => {
    const all = { 'jwt-ssot': { ...valid } };
    const first = readSettings(all, FIXTURES);
    expect(readSettings(all, FIXTURES)).toBe(first);
    // A different settings object (even with equal content) is validated on its own.
    expect(readSettings({ 'jwt-ssot': { ...valid } }, FIXTURES)).not.toBe(first);
  });

  it('caches a failure too, and throws a SettingsError naming the key each time', () => {
    const all = { 'jwt-ssot': { canonical: { module: 'x.ts', exports: { verify: '' } } } };
    for (let attempt = 0; attempt < 2; attempt++) {
      let thrown: unknown;
      try {
        readSettings(all, FIXTURES);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SettingsError);
      expect((thrown as SettingsError).key).toBe('canonical.exports.verify');
    }
  });

  it('resolves paths from root and applies defaults', () => {
    const settings = readSettings({ 'jwt-ssot': { ...valid } }, '/elsewhere');
    expect(settings.root).toBe(FIXTURES);
    expect(settings.canonical?.file).toBe(path.join(FIXTURES, 'src/auth/jwt-handler.ts'));
    expect(settings.isExempt(path.join(FIXTURES, 'src/auth/jwt-handler.ts'))).toBe(true);
    expect(settings.isExempt(path.join(FIXTURES, 'test/a.test.ts'))).toBe(true);
    expect(settings.isExempt(path.join(FIXTURES, 'src/app.ts'))).toBe(false);
    expect(settings.secretEnv.some((pattern) => pattern.test('JWT_SECRET'))).toBe(true);
    expect(readSettings(undefined, '/project').root).toBe(path.resolve('/project'));
  });
});
