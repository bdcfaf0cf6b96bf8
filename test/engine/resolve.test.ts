import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../migrate/helpers.js';
import { clearResolverCaches, createResolver, readSettings, resolverFor } from '../../packages/engine/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Writes `files` under a new temporary folder and returns it. */
function project(files: Record<string, string>): string {
  const dir = tempDir('jwt-ssot-resolve-');
  dirs.push(dir);
  writeFiles(dir, files);
  return dir;
}

const SOURCES = {
  'src/main.ts': '',
  'src/auth/jwt-handler.ts': 'export const validateToken = 1;\n',
  'src/auth/index.ts': "export * from './jwt-handler.js';\n",
  'src/legacy/util.js': '',
  'src/legacy/esm.mjs': '',
  'src/types/claims.mts': '',
};

describe('SpecifierResolver.resolve: relative paths', () => {
  const dir = project(SOURCES);
  const resolver = createResolver();
  const from = path.join(dir, 'src/main.ts');

  it('finds a file with and without its extension', () => {
    expect(resolver.resolve(from, './auth/jwt-handler')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.resolve(from, './auth/jwt-handler.ts')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.resolve(from, './legacy/util')).toBe(path.join(dir, 'src/legacy/util.js'));
  });

  it('reads `.js` written for a `.ts` source (NodeNext) and `.mjs` for `.mts`', () => {
    expect(resolver.resolve(from, './auth/jwt-handler.js')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.resolve(from, './types/claims.mjs')).toBe(path.join(dir, 'src/types/claims.mts'));
    expect(resolver.resolve(from, './legacy/esm.mjs')).toBe(path.join(dir, 'src/legacy/esm.mjs'));
  });

  it('finds index files', () => {
    expect(resolver.resolve(from, './auth')).toBe(path.join(dir, 'src/auth/index.ts'));
    expect(resolver.resolve(from, './auth/index.js')).toBe(path.join(dir, 'src/auth/index.ts'));
  });

  it('returns undefined, without throwing, for a missing target, a built-in or an unknown package', () => {
    expect(resolver.resolve(from, './auth/missing')).toBeUndefined();
    expect(resolver.resolve(from, '../nowhere/at/all.js')).toBeUndefined();
    expect(resolver.resolve(from, 'node:fs')).toBeUndefined();
    expect(resolver.resolve(from, 'no-such-package')).toBeUndefined();
    expect(resolver.resolve(from, '')).toBeUndefined();
  });
});

describe('SpecifierResolver.resolve: tsconfig and jsconfig', () => {
  it('follows `paths` with `*` and exact patterns', () => {
    const dir = project({
      ...SOURCES,
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'], 'auth-entry': ['./src/auth/index.ts'] } } }),
    });
    const resolver = createResolver();
    const from = path.join(dir, 'src/main.ts');
    expect(resolver.resolve(from, '@/auth/jwt-handler')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.resolve(from, '@/auth/jwt-handler.js')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.resolve(from, 'auth-entry')).toBe(path.join(dir, 'src/auth/index.ts'));
    expect(resolver.resolve(from, '@/auth/missing')).toBeUndefined();
  });

  it('follows `baseUrl` and settings inherited through `extends`', () => {
    const dir = project({
      ...SOURCES,
      'config/tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '../src', paths: { '~auth/*': ['auth/*'] } } }),
      'tsconfig.json': '// comments are allowed here\n{ "extends": "./config/tsconfig.base.json", }\n',
    });
    const resolver = createResolver();
    const from = path.join(dir, 'src/main.ts');
    expect(resolver.resolve(from, 'auth/jwt-handler')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.resolve(from, '~auth/jwt-handler')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.tsconfigFacts(from)).toEqual({
      file: path.join(dir, 'tsconfig.json'),
      nodeNext: false,
      baseUrl: path.join(dir, 'src'),
      paths: { '~auth/*': ['auth/*'] },
    });
  });

  it('reads a jsconfig.json when there is no tsconfig.json', () => {
    const dir = project({
      'jsconfig.json': JSON.stringify({ compilerOptions: { paths: { '#lib/*': ['./lib/*'] } } }),
      'lib/token.js': '',
      'app/index.js': '',
    });
    const resolver = createResolver();
    expect(resolver.resolve(path.join(dir, 'app/index.js'), '#lib/token')).toBe(path.join(dir, 'lib/token.js'));
    expect(resolver.tsconfigFacts(path.join(dir, 'app/index.js'))?.file).toBe(path.join(dir, 'jsconfig.json'));
  });

  it('treats a tsconfig that does not load as absent: relative imports still resolve', () => {
    const dir = project({ ...SOURCES, 'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] ' });
    const resolver = createResolver();
    const from = path.join(dir, 'src/main.ts');
    expect(() => resolver.resolve(from, '@/auth/jwt-handler')).not.toThrow();
    expect(resolver.resolve(from, '@/auth/jwt-handler')).toBeUndefined();
    expect(resolver.resolve(from, './auth/jwt-handler')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.tsconfigFacts(from)).toBeUndefined();
  });

  it('treats a tsconfig whose `extends` names no file as absent', () => {
    const dir = project({ ...SOURCES, 'tsconfig.json': '{ "extends": "./missing.json" }' });
    const resolver = createResolver();
    expect(resolver.resolve(path.join(dir, 'src/main.ts'), './auth')).toBe(path.join(dir, 'src/auth/index.ts'));
    expect(resolver.tsconfigFacts(path.join(dir, 'src/main.ts'))).toBeUndefined();
  });
});

describe('SpecifierResolver.resolve: packages', () => {
  const dir = project({
    'src/main.ts': '',
    'node_modules/fake-auth/package.json': JSON.stringify({
      name: 'fake-auth',
      exports: { '.': { import: './esm/index.mjs', require: './cjs/index.cjs' }, './keys': './esm/keys.mjs' },
    }),
    'node_modules/fake-auth/esm/index.mjs': '',
    'node_modules/fake-auth/esm/keys.mjs': '',
    'node_modules/fake-auth/esm/hidden.mjs': '',
    'node_modules/fake-auth/cjs/index.cjs': '',
  });
  const from = path.join(dir, 'src/main.ts');

  it('follows package `exports` and refuses paths the package does not export', () => {
    const resolver = createResolver();
    expect(resolver.resolve(from, 'fake-auth')).toBe(path.join(dir, 'node_modules/fake-auth/esm/index.mjs'));
    expect(resolver.resolve(from, 'fake-auth/keys')).toBe(path.join(dir, 'node_modules/fake-auth/esm/keys.mjs'));
    expect(resolver.resolve(from, 'fake-auth/esm/hidden.mjs')).toBeUndefined();
  });

  it('leaves bare names alone when asked for project files only', () => {
    const resolver = createResolver();
    expect(resolver.resolve(from, 'fake-auth', { packages: false })).toBeUndefined();
  });
});

describe('SpecifierResolver.importTarget (the private-path check)', () => {
  it('gives the resolved file, or the spelled path of a relative import whose file does not exist', () => {
    const dir = project({ ...SOURCES, 'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }) });
    const resolver = createResolver();
    const from = path.join(dir, 'src/main.ts');
    expect(resolver.importTarget(from, '@/auth/jwt-handler')).toBe(path.join(dir, 'src/auth/jwt-handler.ts'));
    expect(resolver.importTarget(from, './auth/internal/keys')).toBe(path.join(dir, 'src/auth/internal/keys'));
    expect(resolver.importTarget(from, 'jsonwebtoken')).toBeUndefined();
  });
});

describe('SpecifierResolver.needsJsExtension', () => {
  const nodeNext = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } });

  it('is true for .mts/.mjs and false for .cts/.cjs under NodeNext', () => {
    const dir = project({ 'tsconfig.json': nodeNext, 'package.json': '{}', 'src/a.mts': '', 'src/b.mjs': '', 'src/c.cts': '', 'src/d.cjs': '', 'src/e.ts': '' });
    const resolver = createResolver();
    expect(resolver.needsJsExtension(path.join(dir, 'src/a.mts'))).toBe(true);
    expect(resolver.needsJsExtension(path.join(dir, 'src/b.mjs'))).toBe(true);
    expect(resolver.needsJsExtension(path.join(dir, 'src/c.cts'))).toBe(false);
    expect(resolver.needsJsExtension(path.join(dir, 'src/d.cjs'))).toBe(false);
    expect(resolver.needsJsExtension(path.join(dir, 'src/e.ts'))).toBeUndefined();
  });

  it('is true for a .ts file in a `"type": "module"` package under NodeNext (implied by `module` alone)', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext' } }),
      'package.json': '{ "type": "module" }',
      'src/a.ts': '',
    });
    expect(createResolver().needsJsExtension(path.join(dir, 'src/a.ts'))).toBe(true);
  });

  it('answers for a file that is not on disk yet, from its folder', () => {
    const dir = project({ 'tsconfig.json': nodeNext, 'package.json': '{ "type": "module" }' });
    expect(createResolver().needsJsExtension(path.join(dir, 'src/routes/new.ts'))).toBe(true);
    expect(createResolver().needsJsExtension(path.join(dir, 'src/routes/new.cts'))).toBe(false);
  });

  it('leaves the choice to the file when the project does not resolve NodeNext', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }),
      'package.json': '{ "type": "module" }',
      'src/a.mts': '',
      'src/b.ts': '',
    });
    const resolver = createResolver();
    expect(resolver.needsJsExtension(path.join(dir, 'src/a.mts'))).toBeUndefined();
    expect(resolver.needsJsExtension(path.join(dir, 'src/b.ts'))).toBeUndefined();
    expect(resolver.tsconfigFacts(path.join(dir, 'src/b.ts'))?.nodeNext).toBe(false);
  });
});

describe('SpecifierResolver.pathsAlias', () => {
  it('names a target through a `*` mapping, an exact mapping, or not at all', () => {
    const dir = project({
      ...SOURCES,
      'src/other/place.ts': '',
      'tsconfig.json': JSON.stringify({
        compilerOptions: { paths: { '@/auth/*': ['./src/auth/*'], '@/*': ['./src/*'], jwt: ['./src/auth/jwt-handler.ts'] } },
      }),
    });
    const resolver = createResolver();
    const from = path.join(dir, 'src/main.ts');
    expect(resolver.pathsAlias(from, path.join(dir, 'src/auth/jwt-handler.ts'))).toBe('@/auth/jwt-handler');
    expect(resolver.pathsAlias(from, path.join(dir, 'src/other/place.ts'))).toBe('@/other/place');
    expect(resolver.pathsAlias(from, path.join(dir, 'package.json'))).toBeUndefined();
  });

  it('uses an exact mapping, resolved from the config that declares it through `extends`', () => {
    const dir = project({
      ...SOURCES,
      'config/base.json': JSON.stringify({ compilerOptions: { paths: { jwt: ['../src/auth/jwt-handler.ts'] } } }),
      'tsconfig.json': JSON.stringify({ extends: './config/base.json' }),
    });
    const resolver = createResolver();
    expect(resolver.pathsAlias(path.join(dir, 'src/main.ts'), path.join(dir, 'src/auth/jwt-handler.ts'))).toBe('jwt');
  });

  it('is undefined without a tsconfig', () => {
    const dir = project(SOURCES);
    expect(createResolver().pathsAlias(path.join(dir, 'src/main.ts'), path.join(dir, 'src/auth/jwt-handler.ts'))).toBeUndefined();
  });
});

describe('resolverFor and clearResolverCaches', () => {
  it('shares one resolver per root and per Settings object, and forgets files after a clear', () => {
    const dir = project(SOURCES);
    const settings = readSettings({}, dir);
    expect(resolverFor(dir)).toBe(resolverFor(`${dir}${path.sep}`));
    expect(resolverFor(settings)).toBe(resolverFor(settings));
    expect(resolverFor(settings)).not.toBe(resolverFor(dir));

    const from = path.join(dir, 'src/main.ts');
    expect(resolverFor(dir).resolve(from, './late')).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'src/late.ts'), '');
    clearResolverCaches();
    expect(resolverFor(dir).resolve(from, './late')).toBe(path.join(dir, 'src/late.ts'));
  });
});

describe('SpecifierResolver: one config does not hide another', () => {
  it('resolves a sibling folder’s jsconfig alias after files under the root tsconfig, in either order', () => {
    const files = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } }, include: ['src'] }),
      'web/jsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~auth/*': ['../src/auth/*'] } } }),
      'src/auth/jwt-handler.ts': 'export const validateToken = 1;\n',
      'src/auth/internal/session.ts': 'export const ttl = 1;\n',
    };
    const rootFirst = project(files);
    const resolver = createResolver();
    // Used to return undefined here: oxc clones share one cache, the root tsconfig included.
    expect(resolver.resolve(path.join(rootFirst, 'src/main.ts'), './auth/jwt-handler')).toBe(path.join(rootFirst, 'src/auth/jwt-handler.ts'));
    expect(resolver.resolve(path.join(rootFirst, 'web/app.js'), '~auth/internal/session')).toBe(path.join(rootFirst, 'src/auth/internal/session.ts'));
    expect(resolver.resolve(path.join(rootFirst, 'src/main.ts'), '@/auth/internal/session')).toBe(path.join(rootFirst, 'src/auth/internal/session.ts'));

    const webFirst = project(files);
    const other = createResolver();
    expect(other.resolve(path.join(webFirst, 'web/app.js'), '~auth/internal/session')).toBe(path.join(webFirst, 'src/auth/internal/session.ts'));
    expect(other.resolve(path.join(webFirst, 'src/main.ts'), '@/auth/internal/session')).toBe(path.join(webFirst, 'src/auth/internal/session.ts'));
  });
});
