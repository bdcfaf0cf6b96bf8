/**
 * What a `--shard i/n` report covered, so `merge-reports` can refuse a set that would pass falsely: a
 * missing shard (its files never audited), the same shard twice, or shards of different trees or
 * settings (their splits do not add up to one tree). Recorded in the JSON report as `shard` and in SARIF
 * as the run property `jwtSsotShard`.
 */
import crypto from 'node:crypto';
import type { ShardSpec } from '../shard.js';

export interface ShardCoverage {
  readonly index: number;
  readonly count: number;
  /** Hash of the full, sorted list of project-relative files the shards split. */
  readonly files: string;
  readonly fileCount: number;
  /** Hash of what decides the findings: the ESLint config's text, the preset and the jwt-ssot version. */
  readonly settings: string;
}

export const SARIF_SHARD_PROPERTY = 'jwtSsotShard';

const hash = (text: string): string => crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);

export function shardCoverage(spec: ShardSpec, relativeFiles: readonly string[], settingsParts: readonly string[]): ShardCoverage {
  const sorted = [...relativeFiles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { index: spec.index, count: spec.count, files: hash(sorted.join('\n')), fileCount: sorted.length, settings: hash(settingsParts.join('\0')) };
}

/** A report to merge: its name as given, and its shard record if it has one. */
export interface ShardedInput {
  readonly file: string;
  readonly shard?: ShardCoverage;
}

/**
 * Throws (with every reason, one per line) unless the inputs are either all unsharded, or exactly shards
 * 1..n of one split of one tree with one set of settings.
 */
export function checkShardSet(inputs: readonly ShardedInput[]): void {
  const sharded = inputs.filter((input) => input.shard !== undefined);
  if (sharded.length === 0) return;
  const problems: string[] = [];
  const unsharded = inputs.filter((input) => input.shard === undefined);
  if (unsharded.length > 0) problems.push(`${unsharded.map((input) => input.file).join(', ')} ${unsharded.length === 1 ? 'is' : 'are'} not a --shard report, the others are`);
  const first = sharded[0]!.shard!;
  for (const { file, shard } of sharded.slice(1)) {
    if (shard!.count !== first.count) problems.push(`${file} is shard ${shard!.index}/${shard!.count}, but ${sharded[0]!.file} is one of ${first.count}`);
    else if (shard!.files !== first.files) problems.push(`${file} split another file list (${shard!.fileCount} files) than ${sharded[0]!.file} (${first.fileCount}): a different tree or commit`);
    else if (shard!.settings !== first.settings) problems.push(`${file} was made with other settings (ESLint config, preset or jwt-ssot version) than ${sharded[0]!.file}`);
  }
  const byIndex = new Map<number, string[]>();
  for (const { file, shard } of sharded) byIndex.set(shard!.index, [...(byIndex.get(shard!.index) ?? []), file]);
  for (const [index, files] of [...byIndex].sort(([a], [b]) => a - b)) {
    if (files.length > 1) problems.push(`shard ${index}/${first.count} is given ${files.length} times (${files.join(', ')})`);
  }
  const missing = Array.from({ length: first.count }, (_, offset) => offset + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((index) => `${index}/${first.count}`).join(', ');
    problems.push(`missing shard${missing.length === 1 ? '' : 's'} ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}: their files were not audited`);
  }
  if (problems.length > 0) throw new Error(`Cannot merge these reports:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
}
