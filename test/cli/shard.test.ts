import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseShard, selectShard, shardOf, ShardSpecError, stableHash } from '../../packages/cli/shard.js';

const identity = (file: string): string => file;

describe('parseShard', () => {
  it('reads i/n with optional spaces', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(parseShard(' 3 / 3 ')).toEqual({ index: 3, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('1000/1000')).toEqual({ index: 1000, count: 1000 });
  });

  it.each([
    ['0/4', 'between 1 and 4'],
    ['5/4', 'between 1 and 4'],
    ['1/0', 'at least 1'],
    ['2', 'expected i/n'],
    ['a/b', 'expected i/n'],
    ['-1/2', 'expected i/n'],
    ['1/2/3', 'expected i/n'],
    ['1/4294967297', 'at most 1000 shards'],
    ['1/1001', 'at most 1000 shards'],
  ])('rejects %s with a reason', (value, reason) => {
    expect(() => parseShard(value)).toThrow(ShardSpecError);
    expect(() => parseShard(value)).toThrow(reason);
    expect(() => parseShard(value)).toThrow(`--shard ${value}`);
  });
});

describe('stableHash / shardOf', () => {
  it('is FNV-1a: fixed values that must never change between releases (CI jobs of one run may mix versions)', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('src/auth/jwt-handler.ts')).toBe(stableHash('src/auth/jwt-handler.ts'));
  });

  it('treats Windows separators and a leading ./ like the POSIX path', () => {
    expect(shardOf('src\\a\\b.ts', 7)).toBe(shardOf('src/a/b.ts', 7));
    expect(shardOf('./src/a/b.ts', 7)).toBe(shardOf('src/a/b.ts', 7));
  });

  it('always lands in 1..n', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 64 }), (file, count) => {
        const shard = shardOf(file, count);
        return Number.isInteger(shard) && shard >= 1 && shard <= count;
      }),
    );
  });
});

describe('selectShard', () => {
  it('splits any list into disjoint shards that together hold every file once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}(\/[a-z]{1,6}){0,3}\.ts$/), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (files, count) => {
        const shards = Array.from({ length: count }, (_, index) => selectShard(files, { index: index + 1, count }, identity));
        const all = shards.flat();
        expect(all.length).toBe(files.length);
        expect(new Set(all)).toEqual(new Set(files));
      }),
    );
  });

  it('does not depend on the order of the listing or on the other files', () => {
    const files = Array.from({ length: 200 }, (_, index) => `src/module-${index}/file-${index % 13}.ts`);
    const spec = { index: 2, count: 3 };
    const forward = selectShard(files, spec, identity);
    const backward = selectShard([...files].reverse(), spec, identity);
    expect(backward).toEqual(forward);
    // Removing files from other shards does not move this shard's files.
    const others = new Set(files.filter((file) => !forward.includes(file)));
    const fewer = files.filter((file, index) => !(others.has(file) && index % 2 === 0));
    expect(selectShard(fewer, spec, identity)).toEqual(forward);
  });

  it('returns the shard in sorted order and maps objects through their relative path', () => {
    const files = ['b.ts', 'a.ts', 'c/d.ts', 'c/a.ts'].map((rel) => ({ rel, absolute: `/p/${rel}` }));
    const shard = selectShard(files, { index: 1, count: 1 }, (file) => file.rel);
    expect(shard).toHaveLength(4);
    for (const count of [2, 3]) {
      for (let index = 1; index <= count; index++) {
        const picked = selectShard(files, { index, count }, (file) => file.rel).map((file) => file.rel);
        expect(picked).toEqual([...picked].sort());
        for (const rel of picked) expect(shardOf(rel, count)).toBe(index);
      }
    }
  });

  it('balances a realistic tree roughly evenly', () => {
    const files = Array.from({ length: 4000 }, (_, index) => `src/domain-${index % 17}/feature-${index % 5}/file-${index}.ts`);
    const sizes = [1, 2, 3, 4].map((index) => selectShard(files, { index, count: 4 }, identity).length);
    for (const size of sizes) expect(Math.abs(size - 1000)).toBeLessThan(150);
  });
});
