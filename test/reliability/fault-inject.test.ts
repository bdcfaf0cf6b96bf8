/**
 * A small version of scripts/fault-inject.mjs: `migrate --write` killed with SIGKILL while it writes, with
 * SIGINT, and at a random moment, while an editor saves files. Whatever the timing, every file must be
 * its original, its migration, or the editor's save, no save is overwritten, and no temporary file is
 * left once the next run has cleaned up. The timing only picks which allowed outcome a round ends in.
 */
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/helpers.js';
// @ts-expect-error: a plain ESM script without type declarations.
import { runFaultInjection } from '../../scripts/fault-inject.mjs';

interface Round {
  readonly signal: string;
  readonly problems: readonly string[];
}

describe('fault injection', { timeout: 900_000 }, () => {
  it('loses nothing when migrate --write is killed, interrupted or raced by an editor', async () => {
    ensureBuilt();
    const rounds = (await runFaultInjection({ files: 60, rounds: 3, seed: 11, aim: (index: number) => index < 2 })) as Round[];
    expect(rounds.map((round) => round.signal)).toEqual(['SIGKILL', 'SIGKILL', 'SIGINT']);
    expect(rounds.flatMap((round) => round.problems)).toEqual([]);
  });
});
