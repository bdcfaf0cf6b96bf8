/**
 * Key equivalence through the code: a site's key counts as the canonical function's key when both come
 * from the same secret source (the same env variable, or the same declaration), traced through config
 * modules, object properties, getters, helpers and key encoders, in TypeScript, ES modules and CommonJS.
 * The fixture projects are test/fixtures/keys-{ts,esm,cjs}.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../packages/engine/index.js';
import { learnCanonicalShapeFromSyntax, MigrationProject, type MigrateResult } from '../../packages/rewrite/index.js';
import { tempDir, writeFiles } from '../migrate/helpers.js';

const FIXTURES = path.join(__dirname, '../fixtures');

function projectOf(root: string, canonical: string): MigrationProject {
  return new MigrationProject(readSettings({ 'jwt-ssot': { canonical: { module: canonical, exports: { verify: 'validateToken' } } } }, root));
}

function migrateFixture(project: MigrationProject, root: string, file: string): MigrateResult {
  const full = path.join(root, file);
  return project.migrate(full, fs.readFileSync(full, 'utf8'));
}

const outcomes = (result: MigrateResult) => result.sites.map((site) => [site.line, site.outcome, site.reason]);

describe('key equivalence in TypeScript (test/fixtures/keys-ts)', () => {
  const root = path.join(FIXTURES, 'keys-ts');
  const project = projectOf(root, 'src/auth/jwt.ts');
  const migrate = (file: string) => migrateFixture(project, root, file);

  it('learns the canonical key through its config module: config.jwt.secret is process.env.JWT_SECRET', () => {
    expect(project.canonicalShape().keySources).toEqual([{ kind: 'env', name: 'JWT_SECRET' }]);
  });

  it('rewrites a site that imports the same constant from the config module, and drops the import it orphaned', () => {
    expect(migrate('src/routes/same-constant.ts').text).toBe(
      [
        "import { validateToken } from '../auth/jwt';",
        '',
        'export function userFrom(header: string) {',
        '  return validateToken(header.slice(7));',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('rewrites a config object property with the options the canonical function enforces; other options name themselves', () => {
    const result = migrate('src/routes/config-property.ts');
    expect(outcomes(result)).toEqual([
      [5, 'rewritten', undefined],
      [9, 'follow-up', 'Options issuer are not what validateToken enforces; move them into the canonical module or keep this call.'],
    ]);
    expect(result.text).toContain('export function profile(token: string) {\n  return validateToken(token);\n}');
  });

  it('reads a checked env view (`cleanEnv(process.env, …)`) as the environment: the same variable is the same key', () => {
    expect(outcomes(migrate('src/routes/env-module.ts'))).toEqual([
      [5, 'rewritten', undefined],
      [9, 'follow-up', 'Verifies with `env.SECRET_KEY` (env SECRET_KEY) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.'],
    ]);
  });

  it('follows a getter and a one-return helper', () => {
    const result = migrate('src/routes/getter-helper.ts');
    expect(outcomes(result)).toEqual([
      [5, 'rewritten', undefined],
      [9, 'rewritten', undefined],
    ]);
    expect(result.text).toContain('export function viaGetter(token: string) {\n  return validateToken(token);\n}');
    expect(result.text).toContain('export function viaHelper(token: string) {\n  return validateToken(token);\n}');
  });

  it('sees through new TextEncoder().encode(…) and Buffer.from(…) (jose keys)', () => {
    const result = migrate('src/routes/jose-encoded.ts');
    expect(outcomes(result)).toEqual([
      [7, 'rewritten', undefined],
      [12, 'rewritten', undefined],
    ]);
    expect(result.text).toContain('export async function claims(token: string) {\n  const payload = validateToken(token);\n  return payload;\n}');
  });

  it('keeps a different key a follow-up that names both keys', () => {
    const result = migrate('src/routes/different-key.ts');
    expect(result.sites).toEqual([
      expect.objectContaining({
        outcome: 'follow-up',
        reason: 'Verifies with `config.jwt.refreshSecret` (env JWT_REFRESH_SECRET) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.',
        check: "validateToken's key (JWT_SECRET) is right where this call used `config.jwt.refreshSecret` (env JWT_REFRESH_SECRET)",
      }),
    ]);
    expect(result.text).toContain(
      '  // TODO(jwt-ssot): Verifies with `config.jwt.refreshSecret` (env JWT_REFRESH_SECRET) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.\n  return jwt.verify(token, config.jwt.refreshSecret);',
    );
  });

  it('changes nothing on a second run', () => {
    for (const file of fs.readdirSync(path.join(root, 'src/routes'))) {
      const once = migrate(`src/routes/${file}`);
      expect(project.migrate(path.join(root, 'src/routes', file), once.text).changed, file).toBe(false);
    }
  });
});

describe('key equivalence in ES modules (test/fixtures/keys-esm)', () => {
  const root = path.join(FIXTURES, 'keys-esm');
  const project = projectOf(root, 'src/auth/jwt.js');

  it('learns the key of a jose canonical from its TextEncoder-wrapped default-export config', () => {
    expect(project.canonicalShape().keySources).toEqual([{ kind: 'env', name: 'JWT_SECRET' }]);
  });

  it('rewrites the default-export property and the arrow helper, and names both keys for the refresh key', () => {
    const result = migrateFixture(project, root, 'src/routes/session.js');
    expect(outcomes(result)).toEqual([
      [5, 'rewritten', undefined],
      [9, 'rewritten', undefined],
      [13, 'follow-up', 'Verifies with `config.jwt.refreshSecret` (env JWT_REFRESH_SECRET) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.'],
    ]);
    expect(result.text).toContain("import { validateToken } from '../auth/jwt.js';\n");
    expect(result.text).toContain('export async function session(token) {\n  return await validateToken(token);\n}');
  });
});

describe('key equivalence in CommonJS (test/fixtures/keys-cjs)', () => {
  const root = path.join(FIXTURES, 'keys-cjs');
  const project = projectOf(root, 'src/auth/jwt.js');

  it('follows require(), module.exports objects and exports.x through two modules', () => {
    expect(project.canonicalShape().keySources).toEqual([{ kind: 'env', name: 'JWT_SECRET' }]);
    const result = migrateFixture(project, root, 'src/routes/session.js');
    expect(outcomes(result)).toEqual([
      [6, 'rewritten', undefined],
      [10, 'follow-up', 'Verifies with `config.jwt.refreshSecret` (env JWT_REFRESH_SECRET) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.'],
    ]);
    expect(result.text).toContain('function session(token) {\n  return validateToken(token);\n}');
  });
});

describe('keys that are declarations, not env reads', () => {
  const KEYS = "import fs from 'node:fs';\n\nexport const PUBLIC_KEY = fs.readFileSync('keys/public.pem');\nexport const OLD_PUBLIC_KEY = fs.readFileSync('keys/old.pem');\n";
  const CANONICAL = "import jwt from 'jsonwebtoken';\nimport { PUBLIC_KEY } from '../keys';\n\nexport function validateToken(token: string) {\n  return jwt.verify(token, PUBLIC_KEY);\n}\n";

  function project() {
    const dir = tempDir('jwt-ssot-keys-');
    writeFiles(dir, { 'src/keys.ts': KEYS, 'src/auth/jwt.ts': CANONICAL });
    return { dir, project: projectOf(dir, 'src/auth/jwt.ts') };
  }

  it('the same declaration is the same key, however it is imported; another declaration is named with its file', () => {
    const { dir, project: migration } = project();
    const text = [
      "import jwt from 'jsonwebtoken';",
      "import * as keys from './keys';",
      "import { PUBLIC_KEY as key } from './keys';",
      '',
      'export const a = (t: string) => jwt.verify(t, key);',
      'export const b = (t: string) => jwt.verify(t, keys.PUBLIC_KEY);',
      'export const c = (t: string) => jwt.verify(t, keys.OLD_PUBLIC_KEY);',
      '',
    ].join('\n');
    const result = migration.migrate(path.join(dir, 'src/routes.ts'), text);
    expect(outcomes(result)).toEqual([
      [5, 'rewritten', undefined],
      [6, 'rewritten', undefined],
      [7, 'follow-up', 'Verifies with `keys.OLD_PUBLIC_KEY` (OLD_PUBLIC_KEY in src/keys.ts) while validateToken uses PUBLIC_KEY in src/keys.ts; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.'],
    ]);
  });

  it('follows a tsconfig paths alias, a barrel re-export and a class instance getter', () => {
    const dir = tempDir('jwt-ssot-keys-');
    writeFiles(dir, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'src/config/app-config.ts': 'class AppConfig {\n  get jwtSecret(): string {\n    return process.env.JWT_SECRET!;\n  }\n}\n\nexport const appConfig = new AppConfig();\n',
      'src/config/index.ts': "export * from './app-config';\n",
      'src/auth/jwt.ts': "import jwt from 'jsonwebtoken';\n\nexport function validateToken(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET!);\n}\n",
    });
    const text = "import jwt from 'jsonwebtoken';\nimport { appConfig } from '@/config';\n\nexport const a = (t: string) => jwt.verify(t, appConfig.jwtSecret);\n";
    const result = projectOf(dir, 'src/auth/jwt.ts').migrate(path.join(dir, 'src/routes.ts'), text);
    expect(outcomes(result)).toEqual([[4, 'rewritten', undefined]]);
  });

  it('says so when the canonical function\'s own key cannot be traced, instead of taking any secret for it', () => {
    const dir = tempDir('jwt-ssot-keys-');
    writeFiles(dir, {
      'src/auth/jwt.ts': "import jwt from 'jsonwebtoken';\nimport { vault } from 'some-vault';\n\nexport function validateToken(token: string) {\n  return jwt.verify(token, vault.read());\n}\n",
    });
    const text = "import jwt from 'jsonwebtoken';\n\nexport const a = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\n";
    expect(outcomes(projectOf(dir, 'src/auth/jwt.ts').migrate(path.join(dir, 'src/routes.ts'), text))).toEqual([
      [3, 'follow-up', 'Verifies with JWT_SECRET, and the key validateToken uses could not be traced; check that they are the same, then call it.'],
    ]);
  });

  it('names an untraceable config property by its path and file (ES module default export)', () => {
    const dir = tempDir('jwt-ssot-keys-');
    writeFiles(dir, {
      'src/config.js': "import { loadSecret } from './vault.js';\n\nconst config = { jwt: { secret: loadSecret('jwt'), old: loadSecret('jwt-old') } };\nexport default config;\n",
      'src/auth/jwt.js': "import jwt from 'jsonwebtoken';\nimport config from '../config.js';\n\nexport function validateToken(token) {\n  return jwt.verify(token, config.jwt.secret);\n}\n",
    });
    const text = "import jwt from 'jsonwebtoken';\nimport settings from './config.js';\n\nexport const a = (t) => jwt.verify(t, settings.jwt.secret);\nexport const b = (t) => jwt.verify(t, settings.jwt.old);\n";
    expect(outcomes(projectOf(dir, 'src/auth/jwt.js').migrate(path.join(dir, 'src/routes.js'), text))).toEqual([
      [4, 'rewritten', undefined],
      [5, 'follow-up', 'Verifies with `settings.jwt.old` (config.jwt.old in src/config.js) while validateToken uses config.jwt.secret in src/config.js; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.'],
    ]);
  });

  it('a local key that cannot be traced stays "not a recognised secret", even when it reads the same file', () => {
    const { dir, project: migration } = project();
    const text = "import jwt from 'jsonwebtoken';\nimport fs from 'node:fs';\n\nconst pem = fs.readFileSync('keys/public.pem');\nexport const a = (t: string) => jwt.verify(t, pem);\n";
    expect(outcomes(migration.migrate(path.join(dir, 'src/routes.ts'), text))).toEqual([
      [5, 'follow-up', 'Verifies with a key that is not a recognised secret (`pem`); check that validateToken uses the same key, then call it.'],
    ]);
  });

  it('a reassigned binding, a parameter and a spread that may override the property are not traced', () => {
    const { dir, project: migration } = project();
    const text = [
      "import jwt from 'jsonwebtoken';",
      "import { PUBLIC_KEY } from './keys';",
      '',
      'let current = PUBLIC_KEY;',
      'export const rotate = (next: Buffer) => { current = next; };',
      'export const a = (t: string) => jwt.verify(t, current);',
      'export const b = (t: string, key: Buffer) => jwt.verify(t, key);',
      'const config = { key: PUBLIC_KEY, ...globalThis.overrides };',
      'export const c = (t: string) => jwt.verify(t, config.key);',
      '',
    ].join('\n');
    expect(migration.migrate(path.join(dir, 'src/routes.ts'), text).sites.map((site) => site.outcome)).toEqual(['follow-up', 'follow-up', 'follow-up']);
  });

  it('learns again when the config module changes, whatever its modification time says', () => {
    const dir = tempDir('jwt-ssot-keys-');
    writeFiles(dir, {
      'src/config.ts': 'export const SECRET = process.env.JWT_SECRET!;\n',
      'src/auth/jwt.ts': "import jwt from 'jsonwebtoken';\nimport { SECRET } from '../config';\n\nexport function validateToken(token: string): unknown {\n  return jwt.verify(token, SECRET);\n}\n",
    });
    const settings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt.ts', exports: { verify: 'validateToken' } } } }, dir);
    expect(learnCanonicalShapeFromSyntax(settings).shape.keySources).toEqual([{ kind: 'env', name: 'JWT_SECRET' }]);
    const config = path.join(dir, 'src/config.ts');
    const { mtime } = fs.statSync(config);
    fs.writeFileSync(config, 'export const SECRET = process.env.AUTH_SECRET!;\n');
    fs.utimesSync(config, mtime, mtime);
    expect(learnCanonicalShapeFromSyntax(settings).shape.keySources).toEqual([{ kind: 'env', name: 'AUTH_SECRET' }]);
  });
});

describe('options traced like keys', () => {
  const CONFIG = "export const SECRET = process.env.JWT_SECRET!;\nexport const config = { jwt: { issuer: 'https://issuer.example' } };\n";
  const CANONICAL =
    "import jwt from 'jsonwebtoken';\nimport { SECRET, config } from '../config';\n\nexport function validateToken(token: string): unknown {\n  return jwt.verify(token, SECRET, { algorithms: ['HS256'], issuer: config.jwt.issuer });\n}\n";

  it('drops an option the canonical function enforces from the same source, however it is spelled; names any other', () => {
    const dir = tempDir('jwt-ssot-keys-');
    writeFiles(dir, { 'src/config.ts': CONFIG, 'src/auth/jwt.ts': CANONICAL });
    const migration = projectOf(dir, 'src/auth/jwt.ts');
    const text = [
      "import jwt from 'jsonwebtoken';",
      "import { SECRET, config as settings } from './config';",
      '',
      "const config = { jwt: { issuer: 'https://other.example' } };",
      "export const a = (t: string) => jwt.verify(t, SECRET, { issuer: settings.jwt.issuer, algorithms: ['HS256'] });",
      'export const b = (t: string) => jwt.verify(t, SECRET, { issuer: config.jwt.issuer });',
      "export const c = (t: string) => jwt.verify(t, SECRET, { audience: 'api' });",
      '',
    ].join('\n');
    expect(outcomes(migration.migrate(path.join(dir, 'src/routes.ts'), text))).toEqual([
      [5, 'rewritten', undefined],
      [6, 'follow-up', 'Options issuer are not what validateToken enforces; move them into the canonical module or keep this call.'],
      [7, 'follow-up', 'Options audience are not what validateToken enforces; move them into the canonical module or keep this call.'],
    ]);
  });
});

describe('a key with a fallback', () => {
  const canonical = (key: string): string =>
    `import jwt from 'jsonwebtoken';\n\nexport function validateToken(token: string): unknown {\n  return jwt.verify(token, ${key});\n}\n`;
  const SITES = [
    "import jwt from 'jsonwebtoken';",
    '',
    "const SECRET = process.env.JWT_SECRET || 'dev-secret';",
    'export const a = (t: string) => jwt.verify(t, SECRET);',
    "export const b = (t: string) => jwt.verify(t, process.env.JWT_SECRET ?? '');",
    '',
  ].join('\n');

  it('is another key whenever the variable is unset: a follow-up naming the fallback, unless the canonical has the same', () => {
    const dir = tempDir('jwt-ssot-keys-');
    writeFiles(dir, { 'src/auth/jwt.ts': canonical('process.env.JWT_SECRET!') });
    expect(outcomes(projectOf(dir, 'src/auth/jwt.ts').migrate(path.join(dir, 'src/routes.ts'), SITES))).toEqual([
      [4, 'follow-up', "Verifies with `SECRET` (env JWT_SECRET (or 'dev-secret' when unset)) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call."],
      // An empty fallback fails like a missing variable: still the same key.
      [5, 'rewritten', undefined],
    ]);

    const same = tempDir('jwt-ssot-keys-');
    writeFiles(same, { 'src/auth/jwt.ts': canonical('process.env.JWT_SECRET || "dev-secret"') });
    expect(outcomes(projectOf(same, 'src/auth/jwt.ts').migrate(path.join(same, 'src/routes.ts'), SITES)).map(([line, outcome]) => [line, outcome])).toEqual([
      [4, 'rewritten'],
      [5, 'follow-up'],
    ]);
  });
});
