/**
 * A tree for the audit/ESLint agreement test: many libraries and import forms, every file flavour
 * (.cjs .mjs .jsx .tsx .mts .cts, CRLF, BOM), suppressions, private auth paths and unsafe options.
 */
export const AGREEMENT_SETTINGS = {
  canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
  allow: ['scripts/**'],
  authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }],
};

export const AGREEMENT_TREE: Record<string, string> = {
  'src/auth/jwt-handler.ts': [
    "import { jwtVerify, decodeJwt } from 'jose';",
    'const key = new TextEncoder().encode(process.env.JWT_SECRET);',
    "export const validateToken = (token: string) => jwtVerify(token, key, { algorithms: ['HS256'] });",
    'export const decodeToken = (token: string) => decodeJwt(token);',
    '',
  ].join('\n'),
  'src/auth/index.ts': "export { validateToken, decodeToken } from './jwt-handler';\nexport { keyId } from './internal/keys';\n",
  'src/auth/internal/keys.ts': "export const keyId = 'k1';\n",
  'src/billing/keys.ts': "import { keyId } from '../auth/internal/keys';\nexport const billingKey = keyId;\n",
  'src/api/jose-user.ts': [
    "import * as jose from 'jose';",
    'export async function check(token: string, key: Uint8Array) {',
    '  const { payload } = await jose.jwtVerify(token, key);',
    '  const claims = jose.decodeJwt(token);',
    '  return { payload, claims };',
    '}',
    '',
  ].join('\n'),
  'src/api/decode-v3.js': "import jwtDecode from 'jwt-decode';\nexport const read = (t) => jwtDecode(t);\n",
  'src/api/fast.mjs': [
    "import { createVerifier, createDecoder } from 'fast-jwt';",
    "const verify = createVerifier({ key: 'secret' });",
    'const decode = createDecoder();',
    'export const run = (t) => [verify(t), decode(t)];',
    '',
  ].join('\n'),
  'src/api/middleware.cjs': [
    "const { expressjwt } = require('express-jwt');",
    "const { Strategy } = require('passport-jwt');",
    "module.exports.mw = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });",
    "module.exports.strategy = new Strategy({ secretOrKey: 'k', jwtFromRequest: () => null }, () => {});",
    '',
  ].join('\n'),
  'src/api/unsafe.ts': [
    "import jwt from 'jsonwebtoken';",
    'export function lenient(token: string, key: string) {',
    '  try {',
    "    return jwt.verify(token, key, { ignoreExpiration: true, algorithms: ['none', 'HS256'] });",
    '  } catch {',
    '    return jwt.decode(token);',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/api/secrets.mts': [
    'const { JWT_SECRET, PORT } = process.env;',
    "export const signingKey = process.env['TOKEN_SIGNING_KEY'];",
    'export const fromVite = import.meta.env.VITE_JWT_PUBLIC_KEY;',
    'export const config = { JWT_SECRET, PORT };',
    '',
  ].join('\n'),
  'src/api/dynamic.cts': [
    "import jwt = require('jsonwebtoken');",
    "export const lazy = async (t: string) => (await import('jose')).decodeJwt(t);",
    "export const byName = (name: string) => require(name); // jwt helpers live here",
    "export const v = (t: string) => jwt.verify(t, 'k', { algorithms: ['HS256'] });",
    '',
  ].join('\n'),
  'src/api/reexport.ts': "export { verify as check } from 'jsonwebtoken';\nexport * from 'jwt-decode';\n",
  'src/ui/Profile.tsx': [
    "import { jwtDecode } from 'jwt-decode';",
    'export const Profile = ({ token }: { token: string }) => <span>{jwtDecode<{ sub: string }>(token).sub}</span>;',
    '',
  ].join('\n'),
  'src/ui/Badge.jsx': "const claims = (t) => JSON.parse(atob(t.split('.')[1]));\nexport const Badge = ({ t }) => <b>{claims(t).name}</b>;\n",
  'src/crlf.ts': "import jwt from 'jsonwebtoken';\r\n\r\nexport const c = (t: string) => jwt.verify(t, 'k', { algorithms: ['HS256'] });\r\n",
  'src/bom.ts': "\uFEFFimport { decode } from 'jsonwebtoken';\nexport const b = (t: string) => decode(t);\n",
  'src/suppressed.ts': [
    '/* eslint-disable jwt-ssot/no-auth-import-bypass -- vendor shim */',
    "import jwt from 'jsonwebtoken';",
    '/* eslint-enable */',
    "export const s = (t: string) => jwt.verify(t, 'k', { algorithms: ['HS256'] }); // eslint-disable-line jwt-ssot/no-direct-verify",
    '// eslint-disable-next-line',
    'export const d = (t: string) => jwt.decode(t);',
    "export const e = (t: string) => Buffer.from(t.split('.')[1]!, 'base64url').toString();",
    '',
  ].join('\n'),
  'src/lookalikes.ts': [
    "import { verify } from 'node:crypto';",
    'const local = { verify: (x: string) => x, decode: (x: string) => x };',
    "export const a = local.verify('t') + new TextDecoder().decode(new Uint8Array());",
    "export const b = verify('sha256', Buffer.from(''), 'k', Buffer.from(''));",
    "export const text = 'jwt.verify(token) in a string';",
    '',
  ].join('\n'),
  'src/plain.ts': 'export const add = (a: number, b: number) => a + b;\n',
  'scripts/mint.ts': "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({}, process.env.JWT_SECRET!);\n",
};

/**
 * A tree whose own eslint.config.js overrides the preset: a rule off, rules at `warn`, options, per-folder
 * overrides, a folder the config ignores (holding a nested config ESLint never loads) and a file only
 * .gitignore names (git-tracked in a real repository: ESLint lints it). The config reads the plugin from
 * a global the test sets, so ESLint and the audit, both in the test's process, use the same plugin object.
 */
export const OVERRIDES_TREE: Record<string, string> = {
  'eslint.config.js': [
    'const plugin = globalThis.__JWT_SSOT_PLUGIN__;',
    'module.exports = [',
    "  { ignores: ['frontend/**', 'vendor/**'] },",
    '  plugin.configs.recommended,',
    `  { settings: { 'jwt-ssot': ${JSON.stringify(AGREEMENT_SETTINGS)} } },`,
    "  { rules: { 'jwt-ssot/no-jwt-secret-access': 'off', 'jwt-ssot/no-direct-decode': 'warn' } },",
    "  { files: ['src/api/**'], rules: { 'jwt-ssot/no-direct-verify': ['error', { checkSign: true }] } },",
    "  { files: ['src/ui/**'], rules: { 'jwt-ssot/no-direct-decode': 'off' } },",
    "  { files: ['legacy/**'], rules: { 'jwt-ssot/no-auth-import-bypass': ['warn', { allowTypeImports: false }] } },",
    '];',
    '',
  ].join('\n'),
  '.gitignore': 'generated/\n',
  'src/auth/jwt-handler.ts': AGREEMENT_TREE['src/auth/jwt-handler.ts']!,
  'src/api/mint.ts': [
    "import jwt from 'jsonwebtoken';",
    "export const mint = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET!);",
    "export const check = (t: string) => jwt.verify(t, 'k', { algorithms: ['HS256'] });",
    'export const peek = (t: string) => jwt.decode(t);',
    '',
  ].join('\n'),
  'src/ui/Claims.tsx': [
    "import { jwtDecode } from 'jwt-decode';",
    'export const Claims = ({ token }: { token: string }) => <i>{jwtDecode<{ sub: string }>(token).sub}</i>;',
    '',
  ].join('\n'),
  'src/jobs/sign.ts': "import jwt from 'jsonwebtoken';\nexport const s = jwt.sign({}, 'k');\nexport const d = (t: string) => jwt.decode(t);\n",
  'legacy/types.ts': "import type { JwtPayload } from 'jsonwebtoken';\nexport type Claims = JwtPayload;\nexport const key = process.env.JWT_SECRET;\n",
  'generated/token.ts': "import jwt from 'jsonwebtoken';\nexport const v = (t: string) => jwt.verify(t, 'k', { algorithms: ['HS256'] });\n",
  'vendor/lib.ts': "import jwt from 'jsonwebtoken';\nexport const v = (t: string) => jwt.verify(t, 'k');\n",
  // A package ESLint never loads: the root config ignores this folder.
  'frontend/eslint.config.mjs': "import angular from 'angular-eslint-not-installed';\nexport default [angular];\n",
  'frontend/app.ts': "import jwt from 'jsonwebtoken';\nexport const v = (t: string) => jwt.verify(t, 'k');\n",
};
