/**
 * The multi-file fixture project (NodeNext, strict): it type-checks before and after `migrate --write`,
 * and its own behaviour checks (valid, expired and forged tokens through every path) give the same
 * answers before and after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Project } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMigrate } from '../../packages/cli/commands/migrate.js';
import { copyProject, memoryIo } from './helpers.js';

type Behaviour = typeof import('../fixtures/migrate-project/test/behaviour.js');

function diagnostics(dir: string): string[] {
  const project = new Project({ tsConfigFilePath: path.join(dir, 'tsconfig.json') });
  return project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getFilePath()}:${d.getLineNumber()} ${String(d.getMessageText())}`);
}

const EXPECTED_PATHS = ['canonical', 'profile', 'session', 'sessionExpiry', 'guard'];

function expectSafe(results: Awaited<ReturnType<Behaviour['verificationPaths']>>): void {
  expect(Object.keys(results).sort()).toEqual([...EXPECTED_PATHS].sort());
  for (const [name, result] of Object.entries(results)) {
    expect(result, name).toEqual({ valid: true, expired: false, forged: false });
  }
}

describe('migrate-project fixture', { timeout: 240_000 }, () => {
  let before: string;
  let after: string;
  let report: {
    files: Array<{ file: string; status: string }>;
    followUps: Array<{ file: string; line: number; reason: string }>;
    errors: unknown[];
    summary: { changed: number; typecheck?: { compiler: string; before: number; after: number; introduced: number; undone: number; remaining: number } };
  };
  let exitCode: number;

  beforeAll(async () => {
    before = copyProject();
    after = copyProject();
    const io = memoryIo(after);
    exitCode = await runMigrate(['--write', '--force', '--format', 'json'], io);
    report = JSON.parse(io.out());
  }, 300_000);

  it('type-checks cleanly before the migration', () => {
    expect(diagnostics(before)).toEqual([]);
  });

  it('passes its behaviour checks before the migration', async () => {
    const behaviour = (await import(path.join(before, 'test/behaviour.ts'))) as Behaviour;
    expectSafe(await behaviour.verificationPaths());
    const decoded = behaviour.decodePaths();
    expect(decoded.subject).toBe('alice');
    expect(typeof decoded.expiry).toBe('number');
  });

  it('migrates with exit 0, rewriting every module and listing the sync caller as a follow-up', () => {
    expect(exitCode).toBe(0);
    expect(report.errors).toEqual([]);
    const changed = report.files.filter((file) => file.status === 'changed').map((file) => file.file);
    expect(changed).toEqual(['src/client/expiry.ts', 'src/middleware/guard.ts', 'src/routes/profile.ts', 'src/services/session.ts']);
    // Besides the sync caller, the import it still needs is marked.
    expect(report.followUps).toEqual([
      { file: 'src/middleware/guard.ts', line: 2, reason: expect.stringContaining('jsonwebtoken stays imported for the JWT calls marked with follow-ups') },
      { file: 'src/middleware/guard.ts', line: 9, reason: expect.stringContaining('validateToken is async but this caller is not') },
    ]);
    const typescript = (JSON.parse(fs.readFileSync(path.join(after, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;
    expect(report.summary.typecheck).toEqual({
      tsconfig: 'tsconfig.json',
      compiler: `TypeScript ${typescript} from node_modules/typescript`,
      before: 0,
      after: 0,
      introduced: 0,
      undone: 0,
      remaining: 0,
    });
  });

  it('leaves the modules on the canonical validator, with unused library imports gone', () => {
    const session = fs.readFileSync(path.join(after, 'src/services/session.ts'), 'utf8');
    expect(session).not.toContain("from 'jose'");
    // The key helper only fed the rewritten calls: it goes with them.
    expect(session).not.toContain('const key');
    expect(session).toContain("import { validateToken } from '../auth/jwt-handler.js';");
    expect(session).toContain('const payload = await validateToken(token);');
    const profile = fs.readFileSync(path.join(after, 'src/routes/profile.ts'), 'utf8');
    expect(profile).toContain("import { type JwtPayload } from 'jsonwebtoken';");
    expect(profile).toContain('await validateToken(token) as JwtPayload');
    const guard = fs.readFileSync(path.join(after, 'src/middleware/guard.ts'), 'utf8');
    expect(guard).toContain('    // TODO(jwt-ssot): validateToken is async');
    expect(guard).toContain('const decoded = decodeToken(token);');
    expect(fs.readFileSync(path.join(after, 'src/client/expiry.ts'), 'utf8')).toContain('const payload = decodeToken(token);');
  });

  it('type-checks cleanly after the migration', () => {
    expect(diagnostics(after)).toEqual([]);
  });

  it('passes its behaviour checks after the migration', async () => {
    const behaviour = (await import(path.join(after, 'test/behaviour.ts'))) as Behaviour;
    expectSafe(await behaviour.verificationPaths());
    const decoded = behaviour.decodePaths();
    expect(decoded.subject).toBe('alice');
    expect(typeof decoded.expiry).toBe('number');
  });

  it('changes nothing on a second run', async () => {
    const io = memoryIo(after);
    expect(await runMigrate(['--format', 'json', '--no-typecheck'], io)).toBe(0);
    const second = JSON.parse(io.out()) as typeof report;
    expect(second.summary.changed).toBe(0);
    expect(second.followUps).toHaveLength(1);
  });
});
