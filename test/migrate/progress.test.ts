/** The migrate progress line and the "rewritten N of M sites" summary, without running a migration. */
import { describe, expect, it } from 'vitest';
import { describeSites } from '../../packages/cli/commands/migrate.js';
import { progressLine, shouldShowProgress } from '../../packages/cli/migrate/progress.js';
import { memoryIo } from './helpers.js';

function terminalIo(isTTY: boolean) {
  const io = memoryIo('/project');
  return { ...io, stderr: { write: io.stderr.write, isTTY } };
}

describe('migrate progress', () => {
  it('draws an overwritten line with grouped counts on a terminal, then clears it', () => {
    const io = terminalIo(true);
    const progress = progressLine(io, { format: 'text' });
    progress(0, 5000);
    progress(1234, 5000);
    progress(1250, 5000);
    progress(5000, 5000);
    expect(io.err()).toBe('\r\u001b[KMigrating 0 / 5,000 files…\r\u001b[KMigrating 1,250 / 5,000 files…\r\u001b[K');
  });

  it('stays silent for small trees, JSON output and a stderr that is not a terminal', () => {
    expect(shouldShowProgress(terminalIo(true), 201, { format: 'text' })).toBe(true);
    expect(shouldShowProgress(terminalIo(true), 200, { format: 'text' })).toBe(false);
    expect(shouldShowProgress(terminalIo(true), 5000, { format: 'json' })).toBe(false);
    expect(shouldShowProgress(terminalIo(false), 5000, { format: 'text' })).toBe(false);
    const io = terminalIo(false);
    const progress = progressLine(io, { format: 'text' });
    progress(0, 5000);
    progress(5000, 5000);
    expect(io.err()).toBe('');
  });
});

describe('rewritten N of M sites', () => {
  it('gives a percentage that never claims none or all when it is neither, and none for 0 of 0', () => {
    expect(describeSites({ planned: 0, rewritten: 0 })).toBe('rewritten 0 of 0 sites');
    expect(describeSites({ planned: 1, rewritten: 1 })).toBe('rewritten 1 of 1 site (100%)');
    expect(describeSites({ planned: 34, rewritten: 26 })).toBe('rewritten 26 of 34 sites (76%)');
    expect(describeSites({ planned: 3, rewritten: 0 })).toBe('rewritten 0 of 3 sites (0%)');
    expect(describeSites({ planned: 1000, rewritten: 1 })).toBe('rewritten 1 of 1000 sites (<1%)');
    expect(describeSites({ planned: 1000, rewritten: 999 })).toBe('rewritten 999 of 1000 sites (>99%)');
  });
});
