import { describe, expect, it } from 'vitest';
import { parseFile } from '../../packages/engine/index.js';
import { isCommonJsFile } from '../../packages/rewrite/index.js';

const commonJs = (file: string, code: string): boolean => isCommonJsFile(file, parseFile(file, code).ast);

describe('isCommonJsFile', () => {
  it('follows the extension first', () => {
    expect(commonJs('/p/a.cjs', "import x from 'y';")).toBe(true);
    expect(commonJs('/p/a.cts', 'export {};')).toBe(true);
    expect(commonJs('/p/a.mjs', "const x = require('y');")).toBe(false);
    expect(commonJs('/p/a.mts', '')).toBe(false);
  });

  it('reads the module syntax of .js and .ts files', () => {
    expect(commonJs('/p/a.js', "const jwt = require('jsonwebtoken');\nmodule.exports = jwt;")).toBe(true);
    expect(commonJs('/p/a.ts', "const { verify } = require('jsonwebtoken').default;")).toBe(true);
    expect(commonJs('/p/a.js', 'exports.check = () => 1;')).toBe(true);
    expect(commonJs('/p/a.ts', "import jwt from 'jsonwebtoken';")).toBe(false);
    expect(commonJs('/p/a.js', 'export const x = 1;')).toBe(false);
  });

  it('treats a TypeScript file with neither imports nor requires as ESM', () => {
    expect(commonJs('/p/a.ts', "async function f() { const jwt = await import('jsonwebtoken'); return jwt; }")).toBe(false);
    expect(commonJs('/p/a.tsx', 'const a = 1;')).toBe(false);
  });
});

describe('isCommonJsFile with nested CommonJS', () => {
  it('sees a require inside a function', () => {
    expect(commonJs('/p/a.ts', "function f() { const jwt = require('jsonwebtoken'); return jwt; }")).toBe(true);
  });
});
