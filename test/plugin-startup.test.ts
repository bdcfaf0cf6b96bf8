/**
 * Importing the plugin (every ESLint run, every `jwt-ssot audit` reading the config) loads neither
 * TypeScript nor the parser: the presets' parser loads @typescript-eslint/parser on the first file it
 * parses (packages/plugin/lazy-parser.ts). Checked on the built entry in a fresh process.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from './cli/helpers.js';

const MAIN = path.join(REPO, 'dist/packages/plugin/main.js');

const PROBE = [
  "const { Linter } = require('eslint');",
  'const stack = /[\\\\/]node_modules[\\\\/](typescript|@typescript-eslint[\\\\/]typescript-estree|@typescript-eslint[\\\\/]parser)[\\\\/]/;',
  // package.json reads (the version check, the parser's meta) are not the parser stack.
  'const loaded = () => [...new Set(Object.keys(require.cache).filter((file) => stack.test(file) && !file.endsWith("package.json")).map((file) => stack.exec(file)[1].replace(/\\\\/g, "/")))].sort();',
  `const plugin = require(${JSON.stringify(MAIN)});`,
  'const afterImport = loaded();',
  "const code = \"import jwt from 'jsonwebtoken';\\nexport const claims = (token: string) => jwt.decode(token);\\n\";",
  "const messages = new Linter().verify(code, [plugin.configs.recommended], { filename: 'src/session.ts' });",
  'process.stdout.write(JSON.stringify({ afterImport, afterLint: loaded(), messages: messages.map(({ ruleId, messageId, line, column }) => ({ ruleId, messageId, line, column })) }));',
].join('\n');

describe('importing the plugin', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('loads no TypeScript until ESLint parses a file, and then lints as before', () => {
    const result = spawnSync(process.execPath, ['-e', PROBE], { cwd: REPO, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const probe = JSON.parse(result.stdout) as { afterImport: string[]; afterLint: string[]; messages: unknown[] };
    expect(probe.afterImport).toEqual([]);
    expect(probe.afterLint).toEqual(expect.arrayContaining(['@typescript-eslint/parser', '@typescript-eslint/typescript-estree', 'typescript']));
    expect(probe.messages).toEqual([
      { ruleId: 'jwt-ssot/no-auth-import-bypass', messageId: 'libraryImport', line: 1, column: 1 },
      { ruleId: 'jwt-ssot/no-direct-decode', messageId: 'directDecode', line: 2, column: 42 },
    ]);
  });
});
