import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jwtEvidence } from '../../packages/cli/audit/evidence.js';
import { readSettings } from '../../packages/engine/index.js';
import { removeTree, writeTree } from './helpers.js';

const CHUNK = 1024 * 1024;

describe('jwtEvidence (files over the size limit)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeTree));
  const evidenceIn = (text: string, name = 'src/big.js'): string | undefined => {
    const dir = writeTree({ [name]: text });
    dirs.push(dir);
    return jwtEvidence(path.join(dir, name), readSettings({ 'jwt-ssot': { root: dir, authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }] } }, dir));
  };

  it('finds a require of a JWT library cut in two by the chunk boundary', () => {
    const call = "require('jsonwebtoken')";
    const text = `${'x'.repeat(CHUNK - 10)};${call}\n`;
    expect(evidenceIn(text)).toBe("it imports the JWT library 'jsonwebtoken'");
  });

  it('finds imports, re-exports and private auth paths, and nothing in base64 or prose', () => {
    expect(evidenceIn("export { decode } from 'jwt-decode';\n")).toBe("it imports the JWT library 'jwt-decode'");
    expect(evidenceIn("import { k } from './auth/internal/keys';\n")).toBe("it imports the private auth path './auth/internal/keys'");
    expect(evidenceIn(`const blob = '${'and0IGp3dC5zaWduIGpzb253ZWJ0b2tlbg=='.repeat(1000)}';\n// uses jwt and jsonwebtoken\n`)).toBeUndefined();
    expect(evidenceIn("import fs from 'node:fs';\nconst jwt = 'jsonwebtoken';\n")).toBeUndefined();
  });
});
