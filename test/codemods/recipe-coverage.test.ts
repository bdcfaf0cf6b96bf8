/**
 * Every rewrite recipe of the catalogue has a fixture pair in each module system its library is used
 * from, so that a recipe cannot silently work in TypeScript only. The pairs themselves are checked by
 * migrate-to-canonical.test.ts; this test only says which must exist.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIBRARIES, type LibraryEntry } from '../../packages/engine/index.js';
import { listCases } from './fixture-cases.js';

type ModuleSystem = 'ts' | 'mjs' | 'cjs';
const EVERY: readonly ModuleSystem[] = ['ts', 'mjs', 'cjs'];

/** Where each library with a recipe is used from (so where a pair must exist), and why not elsewhere. */
const USED_FROM: Readonly<Record<string, readonly ModuleSystem[]>> = {
  jsonwebtoken: EVERY,
  // jose v4 and v5 ship CommonJS builds; v6 is ESM only.
  jose: EVERY,
  'jwt-decode': EVERY,
  'fast-jwt': EVERY,
  'jwt-simple': EVERY,
  // A NestJS service is TypeScript: its decorators and constructor injection need the TS compiler.
  '@nestjs/jwt': ['ts'],
  // hono runs on Workers, Bun and Deno as ES modules.
  'hono/jwt': ['ts', 'mjs'],
  // Cloudflare Workers run ES modules.
  '@tsndr/cloudflare-worker-jwt': ['ts', 'mjs'],
};

function hasRecipe(value: unknown, depth = 0): boolean {
  if (!value || typeof value !== 'object' || depth > 8) return false;
  if ('rewrite' in value && (value as { rewrite?: unknown }).rewrite) return true;
  return Object.values(value).some((inner) => hasRecipe(inner, depth + 1));
}

const moduleSystem = (ext: string): ModuleSystem => (ext === 'tsx' ? 'ts' : (ext as ModuleSystem));
const cases = listCases().map((fixture) => ({ ...fixture, system: moduleSystem(fixture.ext), input: fs.readFileSync(fixture.inputPath, 'utf8') }));

/** The module systems with an input that imports or requires one of `library`'s modules and matches `form`. */
function systemsUsing(library: LibraryEntry, form: RegExp = /./): Set<ModuleSystem> {
  const specifiers = library.modules.filter((module) => !module.includes('*'));
  const imports = (text: string) => specifiers.some((module) => text.includes(`from '${module}'`) || text.includes(`require('${module}')`));
  return new Set(cases.filter((fixture) => imports(fixture.input) && form.test(fixture.input)).map((fixture) => fixture.system));
}

/** One library per name, with the modules of all its entries (jsonwebtoken has one per deep import). */
function librariesWithRecipes(): LibraryEntry[] {
  const byName = new Map<string, LibraryEntry>();
  for (const library of LIBRARIES.filter((entry) => hasRecipe(entry))) {
    const seen = byName.get(library.name);
    byName.set(library.name, seen ? { ...seen, modules: [...seen.modules, ...library.modules] } : library);
  }
  return [...byName.values()];
}

describe('a fixture pair for every recipe, in every module system its library is used from', () => {
  const withRecipes = librariesWithRecipes();

  it('knows where each library with a recipe is used from', () => {
    expect(withRecipes.map((library) => library.name).sort()).toEqual(Object.keys(USED_FROM).sort());
  });

  for (const library of withRecipes) {
    it(`${library.name}: ${(USED_FROM[library.name] ?? []).join(', ')}`, () => {
      expect([...systemsUsing(library)].sort()).toEqual(expect.arrayContaining([...(USED_FROM[library.name] ?? EVERY)]));
    });
  }

  const byName = (name: string): LibraryEntry => withRecipes.find((library) => library.name === name)!;
  const forms: ReadonlyArray<readonly [string, string, RegExp, readonly ModuleSystem[]]> = [
    ['jose `const r = await jwtVerify(…); r.payload`', 'jose', /const (\w+) = await (?:jose\.)?jwtVerify\([^]*?\1\.payload/, EVERY],
    ['jose `jwtVerify(…).then(({ payload }) => …)`', 'jose', /jwtVerify\([^]*?\)\.then\(\(\{ payload \}\)/, EVERY],
    ['jwt-decode v3 (default export `jwt_decode`)', 'jwt-decode', /(?:import jwt_decode from|const jwt_decode = require\()/, EVERY],
    ['jwt-decode v4 (named `jwtDecode`)', 'jwt-decode', /\{ jwtDecode \}/, EVERY],
    ['@nestjs/jwt verify, verifyAsync and decode', '@nestjs/jwt', /\.verify\([^]*\.verifyAsync\([^]*\.decode\(/, ['ts']],
    ['fast-jwt verifier and decoder', 'fast-jwt', /createVerifier\([^]*createDecoder\(/, EVERY],
  ];
  for (const [title, name, form, systems] of forms) {
    it(title, () => {
      expect([...systemsUsing(byName(name), form)].sort()).toEqual(expect.arrayContaining([...systems]));
    });
  }

  it('hand-rolled decoding (`JSON.parse(atob(…))`, `Buffer.from(…, base64)`)', () => {
    const handRolled = new Set(cases.filter((fixture) => /JSON\.parse\((?:atob|Buffer\.from)\(/.test(fixture.input)).map((fixture) => fixture.system));
    expect([...handRolled].sort()).toEqual([...EVERY].sort());
  });
});
