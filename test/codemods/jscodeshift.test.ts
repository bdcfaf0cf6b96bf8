/**
 * The jscodeshift transform: same text as the core, undefined when nothing changes, and the documented
 * command (`npx jscodeshift --no-babel -t node_modules/eslint-plugin-jwt-ssot/dist/…`) works on a project.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import transform from '../../codemods/migrate-to-canonical/index.js';
import { MigrationProject } from '../../packages/rewrite/index.js';
import { FIXTURES, SETTINGS } from '../rule-tester.js';
import { listCases } from './fixture-cases.js';
import { REPO_ROOT, tempDir, writeFiles } from '../migrate/helpers.js';

const api = { jscodeshift: undefined, j: undefined, stats: () => undefined, report: () => undefined } as unknown as API;

describe('codemods/migrate-to-canonical (jscodeshift transform)', { timeout: 240_000 }, () => {
  const options = { settings: JSON.stringify(SETTINGS['jwt-ssot']), root: FIXTURES };

  it('returns the same text as the core for every fixture, and undefined when nothing changes', async () => {
    for (const fixture of listCases()) {
      if (fixture.name === 'decode-unconfigured') continue; // uses different settings
      const source = fs.readFileSync(fixture.inputPath, 'utf8');
      const file: FileInfo = { path: fixture.file, source };
      // Each fixture with its own settings (the multi-verify ones name another canonical module).
      const output = await transform(file, api, { ...options, settings: JSON.stringify(fixture.rawSettings['jwt-ssot']) });
      const expected = new MigrationProject(fixture.settings).migrate(fixture.file, source);
      expect(output, fixture.name).toBe(expected.changed ? expected.text : undefined);
    }
  });

  it('fails clearly without a canonical module', async () => {
    const file = { path: path.join(FIXTURES, 'src/a.ts'), source: "import jwt from 'jsonwebtoken';\n" };
    await expect(transform(file, api, { settings: '{}', root: FIXTURES })).rejects.toThrow("settings['jwt-ssot'].canonical is not set");
  });

  it('returns undefined for a file without JWT sites', async () => {
    expect(await transform({ path: path.join(FIXTURES, 'src/plain.ts'), source: 'export const x = 1;\n' }, api, options)).toBeUndefined();
  });

  it('runs with the documented jscodeshift command', { timeout: 240_000 }, () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{ "name": "app", "private": true }\n',
      'eslint.config.mjs': `export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } } } } }];\n`,
      'src/auth/jwt-handler.ts': `export function validateToken(token: string): { sub: string } {\n  return { sub: token };\n}\n`,
      'src/user.ts': `import jwt from "jsonwebtoken"\n\nexport const user = (token: string) => jwt.verify(token, process.env.JWT_SECRET!)\n`,
    });
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    fs.symlinkSync(REPO_ROOT, path.join(dir, 'node_modules/eslint-plugin-jwt-ssot'), 'dir');
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js'), path.join(dir, 'node_modules/.bin/jscodeshift'));
    const out = execFileSync(
      'npx',
      ['jscodeshift', '--no-babel', '-t', 'node_modules/eslint-plugin-jwt-ssot/dist/codemods/migrate-to-canonical/index.js', 'src'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true' } },
    );
    expect(out).toMatch(/1 ok/);
    expect(fs.readFileSync(path.join(dir, 'src/user.ts'), 'utf8')).toBe(
      `import { validateToken } from "./auth/jwt-handler"\n\nexport const user = (token: string) => validateToken(token)\n`,
    );
  });
});
