/**
 * `migrate --write` loses nothing: a file edited while the migration ran (the type check can take tens of
 * seconds) is not overwritten but reported, and temp files left by a killed run are removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCliConfig } from '../../packages/cli/config.js';
import { runMigration } from '../../packages/cli/migrate/run.js';
import { tempDir, writeFiles } from './helpers.js';

const CONFIG = `export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } } } } }];\n`;
const CANONICAL = `export function validateToken(token: string): { sub: string } {\n  return { sub: token };\n}\n`;
const ROUTE = `import jwt from 'jsonwebtoken';\n\nexport function user(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET!);\n}\n`;
const EDITED = `${ROUTE}// saved in the editor while migrate was running\n`;

function project(): string {
  const dir = tempDir();
  writeFiles(dir, { 'eslint.config.mjs': CONFIG, 'src/auth/jwt-handler.ts': CANONICAL, 'src/routes/user.ts': ROUTE, 'src/other.ts': ROUTE.replace('user', 'other') });
  return dir;
}

describe('migrate --write under concurrent edits', { timeout: 240_000 }, () => {
  it('does not overwrite a file edited after it was read, reports it by name, and writes the others', async () => {
    const dir = project();
    const user = path.join(dir, 'src/routes/user.ts');
    const config = await loadCliConfig({ cwd: dir });
    const report = await runMigration({
      cwd: dir,
      paths: [],
      config,
      write: true,
      migrate: (migration, file, text, sites) => {
        const result = migration.migrate(file, text, sites);
        if (file === user) fs.writeFileSync(user, EDITED);
        return result;
      },
    });
    expect(report.errors).toEqual([{ file: user, message: expect.stringContaining('changed on disk since it was read') }]);
    expect(report.files.find((entry) => entry.file === user)?.status).toBe('error');
    expect(fs.readFileSync(user, 'utf8')).toBe(EDITED);
    expect(fs.readFileSync(path.join(dir, 'src/other.ts'), 'utf8')).toContain('validateToken(token)');
  });

  it('removes temp files of a killed earlier run from the folders it writes to', async () => {
    const dir = project();
    const stale = path.join(dir, 'src/routes', '.user.ts.jwt-ssot-999999999-0badc0de.tmp');
    fs.writeFileSync(stale, 'half a file');
    const config = await loadCliConfig({ cwd: dir });
    const report = await runMigration({ cwd: dir, paths: [], config, write: true });
    expect(report.removedTempFiles).toEqual([stale]);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'src/routes'))).toEqual(['user.ts']);
  });
});
