/** The syntactic learner the rules use (and migrate starts from): what the canonical module's syntax says. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../packages/engine/index.js';
import { learnCanonicalShapeFromSyntax } from '../../packages/rewrite/index.js';
import { tempDir, writeFiles } from '../migrate/helpers.js';

function learn(source: string, canonical: Record<string, unknown> = {}) {
  const dir = tempDir('jwt-ssot-shape-');
  writeFiles(dir, { 'src/auth.ts': source });
  return learnCanonicalShapeFromSyntax(readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth.ts', exports: { verify: 'check', decode: 'peek' }, ...canonical } } }, dir));
}

describe('learnCanonicalShapeFromSyntax', () => {
  it('reads async from `async`, from a Promise return type, and from an async arrow', () => {
    expect(learn('export async function check(t: string) { return { sub: t }; }\n').shape.verifyAsync).toBe(true);
    expect(learn('export function check(t: string): Promise<string> { return Promise.resolve(t); }\n').shape.verifyAsync).toBe(true);
    expect(learn('export const check = async (t: string) => t;\n').shape.verifyAsync).toBe(true);
    expect(learn('export function check(t: string): string { return t; }\n').shape.verifyAsync).toBe(false);
  });

  it('reads a `{ payload }` result from the return type (literal, interface, alias) or from `return { payload }`', () => {
    expect(learn('export function check(t: string): { payload: string } { return { payload: t }; }\n').shape.verifyReturns).toBe('result');
    expect(learn('interface Verified { payload: string }\nexport async function check(t: string): Promise<Verified> { return { payload: t }; }\n').shape.verifyReturns).toBe('result');
    expect(learn('type Verified = { payload: string } & { header: string };\nexport function check(t: string): Verified { return { payload: t, header: "" }; }\n').shape.verifyReturns).toBe('result');
    expect(learn('export async function check(t: string) {\n  if (!t) throw new Error();\n  return { payload: t };\n}\n').shape.verifyReturns).toBe('result');
    expect(learn('export function check(t: string): { sub: string } { return { sub: t }; }\n').shape.verifyReturns).toBe('payload');
  });

  it('reads type parameters, a renamed export and CommonJS exports', () => {
    expect(learn('export function check<T>(t: string): T { return JSON.parse(t) as T; }\n').shape.verifyGeneric).toBe(true);
    const renamed = learn('async function inner(t: string) { return t; }\nexport { inner as check };\n');
    expect(renamed.shape).toMatchObject({ verifyAsync: true, source: expect.stringContaining('learned from') });
    expect(learn('exports.check = async function (t) { return t; };\n').shape.verifyAsync).toBe(true);
  });

  it('says when the return type is not written (migrate then asks ts-morph)', () => {
    expect(learn('export function check(t: string): string { return t; }\n').verify?.certain).toBe(true);
    expect(learn('export function check(t: string) { return t; }\n').verify?.certain).toBe(false);
  });

  it('reads the secret and the options the module enforces', () => {
    const learned = learn("import jwt from 'jsonwebtoken';\nexport function check(t: string) {\n  return jwt.verify(t, process.env.JWT_SECRET!, { algorithms: ['HS256'] });\n}\n");
    expect(learned.shape).toMatchObject({ secretEnv: ['JWT_SECRET'], verifyOptions: { algorithms: "['HS256']" } });
  });

  it('lets settings canonical.async / canonical.returns override what it reads', () => {
    expect(learn('export function check(t: string): string { return t; }\n', { async: true, returns: 'result' }).shape).toMatchObject({ verifyAsync: true, verifyReturns: 'result' });
  });

  it('follows the module content, whatever its modification time says', () => {
    const dir = tempDir('jwt-ssot-shape-');
    writeFiles(dir, { 'src/auth.ts': 'export function check(t: string): string { return t; }\n' });
    const settings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth.ts', exports: { verify: 'check' } } } }, dir);
    const file = path.join(dir, 'src/auth.ts');
    const { mtime } = fs.statSync(file);
    expect(learnCanonicalShapeFromSyntax(settings).shape.verifyAsync).toBe(false);
    fs.writeFileSync(file, 'export async function check(t: string): Promise<string> { return t; }\n');
    // The same modification time as before: a cache keyed by mtime would answer the old shape.
    fs.utimesSync(file, mtime, mtime);
    expect(learnCanonicalShapeFromSyntax(settings).shape.verifyAsync).toBe(true);
  });
});
