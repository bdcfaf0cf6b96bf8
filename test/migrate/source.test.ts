/** The core's finer points: import clean-up, learning the canonical shape, `paths` aliases, follow-up placement. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../packages/engine/index.js';
import { learnCanonicalShape, migrateFile, MigrationProject, siteKey } from '../../packages/rewrite/index.js';
import { BASE_SHAPE } from '../codemods/fixture-cases.js';
import { PROJECT_FIXTURE, tempDir, writeFiles } from './helpers.js';

const ROOT = '/project';
const settings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } } } }, ROOT);
const migrate = (text: string, file = '/project/src/a.ts') => migrateFile({ file, text, settings, canonicalShape: BASE_SHAPE });

describe('migrateFile', () => {
  it('removes only the specifiers the rewrites orphaned, keeping the list layout, and marks the imports still there', () => {
    const text = [
      "import { verify, sign, decode } from 'jsonwebtoken';",
      "import { jwtVerify } from 'jose';",
      '',
      'export const a = (t: string) => verify(t, process.env.JWT_SECRET!);',
      'export const b = (t: string) => decode(t);',
      "export const c = (s: string) => sign({ s }, 'k');",
      '',
    ].join('\n');
    expect(migrate(text).text).toBe(
      [
        '// TODO(jwt-ssot): jsonwebtoken is still imported only to sign tokens (`sign`); signing is out of scope of the canonical validator: issue tokens from src/auth/jwt-handler.ts (or a module listed in `allow`) and drop this import.',
        "import { sign } from 'jsonwebtoken';",
        '// TODO(jwt-ssot): Imports jose outside src/auth/jwt-handler.ts: take what this file needs from src/auth/jwt-handler.ts, or list this file in `allow`.',
        "import { jwtVerify } from 'jose';",
        "import { validateToken, decodeToken } from './auth/jwt-handler';",
        '',
        'export const a = (t: string) => validateToken(t);',
        'export const b = (t: string) => decodeToken(t);',
        "export const c = (s: string) => sign({ s }, 'k');",
        '',
      ].join('\n'),
    );
  });

  it('leaves the sites in followUpSites as follow-ups with the given reason, and locates each rewrite in the new text', () => {
    const text = "\uFEFFimport jwt from 'jsonwebtoken';\n\nexport const a = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\nexport const b = (t: string) => jwt.decode(t);\n";
    const planned = migrate(text);
    const [verifySite, decodeSite] = planned.sites;
    expect(planned.sites.map((site) => [site.line, site.column, site.outcome])).toEqual([
      [3, 32, 'rewritten'],
      [4, 32, 'rewritten'],
    ]);
    const [start, end] = decodeSite!.migratedRange!;
    expect(planned.text.slice(start, end)).toBe('decodeToken(t)');

    const forced = migrateFile({ file: '/project/src/a.ts', text, settings, canonicalShape: BASE_SHAPE, followUpSites: new Map([[siteKey(verifySite!), 'Undone: TS2352 Conversion.']]) });
    expect(forced.text).toBe(
      "\uFEFF// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.\nimport jwt from 'jsonwebtoken';\nimport { decodeToken } from './auth/jwt-handler';\n\n// TODO(jwt-ssot): Undone: TS2352 Conversion.\nexport const a = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\nexport const b = (t: string) => decodeToken(t);\n",
    );
    expect(forced.sites.map((site) => [site.line, site.outcome, site.reason])).toEqual([
      [3, 'follow-up', 'Undone: TS2352 Conversion.'],
      [4, 'rewritten', undefined],
    ]);
    expect(forced.followUps).toEqual([
      { line: 2, reason: expect.stringContaining('jsonwebtoken stays imported for the JWT calls marked with follow-ups') },
      { line: 6, reason: 'Undone: TS2352 Conversion.' },
    ]);
    const [from, to] = forced.sites[1]!.migratedRange!;
    expect(forced.text.slice(from, to)).toBe('decodeToken(t)');
  });

  it('drops a default import once unused, keeping named ones still used', () => {
    const text = "import jwt, { TokenExpiredError } from 'jsonwebtoken';\n\nexport function f(t: string) {\n  try {\n    return jwt.verify(t, process.env.JWT_SECRET!);\n  } catch (error) {\n    return error instanceof TokenExpiredError;\n  }\n}\n";
    const out = migrate(text).text;
    expect(out.startsWith("// TODO(jwt-ssot): Imports jsonwebtoken outside src/auth/jwt-handler.ts: take what this file needs from src/auth/jwt-handler.ts, or list this file in `allow`.\nimport { TokenExpiredError } from 'jsonwebtoken';\nimport { validateToken } from './auth/jwt-handler';\n")).toBe(true);
    expect(out).toContain('    return validateToken(t);');
  });

  it('places a follow-up comment before a statement that does not start its line', () => {
    const text = "import jwt from 'jsonwebtoken';\nexport function f(t: string, cb: () => void) {\n  if (t) { jwt.verify(t, 'k', cb); }\n}\n";
    const result = migrate(text);
    expect(result.text).toContain("  if (t) { // TODO(jwt-ssot): ");
    expect(result.text).toContain("\n  jwt.verify(t, 'k', cb); }");
    expect(migrate(result.text).changed).toBe(false);
  });

  it('marks a class member or object property next to the site, not above the whole class', () => {
    const text = [
      "import jwt from 'jsonwebtoken';",
      '',
      'export class Api {',
      '  check = (t: string, cb: () => void) => jwt.verify(t, process.env.JWT_SECRET!, cb);',
      '}',
      '',
      'export const handlers = {',
      "  legacy: (t: string) => jwt.verify(t, 'dev-secret'),",
      '};',
      '',
    ].join('\n');
    const lines = migrate(text).text.split('\n');
    // Line 0 is the follow-up of the import the follow-ups still need.
    expect(lines[0]).toMatch(/^\/\/ TODO\(jwt-ssot\): jsonwebtoken stays imported/);
    expect(lines[4]).toMatch(/^ {2}\/\/ TODO\(jwt-ssot\): The third argument/);
    expect(lines[5]).toBe('  check = (t: string, cb: () => void) => jwt.verify(t, process.env.JWT_SECRET!, cb);');
    expect(lines[9]).toMatch(/^ {2}\/\/ TODO\(jwt-ssot\): Verifies with a key that is not a recognised secret/);
    expect(lines[10]).toBe("  legacy: (t: string) => jwt.verify(t, 'dev-secret'),");
  });

  it('adds an import above the follow-up comments of a first statement, so they stay next to their statements', () => {
    const text = "// TODO(jwt-ssot): older note.\nrequire('jsonwebtoken').verify(t, 'k', cb);\nexport const p = (t: string) => require('jsonwebtoken').decode(t);\n";
    const result = migrate(text);
    expect(result.text).toBe(
      "import { decodeToken } from './auth/jwt-handler';\n\n// TODO(jwt-ssot): older note.\nrequire('jsonwebtoken').verify(t, 'k', cb);\nexport const p = (t: string) => decodeToken(t);\n",
    );
    expect(migrate(result.text).changed).toBe(false);
  });

  it('turns every site into a follow-up when no canonical module is configured', () => {
    const bare = readSettings({}, ROOT);
    const result = migrateFile({ file: '/project/src/a.ts', text: "import jwt from 'jsonwebtoken';\nexport const f = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\n", settings: bare });
    expect(result.sites).toEqual([expect.objectContaining({ outcome: 'follow-up', reason: expect.stringContaining('No canonical validator is configured') })]);
  });

  it('leaves the canonical module itself alone', () => {
    const text = "import jwt from 'jsonwebtoken';\nexport const validateToken = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\n";
    expect(migrate(text, '/project/src/auth/jwt-handler.ts').changed).toBe(false);
  });
});

describe('learnCanonicalShape', { timeout: 240_000 }, () => {
  it('learns async, the payload return, the secret and the pinned options from the fixture project', () => {
    const projectSettings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } } } }, PROJECT_FIXTURE);
    expect(learnCanonicalShape(projectSettings)).toMatchObject({
      verifyAsync: true,
      verifyReturns: 'payload',
      verifyGeneric: false,
      decodeAsync: false,
      secretEnv: ['JWT_SECRET'],
      verifyOptions: { algorithms: "['HS256']" },
      source: 'learned from src/auth/jwt-handler.ts',
    });
  });

  it('learns a `{ payload }` result and a generic signature; settings override', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'src/auth.ts': 'export async function check<T>(token: string): Promise<{ payload: T; header: string }> {\n  return { payload: JSON.parse(token) as T, header: "" };\n}\n',
    });
    const learned = learnCanonicalShape(readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth.ts', exports: { verify: 'check' } } } }, dir));
    expect(learned).toMatchObject({ verifyAsync: true, verifyReturns: 'result', verifyGeneric: true });
    const overridden = learnCanonicalShape(readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth.ts', exports: { verify: 'check' }, async: false, returns: 'payload' } } }, dir));
    expect(overridden).toMatchObject({ verifyAsync: false, verifyReturns: 'payload' });
  });
});

describe('MigrationProject import specifiers', { timeout: 240_000 }, () => {
  it('uses a tsconfig paths alias, with .js for NodeNext ESM', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': '{ "type": "module" }\n',
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', paths: { '#auth/*': ['./src/auth/*'] } } }),
      'src/auth/jwt-handler.ts': 'export function validateToken(t: string) { return t; }\n',
    });
    const project = new MigrationProject(readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } } } }, dir));
    const file = path.join(dir, 'src/routes/a.ts');
    expect(project.specifierFor(file)).toBe('#auth/jwt-handler.js');
    const out = project.migrate(file, "import jwt from 'jsonwebtoken';\nexport const f = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\n");
    expect(out.text).toBe("import { validateToken } from '#auth/jwt-handler.js';\nexport const f = (t: string) => validateToken(t);\n");
    expect(fs.existsSync(file)).toBe(false);
  });
});
