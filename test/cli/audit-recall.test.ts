/**
 * The audit finds the sites issue 12 added to the engine, exactly where the ESLint rules do: private paths
 * through tsconfig and jsconfig `paths` aliases, @fastify/jwt decorators in route files of a project that
 * depends on the plugin, module names spelt with escapes, and env reads under an ambient `declare const`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../packages/cli/commands/audit.js';
import { removeTree, runInProcess, settingsConfig, writeTree } from './helpers.js';

const SETTINGS = {
  canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
  authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }],
};

const FILES: Record<string, string> = {
  'eslint.config.js': settingsConfig(SETTINGS),
  'package.json': JSON.stringify({ name: 'recall-fixture', private: true, dependencies: { '@fastify/jwt': '^9.0.0', fastify: '^5.0.0' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['src/*'] } }, include: ['src'] }),
  'src/auth/jwt-handler.ts': 'export const validateToken = (token: string) => token;\nexport const decodeToken = (token: string) => token;\n',
  'src/auth/index.ts': "export { validateToken } from './jwt-handler';\n",
  'src/auth/internal/session.ts': 'export const sessionTtl = 60;\n',
  'src/routes/profile.ts': "import { sessionTtl } from '@/auth/internal/session';\nexport async function routes(app) {\n  app.get('/me', async (request) => {\n    await request.jwtVerify();\n    return sessionTtl;\n  });\n}\n",
  'src/legacy/escaped.js': "const jwt = require('\\u006Asonwebtoken');\nmodule.exports = (t) => jwt.decode(t);\n",
  'src/config.ts': 'declare const process: { env: Record<string, string | undefined> };\nexport const secret = process.env.JWT_SECRET;\n',
  // A plain-JavaScript package of the same repository, whose aliases live in a jsconfig.json.
  'web/jsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~auth/*': ['../src/auth/*'] } } }),
  'web/app.js': "import { sessionTtl } from '~auth/internal/session';\nexport default sessionTtl;\n",
};

interface Violation {
  file: string;
  line: number;
  column: number;
  rule: string;
  kind: string;
  library: string;
  api: string;
}

describe('jwt-ssot audit: sites found by issue 12', () => {
  let dir: string;
  let sites: string[];
  beforeAll(async () => {
    dir = writeTree(FILES);
    const result = await runInProcess(runAudit, dir, ['--format', 'json']);
    sites = (JSON.parse(result.stdout) as { violations: Violation[] }).violations.map((v) => `${v.file}:${v.line}:${v.column} ${v.rule} ${v.kind} ${v.library} ${v.api}`);
  });
  afterAll(() => removeTree(dir));

  it('reports a private path imported through a tsconfig alias', () => {
    expect(sites).toContain('src/routes/profile.ts:1:28 jwt-ssot/no-auth-import-bypass import (auth module) @/auth/internal/session');
  });

  it('reports a private path imported through a jsconfig alias', () => {
    expect(sites).toContain('web/app.js:1:28 jwt-ssot/no-auth-import-bypass import (auth module) ~auth/internal/session');
  });

  it('reports a @fastify/jwt decorator in a routes file that does not register the plugin', () => {
    expect(sites).toContain('src/routes/profile.ts:4:11 jwt-ssot/no-direct-verify verify @fastify/jwt jwtVerify');
  });

  it('reports a require of an escaped module name and the decode it reaches', () => {
    expect(sites).toContain('src/legacy/escaped.js:1:13 jwt-ssot/no-auth-import-bypass import jsonwebtoken jsonwebtoken');
    expect(sites).toContain('src/legacy/escaped.js:2:25 jwt-ssot/no-direct-decode decode jsonwebtoken decode');
  });

  it('reports an env read under an ambient declare const process', () => {
    expect(sites).toContain('src/config.ts:2:23 jwt-ssot/no-jwt-secret-access secret (environment) JWT_SECRET');
  });
});
