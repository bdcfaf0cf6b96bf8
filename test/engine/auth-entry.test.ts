import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../migrate/helpers.js';
import { createResolver, exportedNames, resolveSourceFile } from '../../packages/engine/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = tempDir('jwt-ssot-entry-');
  dirs.push(dir);
  writeFiles(dir, files);
  return dir;
}

describe('resolveSourceFile', () => {
  it('finds an entry named with or without its extension, or by its folder', () => {
    const dir = project({ 'src/auth/index.ts': '', 'src/auth/session.mts': '' });
    expect(resolveSourceFile(path.join(dir, 'src/auth/index'))).toBe(path.join(dir, 'src/auth/index.ts'));
    expect(resolveSourceFile(path.join(dir, 'src/auth'))).toBe(path.join(dir, 'src/auth/index.ts'));
    expect(resolveSourceFile(path.join(dir, 'src/auth/session'))).toBe(path.join(dir, 'src/auth/session.mts'));
    expect(resolveSourceFile(path.join(dir, 'src/auth/missing'))).toBeUndefined();
  });
});

describe('exportedNames', () => {
  it('follows `export *` through relative paths, `.js` endings and tsconfig aliases, but not into packages', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./src/*'] } } }),
      'src/auth/index.ts': [
        "export * from './verify.js';",
        "export * from '~/auth/decode';",
        "export * as keys from './keys';",
        "export * from 'some-package';",
        'export default function entry() {}',
        '',
      ].join('\n'),
      'src/auth/verify.ts': 'export function validateToken() {}\nexport default 1;\n',
      'src/auth/decode.ts': 'export const decodeToken = 1, other = 2;\n',
      'src/auth/keys.ts': 'export const key = 1;\n',
    });
    const names = exportedNames(path.join(dir, 'src/auth/index.ts'), createResolver());
    expect([...names].sort()).toEqual(['decodeToken', 'default', 'keys', 'other', 'validateToken']);
  });

  it('sees an edit that keeps the size and the modification time (cached by content, not mtime)', () => {
    const dir = project({ 'src/entry.ts': 'export const aaaa = 1;\n' });
    const file = path.join(dir, 'src/entry.ts');
    const { atime, mtime } = fs.statSync(file);
    expect([...exportedNames(file)]).toEqual(['aaaa']);
    fs.writeFileSync(file, 'export const bbbb = 1;\n');
    fs.utimesSync(file, atime, mtime);
    expect([...exportedNames(file)]).toEqual(['bbbb']);
  });

  it('sees an edit in a re-exported file', () => {
    const dir = project({ 'src/entry.ts': "export * from './inner';\n", 'src/inner.ts': 'export const first = 1;\n' });
    const file = path.join(dir, 'src/entry.ts');
    expect([...exportedNames(file)]).toEqual(['first']);
    fs.writeFileSync(path.join(dir, 'src/inner.ts'), 'export const second = 1;\n');
    expect([...exportedNames(file)]).toEqual(['second']);
  });
});
