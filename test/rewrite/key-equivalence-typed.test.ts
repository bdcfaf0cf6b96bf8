/**
 * Key equivalence through the type checker (migrate only): where the syntactic trace stops (a namespace
 * re-export, `export =` / `import x = require()`, an enum member, a frozen config object), ts-morph's
 * symbol resolution proves that a site's key is the declaration the canonical function verifies with.
 * Each case is checked both ways: the editor's syntactic plan leaves it a follow-up, migrate rewrites it.
 * The TypeScript project is test/fixtures/keys-typed; the JavaScript ones are written per test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, parseFile, readSettings, type Settings } from '../../packages/engine/index.js';
import { migrateFile, MigrationProject, type MigrateResult, type PlanContext } from '../../packages/rewrite/index.js';
import { TypedKeys } from '../../packages/rewrite/key-source-typed.js';
import { tempDir, writeFiles } from '../migrate/helpers.js';

const TYPED_ROOT = path.join(__dirname, '../fixtures/keys-typed');

function settingsOf(root: string, canonical: string): Settings {
  return readSettings({ 'jwt-ssot': { canonical: { module: canonical, exports: { verify: 'validateToken' } } } }, root);
}

const outcomes = (result: MigrateResult) => result.sites.map((site) => [site.line, site.outcome, site.reason]);

/** Migrate's answer (typed fallback) and the syntactic answer alone, for one file's text. */
function bothWays(settings: Settings, project: MigrationProject, file: string, text: string) {
  const typed = project.migrate(file, text);
  const syntactic = migrateFile({ file, text, settings, canonicalShape: project.canonicalShape() });
  return { typed, syntactic };
}

// Each test loads TypeScript's checker over a small project; on a busy machine that takes a while (no timing is asserted).
describe('typed key equivalence in TypeScript (test/fixtures/keys-typed)', { timeout: 240_000 }, () => {
  const settings = settingsOf(TYPED_ROOT, 'src/auth/jwt.ts');
  const project = new MigrationProject(settings);
  const migrate = (name: string) => {
    const file = path.join(TYPED_ROOT, 'src/routes', name);
    return bothWays(settings, project, file, fs.readFileSync(file, 'utf8'));
  };

  it('cannot trace the canonical key by syntax: it comes through `import legacy = require(…)` and `export =`', () => {
    expect(project.canonicalShape().keySources).toEqual([{ kind: 'unknown' }]);
  });

  it('rewrites a key read through a namespace re-export (`export * as keys`) of the same static class member', () => {
    const { typed, syntactic } = migrate('namespace.ts');
    expect(outcomes(syntactic)).toEqual([[5, 'follow-up', 'Verifies with a key that is not a recognised secret (`cfg.keys.jwt`); check that validateToken uses the same key, then call it.']]);
    expect(outcomes(typed)).toEqual([[5, 'rewritten', undefined]]);
    // The namespace import only fed the key: the rewrite leaves it unused, so it goes too.
    expect(typed.text).toBe(
      [
        "import { validateToken } from '../auth/jwt';",
        '',
        'export function session(token: string) {',
        '  return validateToken(token);',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('rewrites the static class member itself (`Config.JWT_SECRET`, re-exported by a barrel)', () => {
    const { typed, syntactic } = migrate('static-member.ts');
    expect(outcomes(syntactic).map(([, outcome]) => outcome)).toEqual(['follow-up']);
    expect(outcomes(typed)).toEqual([[5, 'rewritten', undefined]]);
  });

  it('rewrites a local constant read from the same `export =` module the canonical function imports', () => {
    const { typed, syntactic } = migrate('export-equals.ts');
    expect(outcomes(syntactic).map(([, outcome]) => outcome)).toEqual(['follow-up']);
    expect(outcomes(typed)).toEqual([[6, 'rewritten', undefined]]);
    // The constant only fed the key and reads a property: it is removed with the key.
    expect(typed.text).toContain('export function profile(token: string) {\n  return validateToken(token);\n}');
  });

  it('keeps another static member a follow-up: resolving to a different declaration proves nothing', () => {
    const { typed } = migrate('refresh.ts');
    expect(outcomes(typed)).toEqual([[5, 'follow-up', 'Verifies with a key that is not a recognised secret (`cfg.keys.refresh`); check that validateToken uses the same key, then call it.']]);
  });

  it('changes nothing on a second run', () => {
    for (const name of fs.readdirSync(path.join(TYPED_ROOT, 'src/routes'))) {
      const file = path.join(TYPED_ROOT, 'src/routes', name);
      const once = project.migrate(file, fs.readFileSync(file, 'utf8'));
      expect(project.migrate(file, once.text).changed, name).toBe(false);
    }
  });
});

describe('typed key equivalence in JavaScript and for enum members', { timeout: 240_000 }, () => {
  const cases = {
    'a frozen CommonJS config object (`module.exports = Object.freeze({ … })`)': {
      files: {
        'src/config.js': 'module.exports = Object.freeze({\n  jwt: Object.freeze({ secret: process.env.JWT_SECRET, refreshSecret: process.env.JWT_REFRESH_SECRET }),\n});\n',
        'src/auth/jwt.js': "const jwt = require('jsonwebtoken');\n\nfunction validateToken(token) {\n  return jwt.verify(token, process.env.JWT_SECRET);\n}\n\nmodule.exports = { validateToken };\n",
      },
      canonical: 'src/auth/jwt.js',
      site: 'src/routes/session.js',
      text: "const jwt = require('jsonwebtoken');\nconst config = require('../config');\n\nfunction session(token) {\n  return jwt.verify(token, config.jwt.secret);\n}\n\nfunction refresh(token) {\n  return jwt.verify(token, config.jwt.refreshSecret);\n}\n\nmodule.exports = { session, refresh };\n",
      expected: [
        [5, 'rewritten', undefined],
        [9, 'follow-up', 'Verifies with a key that is not a recognised secret (`config.jwt.refreshSecret`); check that validateToken uses the same key, then call it.'],
      ],
    },
    'a frozen ES module default export (`export default Object.freeze({ … })`)': {
      files: {
        'package.json': '{ "type": "module" }\n',
        'src/config.js': 'export default Object.freeze({\n  jwt: Object.freeze({ secret: process.env.JWT_SECRET, refreshSecret: process.env.JWT_REFRESH_SECRET }),\n});\n',
        'src/auth/jwt.js': "import jwt from 'jsonwebtoken';\n\nexport function validateToken(token) {\n  return jwt.verify(token, process.env.JWT_SECRET);\n}\n",
      },
      canonical: 'src/auth/jwt.js',
      site: 'src/routes/session.js',
      text: "import jwt from 'jsonwebtoken';\nimport config from '../config.js';\n\nexport const session = (token) => jwt.verify(token, config.jwt.secret);\nexport const refresh = (token) => jwt.verify(token, config.jwt.refreshSecret);\n",
      expected: [
        [4, 'rewritten', undefined],
        [5, 'follow-up', 'Verifies with a key that is not a recognised secret (`config.jwt.refreshSecret`); check that validateToken uses the same key, then call it.'],
      ],
    },
    'a declaration reached by types whose initialiser the syntax traces (`Deno.env.get(…)` behind `export * as`)': {
      files: {
        'src/config/keys.ts': "declare const Deno: { env: { get(name: string): string | undefined } };\n\nexport const jwt = Deno.env.get('JWT_SECRET')!;\nexport const refresh = Deno.env.get('JWT_REFRESH_SECRET')!;\n",
        'src/config/index.ts': "export * as keys from './keys';\n",
        'src/auth/jwt.ts': "import jwt from 'jsonwebtoken';\n\nexport function validateToken(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET!);\n}\n",
      },
      canonical: 'src/auth/jwt.ts',
      site: 'src/routes/session.ts',
      text: "import jwt from 'jsonwebtoken';\nimport { keys } from '../config';\n\nexport const session = (token: string) => jwt.verify(token, keys.jwt);\nexport const refresh = (token: string) => jwt.verify(token, keys.refresh);\n",
      expected: [
        [4, 'rewritten', undefined],
        [5, 'follow-up', 'Verifies with a key that is not a recognised secret (`keys.refresh`); check that validateToken uses the same key, then call it.'],
      ],
    },
    'an enum member (the same member is the same key id, another member is not)': {
      files: {
        'src/keys.ts': "export enum KeyId {\n  Access = 'access-2024',\n  Refresh = 'refresh-2024',\n}\n",
        'src/auth/jwt.ts': "import jwt from 'jsonwebtoken';\nimport { KeyId } from '../keys';\n\nexport function validateToken(token: string) {\n  return jwt.verify(token, KeyId.Access);\n}\n",
      },
      canonical: 'src/auth/jwt.ts',
      site: 'src/routes/session.ts',
      text: "import jwt from 'jsonwebtoken';\nimport { KeyId } from '../keys';\n\nexport const session = (token: string) => jwt.verify(token, KeyId.Access);\nexport const refresh = (token: string) => jwt.verify(token, KeyId.Refresh);\n",
      expected: [
        [4, 'rewritten', undefined],
        [5, 'follow-up', 'Verifies with a key that is not a recognised secret (`KeyId.Refresh`); check that validateToken uses the same key, then call it.'],
      ],
    },
  };

  for (const [title, { files, canonical, site, text, expected }] of Object.entries(cases)) {
    it(`proves ${title} only with the type checker`, () => {
      const dir = tempDir('jwt-ssot-typed-keys-');
      writeFiles(dir, files);
      const settings = settingsOf(dir, canonical);
      const { typed, syntactic } = bothWays(settings, new MigrationProject(settings), path.join(dir, site), text);
      expect(syntactic.sites.map((outcome) => outcome.outcome)).toEqual(['follow-up', 'follow-up']);
      expect(outcomes(typed)).toEqual(expected);
    });
  }
});

describe('the typed path never overrules the syntax', { timeout: 240_000 }, () => {
  it('does not take a field the constructor sets for one key: each instance holds what it was given', () => {
    const dir = tempDir('jwt-ssot-typed-keys-');
    writeFiles(dir, {
      'src/keys.ts':
        'export class KeyHolder {\n  readonly secret: string;\n\n  constructor(secret: string) {\n    this.secret = secret;\n  }\n}\n\nexport const access = new KeyHolder(process.env.JWT_SECRET!);\nexport const refresh = new KeyHolder(process.env.JWT_REFRESH_SECRET!);\n',
      'src/auth/jwt.ts': "import jwt from 'jsonwebtoken';\nimport { access } from '../keys';\n\nexport function validateToken(token: string) {\n  return jwt.verify(token, access.secret);\n}\n",
    });
    const settings = settingsOf(dir, 'src/auth/jwt.ts');
    const text = "import jwt from 'jsonwebtoken';\nimport { refresh } from '../keys';\n\nexport const session = (token: string) => jwt.verify(token, refresh.secret);\n";
    const { typed } = bothWays(settings, new MigrationProject(settings), path.join(dir, 'src/routes/session.ts'), text);
    expect(outcomes(typed)).toEqual([[4, 'follow-up', 'Verifies with a key that is not a recognised secret (`refresh.secret`); check that validateToken uses the same key, then call it.']]);
  });

  it('is not asked when both keys were traced and differ, even where the types would say the same', () => {
    const settings = settingsOf(TYPED_ROOT, 'src/auth/jwt.ts');
    const file = path.join(TYPED_ROOT, 'src/routes/namespace.ts');
    const text = fs.readFileSync(file, 'utf8');
    const { ast, scopeManager } = parseFile(file, text);
    const analysis = analyzeFile({ ast, scopeManager, filename: file, text, settings });
    const key = analysis.calls[0]!.args[1]!;
    const shape = new MigrationProject(settings).canonicalShape();
    const ctx = (keySources: PlanContext['shape']['keySources']) => ({ file, text, ast, scopeManager, settings, analysis, shape: { ...shape, keySources } }) as unknown as PlanContext;
    const typedKeys = new TypedKeys(settings);
    // Untraced on both sides: the checker proves the same static member.
    expect(typedKeys.sameKey(ctx([{ kind: 'unknown' }]), key, { kind: 'unknown' })).toBe(true);
    // Traced on both sides to different env variables: the syntax has decided.
    expect(typedKeys.sameKey(ctx([{ kind: 'env', name: 'JWT_SECRET' }]), key, { kind: 'env', name: 'JWT_REFRESH_SECRET' })).toBe(false);
  });
});
