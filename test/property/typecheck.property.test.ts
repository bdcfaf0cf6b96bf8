/**
 * Property: migrating generated programs never introduces a type error. The programs use the libraries
 * whose real typings are installed here (jsonwebtoken, jose); they are written into a temporary
 * TypeScript project next to a typed canonical module, migrated, and type-checked before and after with
 * the migrate command's own check (`typecheckMigration`). One project holds the whole sample, so one
 * type-check run covers it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../packages/engine/index.js';
import { migrateFile, type CanonicalShape } from '../../packages/rewrite/index.js';
import { typecheckMigration } from '../../packages/cli/migrate/typecheck.js';
import { buildProgram, LONG, programSpec } from './programs.js';

const SAMPLE = LONG ? 200 : 24;
const REPO_NODE_MODULES = path.join(__dirname, '..', '..', 'node_modules');

const CANONICAL = `import jwt from 'jsonwebtoken';

export function validateToken(token: string): jwt.JwtPayload {
  const payload = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });
  if (typeof payload === 'string') throw new Error('Unexpected string payload.');
  return payload;
}

export function decodeToken(token: string): jwt.JwtPayload | null {
  const payload = jwt.decode(token);
  return typeof payload === 'string' ? null : payload;
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['src'],
};

const SHAPE: CanonicalShape = {
  verifyAsync: false,
  verifyReturns: 'payload',
  verifyGeneric: false,
  decodeAsync: false,
  decodeGeneric: false,
  secretEnv: ['JWT_SECRET'],
  verifyOptions: { algorithms: "['HS256']" },
  source: 'property test',
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-typecheck-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('generated programs: the migration keeps the project type-correct', () => {
  it(`introduces no type error in ${SAMPLE} generated programs`, () => {
    fs.mkdirSync(path.join(root, 'src', 'auth'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src', 'app'), { recursive: true });
    fs.symlinkSync(REPO_NODE_MODULES, path.join(root, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    fs.writeFileSync(path.join(root, 'src', 'auth', 'jwt-handler.ts'), CANONICAL);
    const settings = readSettings(
      { 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } } } },
      root,
    );

    const typedLibraries = programSpec.filter((spec) => spec.api.module === 'jsonwebtoken' || spec.api.module === 'jose');
    const specs = fc.sample(typedLibraries, { numRuns: SAMPLE, seed: 7 });
    const changes = new Map<string, string>();
    let rewritten = 0;
    specs.forEach((spec, index) => {
      const file = path.join(root, 'src', 'app', `generated-${index}.ts`);
      // `export {}` keeps each file a module, so files do not share one global scope.
      const code = `${buildProgram(spec).code}export {};\n`;
      fs.writeFileSync(file, code);
      const result = migrateFile({ file, text: code, settings, canonicalShape: SHAPE });
      rewritten += result.sites.filter((site) => site.outcome === 'rewritten').length;
      if (result.changed) changes.set(file, result.text);
    });

    // Not vacuous: the sample contains real rewrites onto validateToken/decodeToken.
    expect(rewritten).toBeGreaterThan(0);
    const check = typecheckMigration(path.join(root, 'tsconfig.json'), changes);
    const introduced = check.introduced.map((diagnostic) => {
      const file = path.relative(root, diagnostic.file);
      return `${file}:${diagnostic.line} TS${diagnostic.code} ${diagnostic.message}\n${changes.get(diagnostic.file) ?? ''}`;
    });
    expect(introduced).toEqual([]);
  }, LONG ? 30 * 60_000 : 120_000);
});
