/**
 * `--shard i/n`: a deterministic split of the file list so a CI matrix can run the audit on several
 * machines and `jwt-ssot merge-reports` can join the results. A file's shard depends only on its path
 * relative to the project root (a stable hash), not on the machine, the order of the listing or which
 * other files exist, so every job of one CI run agrees on the split without talking to the others.
 */

export interface ShardSpec {
  /** 1-based, like the `i/n` users write and CI systems number their jobs (GitLab's CI_NODE_INDEX). */
  readonly index: number;
  readonly count: number;
}

export class ShardSpecError extends Error {
  constructor(value: string, reason: string) {
    super(`--shard ${value}: ${reason}`);
    this.name = 'ShardSpecError';
  }
}

/** More jobs than any CI matrix runs (GitHub Actions allows 256): a typo like 1/4294967297, not a plan. */
export const MAX_SHARDS = 1000;

/** Parses `i/n` (1 ≤ i ≤ n). Throws ShardSpecError with the reason otherwise. */
export function parseShard(value: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!match) throw new ShardSpecError(value, 'expected i/n, such as 1/4 (the first of four shards)');
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new ShardSpecError(value, 'the number of shards must be at least 1');
  if (count > MAX_SHARDS) throw new ShardSpecError(value, `at most ${MAX_SHARDS} shards (CI matrices are far smaller; a larger count only makes empty shards that pass)`);
  if (index < 1 || index > count) throw new ShardSpecError(value, `the shard index must be between 1 and ${count}`);
  return { index, count };
}

/** FNV-1a (32-bit) over the UTF-16 code units: tiny, fast, and the same on every platform and version. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The 1-based shard a file belongs to; `relativePath` uses forward slashes so Windows agrees. */
export function shardOf(relativePath: string, count: number): number {
  const key = relativePath.split('\\').join('/').replace(/^\.\//, '');
  return (stableHash(key) % count) + 1;
}

/**
 * The files of one shard, in sorted order. The shards of one list are disjoint and together hold every
 * file exactly once.
 */
export function selectShard<T>(files: readonly T[], spec: ShardSpec, relativePathOf: (file: T) => string): T[] {
  if (spec.count === 1) return [...files];
  const keyed = files.map((file) => ({ file, key: relativePathOf(file).split('\\').join('/') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.filter((item) => shardOf(item.key, spec.count) === spec.index).map((item) => item.file);
}
