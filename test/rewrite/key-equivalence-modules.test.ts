/**
 * The key-equivalence cases in both JavaScript module systems, one route file per case: the same
 * constant, a config module's settings object, a getter, a helper, and a different key (a follow-up
 * that names both keys). The TypeScript cases are test/fixtures/keys-ts (key-equivalence.test.ts).
 * Fixture projects: test/fixtures/key-cases-{esm,cjs}.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../packages/engine/index.js';
import { MigrationProject, type MigrateResult } from '../../packages/rewrite/index.js';

const FIXTURES = path.join(__dirname, '../fixtures');
const outcomes = (result: MigrateResult) => result.sites.map((site) => [site.line, site.outcome, site.reason]);
const DIFFERENT = (keyText: string) =>
  `Verifies with \`${keyText}\` (env JWT_REFRESH_SECRET) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.`;

for (const system of ['esm', 'cjs'] as const) {
  describe(`key equivalence in ${system === 'esm' ? 'ES modules' : 'CommonJS'} (test/fixtures/key-cases-${system})`, () => {
    const root = path.join(FIXTURES, `key-cases-${system}`);
    const project = new MigrationProject(readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt.js', exports: { verify: 'validateToken' } } } }, root));
    const migrate = (name: string) => {
      const file = path.join(root, 'src/routes', `${name}.js`);
      return project.migrate(file, fs.readFileSync(file, 'utf8'));
    };
    const call = system === 'esm' ? 'export function user(token) {\n  return validateToken(token);\n}' : 'function user(token) {\n  return validateToken(token);\n}';

    it('learns the canonical key through the config module: JWT_SECRET is process.env.JWT_SECRET', () => {
      expect(project.canonicalShape().keySources).toEqual([{ kind: 'env', name: 'JWT_SECRET' }]);
    });

    it('rewrites the same constant, dropping the options the canonical function enforces', () => {
      const result = migrate('same-constant');
      expect(outcomes(result)).toEqual([[5, 'rewritten', undefined]]);
      expect(result.text).toContain(call);
      expect(result.text).toContain(system === 'esm' ? "import { validateToken } from '../auth/jwt.js';\n" : "const { validateToken } = require('../auth/jwt');\n");
    });

    for (const name of ['config-module', 'getter', 'helper']) {
      it(`rewrites a key read through the ${name.replace('-', ' ')}`, () => {
        const result = migrate(name);
        expect(outcomes(result)).toEqual([[5, 'rewritten', undefined]]);
        expect(result.text).toContain(call);
      });
    }

    it('keeps a different key a follow-up that names both keys', () => {
      const keyText = system === 'esm' ? 'settings.auth.refreshSecret' : 'config.settings.auth.refreshSecret';
      const result = migrate('different-key');
      expect(outcomes(result)).toEqual([[5, 'follow-up', DIFFERENT(keyText)]]);
      expect(result.text).toContain(`  // TODO(jwt-ssot): ${DIFFERENT(keyText)}\n  return jwt.verify(token, ${keyText});\n`);
    });

    it('changes nothing on a second run', () => {
      for (const file of fs.readdirSync(path.join(root, 'src/routes'))) {
        const once = migrate(path.basename(file, '.js'));
        expect(project.migrate(path.join(root, 'src/routes', file), once.text).changed, file).toBe(false);
      }
    });
  });
}
