/**
 * How a file spells the canonical module. Plain JavaScript that Node runs as ESM needs the real extension
 * (`./auth.js`): without it the migrated app fails at start with ERR_MODULE_NOT_FOUND, and nothing
 * type-checks a JavaScript project to catch it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../packages/engine/index.js';
import { canonicalImportSpecifier } from '../../packages/rewrite/import-specifier.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function project(packageJson: object | undefined, canonical: string): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-specifier-')));
  folders.push(root);
  if (packageJson) fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(packageJson));
  fs.mkdirSync(path.join(root, 'src/routes'), { recursive: true });
  fs.writeFileSync(path.join(root, canonical), 'export function validateToken(t) { return t; }\n');
  return root;
}

const specifier = (root: string, canonical: string, from: string, hints = { commonJs: false, importsUseJs: false }): string | undefined =>
  canonicalImportSpecifier(readSettings({ 'jwt-ssot': { canonical: { module: canonical, exports: { verify: 'validateToken' } } } }, root), path.join(root, from), hints);

describe('canonicalImportSpecifier for JavaScript', () => {
  it('adds the extension in a "type": "module" package, where Node requires it', () => {
    const root = project({ type: 'module' }, 'src/auth.js');
    expect(specifier(root, 'src/auth.js', 'src/routes/profile.js')).toBe('../auth.js');
  });

  it('keeps .mjs for an .mjs canonical module imported from an .mjs file, in any package', () => {
    const root = project(undefined, 'src/auth.mjs');
    expect(specifier(root, 'src/auth.mjs', 'src/routes/profile.mjs')).toBe('../auth.mjs');
  });

  it('adds none in a CommonJS package, nor for a require, nor for a TypeScript canonical module', () => {
    const commonJsRoot = project({}, 'src/auth.js');
    expect(specifier(commonJsRoot, 'src/auth.js', 'src/routes/profile.js')).toBe('../auth');
    const esmRoot = project({ type: 'module' }, 'src/auth.js');
    expect(specifier(esmRoot, 'src/auth.js', 'src/routes/legacy.cjs', { commonJs: true, importsUseJs: false })).toBe('../auth');
    const tsRoot = project({ type: 'module' }, 'src/auth.ts');
    expect(specifier(tsRoot, 'src/auth.ts', 'src/routes/profile.js')).toBe('../auth');
  });
});
