/** A small project the audit tests scan: a canonical module, bypasses, suppressions and tests. */
import { settingsConfig } from './helpers.js';

export const SETTINGS = {
  canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
  allow: ['test/**', '__tests__/**'],
};

export const PROJECT: Record<string, string> = {
  // tmp/ is ignored twice, as projects that spread their .gitignore into the config (includeIgnoreFile) do:
  // the audit, like ESLint, goes by the config's ignores alone.
  'eslint.config.js': settingsConfig(SETTINGS, "{ ignores: ['generated/**', 'tmp/**'] }, "),
  '.gitignore': 'tmp/\n',
  'package.json': '{ "name": "audit-fixture", "private": true }\n',
  'src/auth/jwt-handler.ts': [
    "import jwt from 'jsonwebtoken';",
    "const SECRET = process.env.JWT_SECRET ?? '';",
    'export function validateToken(token: string) {',
    "  return jwt.verify(token, SECRET, { algorithms: ['HS256'] });",
    '}',
    'export function decodeToken(token: string) {',
    '  return jwt.decode(token);',
    '}',
    '',
  ].join('\n'),
  'src/api/orders.ts': [
    "import jwt from 'jsonwebtoken';",
    "import { helper } from '../lib/index.js';",
    '',
    'export function readOrder(token: string) {',
    "  const claims = jwt.verify(token, 'k', { algorithms: ['HS256'] });",
    '  return { claims, helper };',
    '}',
    '',
  ].join('\n'),
  'src/api/users.ts': [
    "import { jwtDecode } from 'jwt-decode'; // eslint-disable-line jwt-ssot/no-auth-import-bypass -- migrating in PR 42",
    'export function who(token: string) {',
    '  // eslint-disable-next-line jwt-ssot/no-direct-decode',
    '  return jwtDecode(token);',
    '}',
    '',
  ].join('\n'),
  'src/api/legacy.js': [
    '/* eslint-disable jwt-ssot/no-direct-verify -- old callback API */',
    "const jwt = require('jsonwebtoken');",
    "module.exports = (t) => jwt.verify(t, 'k', { algorithms: ['HS256'] });",
    '/* eslint-enable jwt-ssot/no-direct-verify */',
    "module.exports.again = (t) => jwt.verify(t, 'k', { algorithms: ['HS256'] });",
    '',
  ].join('\n'),
  'src/lib/index.ts': "export { helper } from './helper.js';\n",
  'src/lib/helper.ts': 'export const helper = 1;\n',
  'src/lib/peek.ts': "export const peek = (token: string) => JSON.parse(atob(token.split('.')[1]!));\n",
  'src/routes/index.ts': "export { route } from './orders-route';\n",
  'src/routes/orders-route.ts': "import { readOrder } from '../api/orders.js';\nexport const route = readOrder;\n",
  'test/orders.test.ts': "import { route } from '../src/routes';\nimport jwt from 'jsonwebtoken';\nroute(jwt.sign({}, 'k'));\n",
  '__tests__/legacy.spec.js': "const legacy = require('../src/api/legacy.js');\nlegacy('t');\n",
  'generated/token.ts': "import jwt from 'jsonwebtoken';\njwt.verify('a', 'b');\n",
  'tmp/scratch.ts': "import jwt from 'jsonwebtoken';\njwt.verify('a', 'b');\n",
};
