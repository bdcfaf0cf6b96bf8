/**
 * Several canonical verify functions (settings `exports.verify` as a list): what each one checks is learned
 * from the canonical module, each site is rewritten onto the function that checks the same (key and
 * options), several names from the module share one import, and a key no function uses is a follow-up that
 * names the candidates. The fixture projects are test/fixtures/multi-{ts,esm,cjs,nest}.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../packages/engine/index.js';
import { migrateFile, MigrationProject, type CanonicalShape, type MigrateResult } from '../../packages/rewrite/index.js';

const FIXTURES = path.join(__dirname, '../fixtures');
const VERIFY = ['validateAccessToken', 'validateRefreshToken', 'validateEmailToken'];

function projectOf(root: string, canonical: string): MigrationProject {
  return new MigrationProject(readSettings({ 'jwt-ssot': { canonical: { module: canonical, exports: { verify: VERIFY } } } }, root));
}

/** Migrates a fixture file, then migrates the result again: the second run must change nothing. */
function migrateTwice(project: MigrationProject, root: string, file: string): MigrateResult {
  const full = path.join(root, file);
  const result = project.migrate(full, fs.readFileSync(full, 'utf8'));
  const again = project.migrate(full, result.text);
  expect(again.changed, `second run on ${file}`).toBe(false);
  return result;
}

const outcomes = (result: MigrateResult) => result.sites.map((site) => [site.line, site.outcome, site.reason]);

describe('several verify functions in TypeScript (test/fixtures/multi-ts)', () => {
  const root = path.join(FIXTURES, 'multi-ts');
  const project = projectOf(root, 'src/auth/tokens.ts');
  const migrate = (file: string) => migrateTwice(project, root, file);

  it('learns what each function checks: its key (through the config module), its options, async or not', () => {
    const verifiers = project.canonicalShape().verifiers!;
    expect(verifiers.map(({ name, async, keySources, verifyOptions }) => ({ name, async, keySources, verifyOptions }))).toEqual([
      { name: 'validateAccessToken', async: false, keySources: [{ kind: 'env', name: 'JWT_SECRET' }], verifyOptions: { algorithms: "['HS256']" } },
      { name: 'validateRefreshToken', async: false, keySources: [{ kind: 'env', name: 'JWT_REFRESH_SECRET' }], verifyOptions: { algorithms: "['HS256']" } },
      { name: 'validateEmailToken', async: true, keySources: [{ kind: 'env', name: 'EMAIL_SECRET' }], verifyOptions: { algorithms: "['HS256']", audience: "'email-change'" } },
    ]);
  });

  it('rewrites an access-token site onto validateAccessToken', () => {
    const result = migrate('src/routes/api.ts');
    expect(outcomes(result)).toEqual([[5, 'rewritten', undefined]]);
    expect(result.text).toContain("import { validateAccessToken } from '../auth/tokens';");
    expect(result.text).toContain('  return validateAccessToken(header.slice(7));');
  });

  it('rewrites a refresh-token site onto validateRefreshToken', () => {
    const result = migrate('src/routes/refresh.ts');
    expect(result.text).toBe(
      ["import { validateRefreshToken } from '../auth/tokens';", '', 'export function rotate(refreshToken: string) {', '  return validateRefreshToken(refreshToken);', '}', ''].join('\n'),
    );
  });

  it('rewrites an e-mail-change site onto the async validateEmailToken, awaited', () => {
    const result = migrate('src/routes/email.ts');
    expect(result.text).toContain('  const claims = await validateEmailToken(link);');
    expect(result.text).toContain("import { validateEmailToken } from '../auth/tokens';");
  });

  it('maps each site of one file to its function, imports both names in one import, and names the candidates for a fourth key', () => {
    const result = migrate('src/routes/account.ts');
    expect(outcomes(result)).toEqual([
      [5, 'rewritten', undefined],
      [6, 'rewritten', undefined],
      [11, 'follow-up', 'Verifies with LICENSE_SECRET; none of validateAccessToken (JWT_SECRET), validateRefreshToken (JWT_REFRESH_SECRET), validateEmailToken (EMAIL_SECRET) uses that key; decide which function verifies this token.'],
      [15, 'follow-up', 'Options issuer are not what validateAccessToken enforces; move them into the canonical module or keep this call.'],
    ]);
    expect(result.text).toContain("import { validateAccessToken, validateRefreshToken } from '../auth/tokens';");
    expect(result.text).toContain('  const user = validateAccessToken(access);\n  const family = validateRefreshToken(refresh);');
  });
});

describe('several verify functions in ES module JavaScript (test/fixtures/multi-esm)', () => {
  const root = path.join(FIXTURES, 'multi-esm');
  const project = projectOf(root, 'src/auth/tokens.js');

  it('learns each function through `export { local as name }`, `export const` arrows and key encoders', () => {
    expect(project.canonicalShape().verifiers!.map((verifier) => [verifier.name, verifier.async, verifier.keySources])).toEqual([
      ['validateAccessToken', true, [{ kind: 'env', name: 'JWT_SECRET' }]],
      ['validateRefreshToken', true, [{ kind: 'env', name: 'JWT_REFRESH_SECRET' }]],
      ['validateEmailToken', true, [{ kind: 'env', name: 'EMAIL_SECRET' }]],
    ]);
  });

  it('rewrites the jose forms onto the function with the same key and follows up the invite key', () => {
    const result = migrateTwice(project, root, 'src/routes/session.js');
    expect(outcomes(result)).toEqual([
      [5, 'rewritten', undefined],
      [10, 'rewritten', undefined],
      [15, 'rewritten', undefined],
      [
        19,
        'follow-up',
        'Verifies with `new TextEncoder().encode(process.env.INVITE_SECRET)` (env INVITE_SECRET); none of validateAccessToken (JWT_SECRET), validateRefreshToken (JWT_REFRESH_SECRET), validateEmailToken (EMAIL_SECRET) uses that key; decide which function verifies this token.',
      ],
    ]);
    expect(result.text).toContain("import { validateAccessToken, validateRefreshToken, validateEmailToken } from '../auth/tokens.js';");
    expect(result.text).toContain('  const payload = await validateRefreshToken(token);\n  return payload.sub;');
    expect(result.text).toContain('  return await validateEmailToken(token);');
  });
});

describe('several verify functions in CommonJS (test/fixtures/multi-cjs)', () => {
  const root = path.join(FIXTURES, 'multi-cjs');
  const project = projectOf(root, 'src/auth/tokens.js');

  it('rewrites each site onto its function in one require, and follows up the fourth key', () => {
    const result = migrateTwice(project, root, 'src/routes/session.js');
    expect(outcomes(result)).toEqual([
      [5, 'rewritten', undefined],
      [9, 'rewritten', undefined],
      [13, 'rewritten', undefined],
      [17, 'follow-up', 'Verifies with API_KEY_SECRET; none of validateAccessToken (JWT_SECRET), validateRefreshToken (JWT_REFRESH_SECRET), validateEmailToken (EMAIL_SECRET) uses that key; decide which function verifies this token.'],
    ]);
    expect(result.text).toContain("const { validateAccessToken, validateRefreshToken, validateEmailToken } = require('../auth/tokens');");
    expect(result.text).toContain('function user(token) {\n  return validateAccessToken(token);\n}');
    expect(result.text).toContain('function confirmEmail(token) {\n  return validateEmailToken(token);\n}');
  });
});

describe('keys read through a config service (test/fixtures/multi-nest)', () => {
  const root = path.join(FIXTURES, 'multi-nest');
  const project = new MigrationProject(readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/tokens.ts', exports: { verify: ['validateAccessToken', 'validateConfirmEmailToken'] } } } }, root));

  it('learns a `{ secret }` option read with configService.getOrThrow(path) as the function\'s key', () => {
    expect(project.canonicalShape().verifiers!.map((verifier) => [verifier.name, verifier.generic, verifier.keySources])).toEqual([
      ['validateAccessToken', false, [{ kind: 'config', path: 'auth.secret' }]],
      ['validateConfirmEmailToken', true, [{ kind: 'config', path: 'auth.confirmEmailSecret' }]],
    ]);
  });

  it('maps a site reading the same path through this.configService to that function; another path names the candidates', () => {
    const result = migrateTwice(project, root, 'src/auth/auth.service.ts');
    expect(result.sites.map((site) => [site.line, site.outcome, site.reason, site.rewrite?.[0]?.text])).toEqual([
      [
        13,
        'follow-up',
        '@nestjs/jwt `JwtService.verifyAsync` also verifies with what its module registration configures; check that its JwtModule registration sets no verifyOptions or secretOrKeyProvider that validateConfirmEmailToken does not match, then call validateConfirmEmailToken.',
        'await validateConfirmEmailToken<{ userId: number }>(hash)',
      ],
      [
        21,
        'follow-up',
        'Verifies with config auth.forgotSecret; none of validateAccessToken (config auth.secret), validateConfirmEmailToken (config auth.confirmEmailSecret) uses that key; decide which function verifies this token.',
        undefined,
      ],
    ]);
  });
});

describe('choosing among functions that check the same', () => {
  const settings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/tokens.ts', exports: { verify: ['validateSession', 'validateApiToken'] } } } }, FIXTURES);
  const same = { async: false, returns: 'payload', generic: false, verifyOptions: {}, keySources: [{ kind: 'env', name: 'JWT_SECRET' }] } as const;
  const shape: CanonicalShape = {
    verifyAsync: false,
    verifyReturns: 'payload',
    verifyGeneric: false,
    decodeAsync: false,
    decodeGeneric: false,
    secretEnv: ['JWT_SECRET'],
    verifyOptions: {},
    keySources: [{ kind: 'env', name: 'JWT_SECRET' }],
    verifiers: [
      { name: 'validateSession', ...same },
      { name: 'validateApiToken', ...same },
    ],
    source: 'test',
  };

  it('rewrites onto the first in settings order', () => {
    const result = migrateFile({
      file: path.join(FIXTURES, 'src/routes/me.ts'),
      text: "import jwt from 'jsonwebtoken';\n\nexport const me = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);\n",
      settings,
      canonicalShape: shape,
    });
    expect(result.text).toBe("import { validateSession } from '../auth/tokens';\n\nexport const me = (token: string) => validateSession(token);\n");
  });
});
