import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, describeCanonical, findingsFor, parseFile, readSettings } from '../../packages/engine/index.js';

const ROOT = '/project';
const settings = readSettings(
  {
    'jwt-ssot': {
      canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } },
      authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }],
    },
  },
  ROOT,
);

function findings(rule: Parameters<typeof findingsFor>[0], code: string, relative = 'src/app.ts') {
  const filename = path.join(ROOT, relative);
  const { ast, scopeManager } = parseFile(filename, code);
  return findingsFor(rule, analyzeFile({ ast, scopeManager, filename, text: code, settings }), settings);
}

describe('finding data', () => {
  it('tells signing with alg none apart from verification that accepts none', () => {
    const code = [
      "import jwt from 'jsonwebtoken';",
      "jwt.sign(claims, key, { algorithm: 'none' });",
      "jwt.verify(token, key, { algorithms: ['none'] });",
    ].join('\n');
    const result = findings('no-unsafe-verify-options', code).map((f) => [f.messageId, f.node.loc.start.line]);
    expect(result).toEqual([
      ['signsUnsigned', 2],
      ['algorithmNone', 3],
    ]);
  });

  it('names a callable module once and a member with its library', () => {
    const code = "import koaJwt from 'koa-jwt';\nimport jwt from 'jsonwebtoken';\nkoaJwt({ secret });\njwt.verify(t, k);";
    expect(findings('no-direct-verify', code).map((f) => f.data.target)).toEqual(['koa-jwt', 'jsonwebtoken `verify`']);
  });

  it('names the auth module entry relative to root', () => {
    const code = "import { internalOnly } from './auth/internal/session';";
    const [finding] = findings('no-auth-import-bypass', code);
    expect(finding?.messageId).toBe('privateAuthImport');
    expect(finding?.data.entry).toBe('src/auth/index.ts');
  });
});

describe('structured fields', () => {
  // The audit, SARIF and markdown print these fields as they are: no consumer reads message data.
  const fields = (rule: Parameters<typeof findingsFor>[0], code: string, options?: Record<string, boolean>) => {
    const filename = path.join(ROOT, 'src/app.ts');
    const { ast, scopeManager } = parseFile(filename, code);
    return findingsFor(rule, analyzeFile({ ast, scopeManager, filename, text: code, settings }), settings, options).map(({ rule: id, kind, library, api, replacement, messageId }) => ({
      id,
      kind,
      library,
      api,
      replacement,
      messageId,
    }));
  };

  it('gives every rule its kind, library, api and replacement', () => {
    const code = [
      "import jwt from 'jsonwebtoken';",
      "import { internalOnly } from './auth/internal/session';",
      'jwt.verify(token, key, { ignoreExpiration: true });',
      'jwt.decode(token);',
      'jwt.sign(claims, process.env.JWT_SECRET);',
      'const lib = await import(`jose${variant}`);',
    ].join('\n');
    const verify = describeCanonical(settings, 'verify');
    expect(fields('no-direct-verify', code, { checkSign: true })).toEqual([
      { id: 'no-direct-verify', kind: 'verify', library: 'jsonwebtoken', api: 'verify', replacement: verify, messageId: 'directVerify' },
      { id: 'no-direct-verify', kind: 'sign', library: 'jsonwebtoken', api: 'sign', replacement: 'issue tokens through src/auth/jwt-handler.ts', messageId: 'directSign' },
    ]);
    expect(fields('no-direct-decode', code)).toEqual([
      { id: 'no-direct-decode', kind: 'decode', library: 'jsonwebtoken', api: 'decode', replacement: describeCanonical(settings, 'decode'), messageId: 'directDecode' },
    ]);
    expect(fields('no-auth-import-bypass', code)).toEqual([
      { id: 'no-auth-import-bypass', kind: 'import', library: 'jsonwebtoken', api: 'jsonwebtoken', replacement: 'import from src/auth/jwt-handler.ts', messageId: 'libraryImport' },
      { id: 'no-auth-import-bypass', kind: 'import', library: '(auth module)', api: './auth/internal/session', replacement: 'import from src/auth/index.ts', messageId: 'privateAuthImport' },
      { id: 'no-auth-import-bypass', kind: 'unanalysable', library: '(unknown)', api: 'import()', replacement: 'import src/auth/jwt-handler.ts with a literal specifier', messageId: 'unanalysableModule' },
    ]);
    expect(fields('no-jwt-secret-access', code)).toEqual([
      { id: 'no-jwt-secret-access', kind: 'secret', library: '(environment)', api: 'JWT_SECRET', replacement: 'keep JWT keys inside src/auth/jwt-handler.ts', messageId: 'secretAccess' },
    ]);
    expect(fields('no-unsafe-verify-options', code)).toEqual([
      { id: 'no-unsafe-verify-options', kind: 'unsafe-options', library: 'jsonwebtoken', api: 'verify', replacement: `${verify} with pinned algorithms and expiry checks`, messageId: 'ignoreExpiration' },
    ]);
  });

  it('applies the declared defaults for options not given', () => {
    const code = "import jwt from 'jsonwebtoken';\njwt.sign(claims, key);";
    expect(fields('no-direct-verify', code)).toEqual([]);
    expect(fields('no-direct-verify', code, { checkSign: true })).toHaveLength(1);
  });
});

describe('fallback decoding', () => {
  it('follows a failure path into a local helper that decodes the same token', () => {
    const code = [
      "import jwt from 'jsonwebtoken';",
      'function peek(token: string) {',
      '  return jwt.decode(token);',
      '}',
      'export function check(token: string) {',
      '  try {',
      "    return jwt.verify(token, 'k', { algorithms: ['HS256'] });",
      '  } catch {',
      '    return peek(token);',
      '  }',
      '}',
      'export function unrelated(other: string) {',
      '  return peek(other);',
      '}',
    ].join('\n');
    const result = findings('no-unsafe-verify-options', code);
    expect(result.map((f) => [f.messageId, f.node.loc.start.line, f.node.loc.start.column])).toEqual([['fallbackDecode', 9, 11]]);
    expect(result[0]?.data.line).toBe('7');
  });

  it('ignores a helper call with another token or a shadowed helper name', () => {
    const code = [
      "import jwt from 'jsonwebtoken';",
      'const peek = (token: string) => jwt.decode(token);',
      'export function check(token: string, other: string) {',
      '  try {',
      "    return jwt.verify(token, 'k', { algorithms: ['HS256'] });",
      '  } catch {',
      '    const peekLocal = (t: string) => t;',
      '    return [peek(other), peekLocal(token)];',
      '  }',
      '}',
    ].join('\n');
    expect(findings('no-unsafe-verify-options', code)).toEqual([]);
  });
});

describe('default secret names', () => {
  it('reports keys and secrets, not JWT configuration', () => {
    const code = [
      'const a = process.env.JWT_SECRET;',
      'const b = process.env.JWT_PRIVATE_KEY;',
      'const c = process.env.JWT_EXPIRES_IN;',
      'const d = process.env.JWT_ISSUER;',
      'const e = process.env.NEXTAUTH_SECRET;',
      'const f = process.env.SESSION_SECRET;',
    ].join('\n');
    expect(findings('no-jwt-secret-access', code).map((f) => f.data.name)).toEqual(['JWT_SECRET', 'JWT_PRIVATE_KEY', 'NEXTAUTH_SECRET', 'SESSION_SECRET']);
  });
});

describe('secret hosts', () => {
  it('reads process through globalThis too', () => {
    const code = "const a = globalThis.process.env.JWT_SECRET;\nconst b = window.process.env.JWT_SECRET;\nconst c = foo.process.env.JWT_SECRET;";
    expect(findings('no-jwt-secret-access', code).map((f) => [f.data.source, f.node.loc.start.line])).toEqual([
      ['globalThis.process.env', 1],
      ['window.process.env', 2],
    ]);
  });
});
