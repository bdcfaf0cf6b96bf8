/**
 * The type check around `jwt-ssot migrate`: it runs with the project's own TypeScript (and says which),
 * falls back to the bundled one only when the project has none it can use (and says why), undoes a
 * rewrite that introduces a diagnostic (a follow-up quoting it), and says so when nothing was checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigrate } from '../../packages/cli/commands/migrate.js';
import { memoryIo, REPO_ROOT, tempDir, writeFiles } from './helpers.js';

const CONFIG = `export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } } } } }];\n`;
const CANONICAL = `export interface Claims {
  sub: string;
}

export function validateToken(token: string): Claims {
  return { sub: token };
}

export function decodeToken(token: string): Claims | null {
  return token ? { sub: token } : null;
}
`;
const ROUTE = `import jwt from 'jsonwebtoken';\n\nexport function user(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET!);\n}\n`;
// decodeJwt returns a payload; decodeToken returns Claims | null, so `claims.sub` fails under strict.
const SUBJECT = `import { decodeJwt } from 'jose';

export function subject(token: string): string | undefined {
  const claims = decodeJwt(token);
  return claims.sub;
}

export function payload(token: string) {
  return decodeJwt(token);
}
`;
const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['src'] });

function project(files: Record<string, string>, nodeModules: 'repository' | 'none' = 'repository'): string {
  const dir = tempDir();
  writeFiles(dir, { 'eslint.config.mjs': CONFIG, 'src/auth/jwt-handler.ts': CANONICAL, ...files });
  if (nodeModules === 'repository') fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A node_modules of the project's own whose typescript is `typescript`, with the typings the sources need from the repository's. */
function ownNodeModules(dir: string, typescript: Record<string, string>): void {
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  for (const name of ['@types', 'jsonwebtoken', 'jose']) fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(modules, name), 'dir');
  writeFiles(path.join(modules, 'typescript'), typescript);
}

const read = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
const repositoryTypeScript = (JSON.parse(read(REPO_ROOT, 'node_modules/typescript/package.json')) as { version: string }).version;

/** The JSON report, read loosely: each test asserts the parts it is about. */
type JsonReport = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function migrate(dir: string, ...args: string[]): Promise<{ code: number; out: string; json: () => JsonReport }> {
  const io = memoryIo(dir);
  const code = await runMigrate(args, io);
  return { code, out: io.out(), json: () => JSON.parse(io.out()) };
}

// Each run loads ESLint and TypeScript; on a busy 2-core machine that takes a while (no timing is asserted).
describe('jwt-ssot migrate: the type check', { timeout: 240_000 }, () => {
  it("checks with the project's own TypeScript and names it", async () => {
    const dir = project({ 'tsconfig.json': TSCONFIG, 'src/routes/user.ts': ROUTE });
    const text = await migrate(dir);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`Type check (tsconfig.json, TypeScript ${repositoryTypeScript} from node_modules/typescript): 0 diagnostics before, 0 after, none introduced by the migration\n`);
    const json = (await migrate(dir, '--format', 'json')).json();
    expect(json.typecheck.compiler).toEqual({
      version: repositoryTypeScript,
      source: 'project',
      location: 'node_modules/typescript',
      description: `TypeScript ${repositoryTypeScript} from node_modules/typescript`,
    });
    expect(json.summary.typecheck).toEqual({
      tsconfig: 'tsconfig.json',
      compiler: `TypeScript ${repositoryTypeScript} from node_modules/typescript`,
      before: 0,
      after: 0,
      introduced: 0,
      undone: 0,
      remaining: 0,
    });
  });

  it("loads the project's typescript, not jwt-ssot's: a project pinned to another version is checked by that one", async () => {
    const dir = project({ 'tsconfig.json': TSCONFIG, 'src/routes/user.ts': ROUTE }, 'none');
    // The project's own package: the real compiler API under another version, so only loading it can report 5.4.5.
    ownNodeModules(dir, {
      'package.json': JSON.stringify({ name: 'typescript', version: '5.4.5', main: 'lib/typescript.js' }),
      'lib/typescript.js': `module.exports = { ...require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules/typescript'))}), version: '5.4.5' };\n`,
    });
    const { code, json } = await migrate(dir, '--format', 'json');
    expect(code).toBe(0);
    expect(json().typecheck.compiler).toMatchObject({ version: '5.4.5', source: 'project', location: 'node_modules/typescript' });
    expect(json().summary.typecheck).toMatchObject({ compiler: 'TypeScript 5.4.5 from node_modules/typescript', before: 0, after: 0 });
  });

  it('falls back to the bundled TypeScript, saying why, when the project has none', async () => {
    const dir = project({ 'tsconfig.json': TSCONFIG, 'src/routes/user.ts': ROUTE }, 'none');
    const { code, out } = await migrate(dir);
    expect(code).toBe(0);
    expect(out).toContain(`Type check (tsconfig.json, the bundled TypeScript ${repositoryTypeScript}, because the project has no typescript in its node_modules): `);
  });

  it('falls back to the bundled TypeScript when the project has TypeScript 7, which has no JavaScript compiler API', async () => {
    const dir = project({ 'tsconfig.json': TSCONFIG, 'src/routes/user.ts': ROUTE }, 'none');
    ownNodeModules(dir, {
      'package.json': JSON.stringify({ name: 'typescript', version: '7.0.0', main: 'lib/typescript.js' }),
      'lib/typescript.js': `module.exports = { version: '7.0.0' };\n`,
    });
    const { code, json } = await migrate(dir, '--format', 'json');
    expect(code).toBe(0);
    expect(json().typecheck.compiler).toMatchObject({
      version: repositoryTypeScript,
      source: 'bundled',
      fallbackReason: expect.stringMatching(/^the project's TypeScript 7\.0\.0 has no JavaScript compiler API \(it has no createProgram.*\); TypeScript 7 is the native compiler$/),
    });
  });

  it('undoes a rewrite whose result type does not fit (TS18047) and keeps the rewrite that fits', async () => {
    const dir = project({ 'tsconfig.json': TSCONFIG, 'src/subject.ts': SUBJECT });
    const { code, json } = await migrate(dir, '--write', '--format', 'json');
    expect(code).toBe(0);
    const report = json();
    expect(report.errors).toEqual([]);
    expect(report.typecheck.introduced).toEqual([{ file: 'src/subject.ts', line: 5, column: 10, code: 18047, message: "'claims' is possibly 'null'." }]);
    expect(report.typecheck.undone).toEqual([{ file: 'src/subject.ts', line: 4, column: 18, diagnostic: report.typecheck.introduced[0] }]);
    expect(report.typecheck.remaining).toEqual([]);
    expect(report.summary.typecheck).toMatchObject({ before: 0, after: 0, introduced: 1, undone: 1, remaining: 0 });
    expect(report.followUps).toEqual([
      { file: 'src/subject.ts', line: 2, reason: expect.stringContaining('jose stays imported for the JWT calls marked with follow-ups') },
      { file: 'src/subject.ts', line: 7, reason: expect.stringContaining("TS18047 'claims' is possibly 'null'.") },
    ]);
    const written = read(dir, 'src/subject.ts');
    expect(written).toContain("// TODO(jwt-ssot): Not rewritten: the rewrite onto the canonical function introduced a type error, TS18047 'claims' is possibly 'null'.");
    expect(written).toContain("  const claims = decodeJwt(token);\n  return claims.sub;\n");
    // The other rewrite fits and is written; jose stays imported for the undone site.
    expect(written).toContain('  return decodeToken(token);\n');
    expect(written).toContain("import { decodeJwt } from 'jose';");

    const again = await migrate(dir, '--write', '--format', 'json');
    expect(again.code).toBe(0);
    expect(again.json().summary).toMatchObject({ changed: 0 });
    expect(read(dir, 'src/subject.ts')).toBe(written);
  });

  it('blames a diagnostic in a file the migration did not change on the changed file it imports', async () => {
    const dir = project({
      'tsconfig.json': TSCONFIG,
      'src/users.ts': `import jwt from 'jsonwebtoken';\n\nexport function user(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET!);\n}\n`,
      'src/names.ts': `import { user } from './users.js';\n\nexport const name = (token: string) => user(token) as string;\n`,
      'src/routes/user.ts': ROUTE,
    });
    const { code, json } = await migrate(dir, '--write', '--format', 'json');
    expect(code).toBe(0);
    const report = json();
    expect(report.typecheck.introduced).toEqual([{ file: 'src/names.ts', line: 3, column: 40, code: 2352, message: expect.stringContaining('Conversion of type') }]);
    expect(report.typecheck.undone).toEqual([{ file: 'src/users.ts', line: 4, column: 10, diagnostic: report.typecheck.introduced[0] }]);
    expect(report.followUps).toEqual([
      { file: 'src/users.ts', line: 2, reason: expect.stringContaining('jsonwebtoken stays imported for the JWT calls marked with follow-ups') },
      { file: 'src/users.ts', line: 6, reason: expect.stringContaining('introduced a type error in src/names.ts, TS2352 Conversion of type') },
    ]);
    expect(read(dir, 'src/users.ts')).toContain('  return jwt.verify(token, process.env.JWT_SECRET!);\n');
    expect(read(dir, 'src/routes/user.ts')).toContain('  return validateToken(token);\n');
    expect(report.summary.typecheck).toMatchObject({ after: 0, undone: 1, remaining: 0 });
  });

  it('says plainly that a plain JavaScript project was not type-checked', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'eslint.config.mjs': `export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth.js', exports: { verify: 'validateToken' } } } } }];\n`,
      'src/auth.js': 'export function validateToken(token) {\n  return { sub: token };\n}\n',
      'src/user.js': `import jwt from 'jsonwebtoken';\n\nexport function user(token) {\n  return jwt.verify(token, process.env.JWT_SECRET);\n}\n`,
    });
    const text = await migrate(dir);
    expect(text.code).toBe(0);
    expect(text.out).toContain('The rewrites were not type-checked: no tsconfig.json in . (a JavaScript project). Review them and run your tests.\n');
    const json = (await migrate(dir, '--format', 'json')).json();
    expect(json.typecheck).toBeUndefined();
    expect(json.notTypechecked).toBe('no tsconfig.json in . (a JavaScript project)');
  });
});
