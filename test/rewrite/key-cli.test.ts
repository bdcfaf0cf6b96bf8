/** One `jwt-ssot migrate --write` run on a copy of test/fixtures/keys-ts: keys traced through the config module are rewritten. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigrate } from '../../packages/cli/commands/migrate.js';
import { memoryIo, tempDir } from '../migrate/helpers.js';

const FIXTURE = path.join(__dirname, '../fixtures/keys-ts');
const CONFIG = "export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt.ts', exports: { verify: 'validateToken' } } } } }];\n";

describe('jwt-ssot migrate on a project whose key lives in a config module', { timeout: 240_000 }, () => {
  it('rewrites every site that verifies with the canonical key and marks the others naming both keys', async () => {
    const dir = tempDir('jwt-ssot-keys-cli-');
    fs.cpSync(FIXTURE, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), CONFIG);
    expect(await runMigrate(['--write'], memoryIo(dir))).toBe(0);
    const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
    expect(read('src/routes/same-constant.ts')).toContain('  return validateToken(header.slice(7));\n');
    expect(read('src/routes/getter-helper.ts')).not.toContain('jwt.verify');
    expect(read('src/routes/jose-encoded.ts')).not.toContain('jwtVerify(');
    expect(read('src/routes/different-key.ts')).toContain(
      '  // TODO(jwt-ssot): Verifies with `config.jwt.refreshSecret` (env JWT_REFRESH_SECRET) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.\n',
    );
    expect(read('src/auth/jwt.ts')).toBe(fs.readFileSync(path.join(FIXTURE, 'src/auth/jwt.ts'), 'utf8'));
  });
});
