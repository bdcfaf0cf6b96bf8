import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IGNORED_BY_CONFIG, listSourceFiles } from '../../packages/cli/files.js';
import { removeTree, writeTree } from './helpers.js';

describe('listSourceFiles', () => {
  let dir: string;
  let outside: string;

  beforeAll(() => {
    outside = writeTree({ 'elsewhere.ts': 'export const x = 1;\n' }, 'jwt-ssot-outside-');
    dir = writeTree({
      '.gitignore': 'dist/\n*.generated.ts\n!keep.generated.ts\n',
      'src/a.ts': '',
      'src/b.tsx': '',
      'src/c.mjs': '',
      'src/d.cjs': '',
      'src/e.mts': '',
      'src/f.cts': '',
      'src/g.jsx': '',
      'src/h.js': '',
      'src/readme.md': '',
      'src/data.json': '{}',
      'src/x.generated.ts': '',
      'src/keep.generated.ts': '',
      'src/nested/.gitignore': 'local-only.ts\n',
      'src/nested/local-only.ts': '',
      'src/nested/kept.ts': '',
      'dist/out.js': '',
      'node_modules/pkg/index.js': '',
      'packages/app/node_modules/dep/index.ts': '',
    });
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git/hook.js'), '');
    fs.symlinkSync(outside, path.join(dir, 'src/link-out'));
    fs.symlinkSync(path.join(dir, 'src'), path.join(dir, 'src/nested/loop'));
    fs.symlinkSync(path.join(dir, 'src/a.ts'), path.join(dir, 'src/alias.ts'));
  });
  afterAll(() => {
    removeTree(dir);
    removeTree(outside);
  });

  it('lists every JS/TS extension, sorted, honouring nested .gitignore files and negations', async () => {
    const { files } = await listSourceFiles([], { cwd: dir, root: dir });
    expect(files.map((file) => path.relative(dir, file))).toEqual([
      'src/a.ts',
      'src/alias.ts',
      'src/b.tsx',
      'src/c.mjs',
      'src/d.cjs',
      'src/e.mts',
      'src/f.cts',
      'src/g.jsx',
      'src/h.js',
      'src/keep.generated.ts',
      'src/nested/kept.ts',
    ]);
  });

  it('never follows a symlink out of the project and stops at loops', async () => {
    const { skipped } = await listSourceFiles([], { cwd: dir, root: dir });
    const reasons = Object.fromEntries(skipped.map((item) => [path.relative(dir, item.file), item.reason]));
    expect(reasons['src/link-out']).toMatch(/outside the project/);
    expect(reasons['src/nested/loop']).toMatch(/loop/);
  });

  it('reports explicit paths that are ignored, missing or not sources instead of dropping them silently', async () => {
    const { files, skipped } = await listSourceFiles(['src/x.generated.ts', 'src/readme.md', 'nope.ts', 'src/h.js'], { cwd: dir, root: dir });
    expect(files).toEqual([path.join(dir, 'src/h.js')]);
    const reasons = Object.fromEntries(skipped.map((item) => [path.relative(dir, item.file), item.reason]));
    expect(reasons['src/x.generated.ts']).toBe('ignored by .gitignore');
    expect(reasons['src/readme.md']).toMatch(/not a JavaScript\/TypeScript source file/);
    expect(reasons['nope.ts']).toBe('not found');
  });

  it('applies the root .gitignore to a sub-folder scan', async () => {
    const { files } = await listSourceFiles(['src'], { cwd: dir, root: dir });
    expect(files).not.toContain(path.join(dir, 'src/x.generated.ts'));
    expect(files).not.toContain(path.join(dir, 'src/nested/local-only.ts'));
    expect(files).toContain(path.join(dir, 'src/nested/kept.ts'));
  });

  it("with ESLint's ignores: no .gitignore, ignored folders never entered and listed once, ignored files listed", async () => {
    const asked: string[] = [];
    const eslint = {
      isDirectoryIgnored: async (folder: string) => {
        asked.push(path.relative(dir, folder));
        return path.relative(dir, folder) === 'dist';
      },
      isIgnored: async (file: string) => path.relative(dir, file) === 'src/h.js',
    };
    const { files, skipped } = await listSourceFiles([], { cwd: dir, root: dir, eslint });
    const listed = files.map((file) => path.relative(dir, file));
    // .gitignore names these; ESLint lints them.
    expect(listed).toContain('src/x.generated.ts');
    expect(listed).toContain('src/nested/local-only.ts');
    expect(listed).not.toContain('src/h.js');
    expect(listed.some((file) => file.startsWith('dist/'))).toBe(false);
    expect(asked).not.toContain('dist/out.js');
    expect(asked).not.toContain('node_modules');
    const ignored = skipped.filter((item) => item.reason === IGNORED_BY_CONFIG).map((item) => path.relative(dir, item.file));
    expect(ignored).toEqual(['dist', 'src/h.js']);
  });

  it("with ESLint's ignores, an explicit path inside an ignored folder is ignored", async () => {
    const eslint = { isDirectoryIgnored: async (folder: string) => path.relative(dir, folder) === 'src/nested', isIgnored: async () => false };
    const { files, skipped } = await listSourceFiles(['src/nested/kept.ts', 'src/a.ts'], { cwd: dir, root: dir, eslint });
    expect(files).toEqual([path.join(dir, 'src/a.ts')]);
    expect(skipped).toEqual([{ file: path.join(dir, 'src/nested/kept.ts'), reason: IGNORED_BY_CONFIG }]);
  });

  it("can apply both ESLint's ignores and .gitignore (migrate), listing only ESLint's", async () => {
    const eslint = { isDirectoryIgnored: async () => false, isIgnored: async (file: string) => path.relative(dir, file) === 'src/a.ts' };
    const { files, skipped } = await listSourceFiles(['src'], { cwd: dir, root: dir, eslint, gitignore: true });
    const listed = files.map((file) => path.relative(dir, file));
    expect(listed).not.toContain('src/x.generated.ts');
    expect(listed).not.toContain('src/a.ts');
    expect(listed).toContain('src/nested/kept.ts');
    expect(skipped.filter((item) => item.reason === IGNORED_BY_CONFIG).map((item) => path.relative(dir, item.file))).toEqual(['src/a.ts']);
  });
});
