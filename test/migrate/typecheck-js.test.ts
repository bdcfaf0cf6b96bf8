/**
 * The rollback in a JavaScript project whose tsconfig type-checks its JavaScript (`allowJs` +
 * `checkJs`): a rewrite whose result type does not fit (the canonical decode's JSDoc says it may
 * return null) is undone and becomes a follow-up quoting the diagnostic, as in TypeScript
 * (typecheck.test.ts), and a second run changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigrate } from '../../packages/cli/commands/migrate.js';
import { memoryIo, REPO_ROOT, tempDir, writeFiles } from './helpers.js';

const CONFIG = `export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.js', exports: { verify: 'validateToken', decode: 'decodeToken' } } } } }];\n`;
const CANONICAL = `/** @typedef {{ sub: string }} Claims */

/**
 * @param {string} token
 * @returns {Claims}
 */
export function validateToken(token) {
  return { sub: token };
}

/**
 * @param {string} token
 * @returns {Claims | null}
 */
export function decodeToken(token) {
  return token ? { sub: token } : null;
}
`;
// decodeJwt returns a payload; decodeToken returns Claims | null, so \`claims.sub\` fails under strict checkJs.
const SUBJECT = `import { decodeJwt } from 'jose';

/** @param {string} token */
export function subject(token) {
  const claims = decodeJwt(token);
  return claims.sub;
}

/** @param {string} token */
export function payload(token) {
  return decodeJwt(token);
}
`;
const TSCONFIG = JSON.stringify({
  compilerOptions: { allowJs: true, checkJs: true, module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['src'],
});

const read = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');

/** The JSON report, read loosely: the test asserts the parts it is about. */
type JsonReport = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function migrate(dir: string, ...args: string[]): Promise<{ code: number; json: JsonReport }> {
  const io = memoryIo(dir);
  const code = await runMigrate([...args, '--format', 'json'], io);
  return { code, json: JSON.parse(io.out()) as JsonReport };
}

// Each run loads ESLint and TypeScript; on a busy 2-core machine that takes a while (no timing is asserted).
describe('jwt-ssot migrate: the type check of a checkJs project', { timeout: 240_000 }, () => {
  it('undoes a JavaScript rewrite whose result type does not fit (TS18047) and keeps the one that fits', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'package.json': '{ "type": "module" }\n', 'eslint.config.mjs': CONFIG, 'tsconfig.json': TSCONFIG, 'src/auth/jwt-handler.js': CANONICAL, 'src/subject.js': SUBJECT });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');

    const { code, json } = await migrate(dir, '--write');
    expect(code).toBe(0);
    expect(json.errors).toEqual([]);
    expect(json.notTypechecked).toBeUndefined();
    expect(json.typecheck.introduced).toEqual([{ file: 'src/subject.js', line: 6, column: 10, code: 18047, message: "'claims' is possibly 'null'." }]);
    expect(json.typecheck.undone).toEqual([{ file: 'src/subject.js', line: 5, column: 18, diagnostic: json.typecheck.introduced[0] }]);
    expect(json.summary.typecheck).toMatchObject({ before: 0, after: 0, introduced: 1, undone: 1, remaining: 0 });
    // The jose import the undone site still needs is marked too, so the audit afterwards lists only marked sites.
    expect(json.followUps).toEqual([
      { file: 'src/subject.js', line: 2, reason: expect.stringContaining('jose stays imported for the JWT calls marked with follow-ups') },
      { file: 'src/subject.js', line: 8, reason: expect.stringContaining("TS18047 'claims' is possibly 'null'.") },
    ]);
    const written = read(dir, 'src/subject.js');
    expect(written).toContain("  // TODO(jwt-ssot): Not rewritten: the rewrite onto the canonical function introduced a type error, TS18047 'claims' is possibly 'null'. Adapt the code to the canonical function's types, then move this call by hand.\n  const claims = decodeJwt(token);\n  return claims.sub;\n");
    expect(written).toContain('  return decodeToken(token);\n');
    // The other rewrite fits and is written (with the `.js` NodeNext wants); jose stays imported for the undone site.
    expect(written).toContain("import { decodeJwt } from 'jose';\nimport { decodeToken } from './auth/jwt-handler.js';\n");
    expect(written).toMatch(/^\/\/ TODO\(jwt-ssot\): jose stays imported[^\n]*\nimport \{ decodeJwt \} from 'jose';/);

    const again = await migrate(dir, '--write');
    expect(again.code).toBe(0);
    expect(again.json.summary).toMatchObject({ changed: 0 });
    expect(read(dir, 'src/subject.js')).toBe(written);
  });
});
