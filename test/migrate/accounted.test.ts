/**
 * Every finding left after `jwt-ssot migrate --write` is accounted for: on a small project with a finding of
 * every rule and kind, the audit that follows lists only sites under a follow-up comment (and says so), and
 * a second migrate changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../packages/cli/commands/audit.js';
import { runMigrate } from '../../packages/cli/commands/migrate.js';
import { FOLLOW_UP_PREFIX } from '../../packages/rewrite/index.js';
import { memoryIo, tempDir, writeFiles } from './helpers.js';

const SETTINGS = {
  canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
  authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }],
};

const FILES: Record<string, string> = {
  'eslint.config.mjs': `export default [{ settings: { 'jwt-ssot': ${JSON.stringify(SETTINGS)} } }];\n`,
  'src/auth/jwt-handler.ts': [
    'export function validateToken(token: string): { sub: string } {',
    '  return { sub: token };',
    '}',
    'export function decodeToken(token: string): { sub: string } {',
    '  return { sub: token };',
    '}',
    '',
  ].join('\n'),
  'src/auth/index.ts': "export { validateToken, decodeToken } from './jwt-handler';\nexport { sessionTtl } from './internal/session';\n",
  'src/auth/internal/session.ts': 'export const sessionTtl = 3600;\nexport const cookieName = "sid";\n',
  // Rewritten: verify and decode with the canonical key, and the config constant that fed the key.
  'src/routes/user.ts': [
    "import jwt from 'jsonwebtoken';",
    '',
    'const secret = process.env.JWT_SECRET!;',
    '',
    'export const user = (token: string) => jwt.verify(token, secret);',
    'export const peek = (token: string) => jwt.decode(token);',
    '',
  ].join('\n'),
  // Follow-ups: a callback verify, a fallback decode (unsafe), the import they keep.
  'src/legacy.ts': [
    "import jwt from 'jsonwebtoken';",
    '',
    'export function legacy(token: string, done: () => void) {',
    '  jwt.verify(token, process.env.JWT_SECRET!, done);',
    '}',
    '',
    'export function lenient(token: string) {',
    '  try {',
    "    return jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });",
    '  } catch {',
    '    return jwt.decode(token);',
    '  }',
    '}',
    '',
  ].join('\n'),
  // The library kept only for signing, an exported secret read, unsigned tokens.
  'src/issue.ts': [
    "import jwt from 'jsonwebtoken';",
    '',
    'export const signingKey = process.env.JWT_SECRET;',
    "export const issue = (sub: string, key: string) => jwt.sign({ sub }, key, { expiresIn: '1h' });",
    "export const unsigned = (sub: string) => jwt.sign({ sub }, '', { algorithm: 'none' });",
    '',
  ].join('\n'),
  // Private auth paths: one the entry exports (pointed at the entry), one it does not.
  'src/session.ts': [
    "import { sessionTtl } from './auth/internal/session';",
    "import { cookieName } from './auth/internal/session';",
    '',
    'export const cookie = `${cookieName}; Max-Age=${sessionTtl}`;',
    '',
  ].join('\n'),
  // Modules named at run time in a file that handles JWTs.
  'src/plugins.ts': [
    '// Loads the bearer-token (JWT) plugins named in the config.',
    'export async function load(name: string) {',
    '  const plugin = await import(name);',
    '  return plugin.default;',
    '}',
    '',
    'export function loadSync(name: string) {',
    '  return require(name);',
    '}',
    '',
  ].join('\n'),
};

interface JsonViolation {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly kind: string;
  readonly followUp?: boolean;
}

async function audit(dir: string, ...argv: string[]): Promise<string> {
  const io = memoryIo(dir);
  expect(await runAudit(argv, io)).toBe(1);
  return io.out();
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(FILES).map((file) => [file, fs.readFileSync(path.join(dir, file), 'utf8')]));
}

describe('after migrate --write, every finding is accounted for', { timeout: 240_000 }, () => {
  it('the audit lists only marked sites, says so in every format, and a second migrate changes nothing', async () => {
    const dir = tempDir();
    writeFiles(dir, FILES);
    const before = JSON.parse(await audit(dir, '--format', 'json', 'src')) as { violations: JsonViolation[] };
    // The project has a finding of every rule and kind.
    expect(new Set(before.violations.map((violation) => violation.rule))).toEqual(
      new Set(['no-auth-import-bypass', 'no-direct-decode', 'no-direct-verify', 'no-jwt-secret-access', 'no-unsafe-verify-options'].map((rule) => `jwt-ssot/${rule}`)),
    );
    expect(new Set(before.violations.map((violation) => violation.kind))).toEqual(new Set(['import', 'unanalysable', 'verify', 'decode', 'secret', 'unsafe-options']));
    expect(before.violations.some((violation) => violation.followUp)).toBe(false);

    const migrated = memoryIo(dir);
    expect(await runMigrate(['--write', 'src'], migrated)).toBe(0);
    const files = snapshot(dir);
    // Rewritten, with the constant and the import that only fed the rewrites gone.
    expect(files['src/routes/user.ts']).toBe(
      "import { validateToken, decodeToken } from '../auth/jwt-handler';\n\nexport const user = (token: string) => validateToken(token);\nexport const peek = (token: string) => decodeToken(token);\n",
    );
    expect(files['src/session.ts']).toContain("import { sessionTtl } from './auth';");

    const after = JSON.parse(await audit(dir, '--format', 'json', 'src')) as { violations: JsonViolation[]; summary: { violations: number; followUps?: number } };
    expect(after.violations.length).toBeGreaterThan(0);
    for (const violation of after.violations) {
      const lines = files[violation.file]!.split('\n');
      const label = `${violation.file}:${violation.line} ${violation.rule}`;
      expect(violation.followUp, label).toBe(true);
      // The marker is on the site's line (before a statement sharing it) or on the line right above.
      expect([lines[violation.line - 1], lines[violation.line - 2]].some((line) => line?.includes(FOLLOW_UP_PREFIX)), label).toBe(true);
    }
    // Every rule still has a marked site: the markers cover all of them, not only verify and decode.
    expect(new Set(after.violations.map((violation) => violation.rule)).size).toBe(5);
    expect(after.summary.followUps).toBe(after.summary.violations);
    // One comment per statement.
    for (const [file, text] of Object.entries(files)) {
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        if (line.includes(FOLLOW_UP_PREFIX)) expect(lines[index + 1], `${file}:${index + 1}`).not.toContain(FOLLOW_UP_PREFIX);
      });
    }

    const count = after.summary.violations;
    expect(await audit(dir, 'src')).toContain(`${count} marked for follow-up`);
    expect(await audit(dir, '--format', 'markdown', 'src')).toContain(`- Violations: ${count} (${count} marked for follow-up)`);

    const again = memoryIo(dir);
    expect(await runMigrate(['--write', '--format', 'json', 'src'], again)).toBe(0);
    expect((JSON.parse(again.out()) as { summary: { changed: number } }).summary.changed).toBe(0);
    expect(snapshot(dir)).toEqual(files);
  });
});
