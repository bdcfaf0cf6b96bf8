/**
 * writeFileAtomic keeps what a rename would silently lose (owner, mode, symlinks, hard links, a concurrent
 * edit) or refuses with a reason, fails at once on an impossible report path, and temp files of a killed
 * run are removed by the next one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertWritableOutput, removeStaleTempFiles, writeFileAtomic, WriteRefusedError } from '../../packages/cli/write-atomic.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-write-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;

describe('writeFileAtomic', () => {
  it('replaces the content and keeps the mode', () => {
    const file = path.join(dir, 'a.ts');
    fs.writeFileSync(file, 'old', { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.statSync(file).mode & 0o7777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['a.ts']);
  });

  it('keeps the owner of a file owned by another user (as root), or refuses when it cannot', () => {
    const file = path.join(dir, 'owned.ts');
    fs.writeFileSync(file, 'old');
    if (isRoot) {
      fs.chownSync(file, 1234, 1234);
      writeFileAtomic(file, 'new');
      const stat = fs.statSync(file);
      expect([stat.uid, stat.gid, fs.readFileSync(file, 'utf8')]).toEqual([1234, 1234, 'new']);
    } else {
      // Without root the test cannot make a file owned by someone else; the own-file path must still work.
      writeFileAtomic(file, 'new');
      expect(fs.statSync(file).uid).toBe(process.getuid?.());
    }
  });

  it('writes through an in-project symlink to its target, and the link stays a link', () => {
    const target = path.join(dir, 'real.ts');
    const link = path.join(dir, 'link.ts');
    fs.writeFileSync(target, 'old');
    fs.symlinkSync('real.ts', link);
    writeFileAtomic(link, 'new', { within: dir });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
  });

  it('refuses a symlink that leads out of the project', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-outside-'));
    try {
      const project = path.join(dir, 'project');
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(outside, 'x.ts'), 'old');
      fs.symlinkSync(path.join(outside, 'x.ts'), path.join(project, 'x.ts'));
      expect(() => writeFileAtomic(path.join(project, 'x.ts'), 'new', { within: project })).toThrow(/symlink to .* outside the project; not written/);
      expect(fs.readFileSync(path.join(outside, 'x.ts'), 'utf8')).toBe('old');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a hard-linked file instead of breaking the link', () => {
    const file = path.join(dir, 'a.ts');
    fs.writeFileSync(file, 'old');
    fs.linkSync(file, path.join(dir, 'b.ts'));
    expect(() => writeFileAtomic(file, 'new')).toThrow(WriteRefusedError);
    expect(() => writeFileAtomic(file, 'new')).toThrow('has 2 hard links');
    expect(fs.readFileSync(path.join(dir, 'b.ts'), 'utf8')).toBe('old');
  });

  it('refuses a read-only file, even as root', () => {
    const file = path.join(dir, 'a.ts');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o444);
    expect(() => writeFileAtomic(file, 'new')).toThrow('is read-only; not written');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
  });

  it('refuses to overwrite a file that changed since it was read', () => {
    const file = path.join(dir, 'a.ts');
    fs.writeFileSync(file, 'edited in the editor meanwhile');
    expect(() => writeFileAtomic(file, 'migrated', { expected: 'what migrate read' })).toThrow('changed on disk since it was read');
    expect(fs.readFileSync(file, 'utf8')).toBe('edited in the editor meanwhile');
    expect(fs.readdirSync(dir)).toEqual(['a.ts']);
    writeFileAtomic(file, 'migrated', { expected: 'edited in the editor meanwhile' });
    expect(fs.readFileSync(file, 'utf8')).toBe('migrated');
  });

  it('creates a report folder, and fails at once under /proc instead of hanging', () => {
    writeFileAtomic(path.join(dir, 'reports', 'deep', 'x.json'), '{}', { create: true });
    expect(fs.readFileSync(path.join(dir, 'reports', 'deep', 'x.json'), 'utf8')).toBe('{}');
    if (fs.existsSync('/proc/self')) {
      expect(() => writeFileAtomic('/proc/nope/x.json', '{}', { create: true })).toThrow(/ENOENT|EACCES|EPERM/);
    }
  });
});

describe('removeStaleTempFiles', () => {
  it('removes our temp files whose process is gone, and nothing else', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    const stale = `.a.ts.jwt-ssot-${deadPid}-0badc0de.tmp`;
    const live = `.b.ts.jwt-ssot-${process.pid}-0badc0de.tmp`;
    const notOurs = '.c.ts.other-tool-1-0badc0de.tmp';
    for (const name of [stale, live, notOurs, 'a.ts']) fs.writeFileSync(path.join(dir, name), 'x');
    expect(removeStaleTempFiles([dir, dir]).map((file) => path.basename(file))).toEqual([stale]);
    expect(fs.readdirSync(dir).sort()).toEqual([live, notOurs, 'a.ts'].sort());
  });
});

describe('assertWritableOutput', () => {
  it('accepts a new file in a new folder, and names the path and the reason otherwise', () => {
    expect(() => assertWritableOutput(path.join(dir, 'reports', 'a.json'))).not.toThrow();
    expect(fs.readdirSync(path.join(dir, 'reports'))).toEqual([]);
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(() => assertWritableOutput(path.join(dir, 'file', 'a.json'))).toThrow(`cannot write ${path.join(dir, 'file', 'a.json')}: a part of the path is not a folder`);
    expect(() => assertWritableOutput(dir)).toThrow('it is not a regular file');
  });
});
