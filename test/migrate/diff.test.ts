/**
 * The dry run's diff: minimal (jsdiff) for ordinary changes, linear for huge ones; both apply cleanly.
 * The 40,000-edit case used to take minutes in Myers' O(N·D) algorithm; here it only has to be right.
 */
import { applyPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearDiff, unifiedDiff } from '../../packages/cli/migrate/diff.js';

const line = fc.constantFrom('a', 'b', 'c', 'const x = 1;', '', '  return jwt.verify(token, key);', '  return validateToken(token);');

/** A text and a migrated version of it: lines replaced, inserted and deleted. */
const pair = fc
  .record({
    lines: fc.array(line, { maxLength: 60 }),
    edits: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'insert', 'delete'), text: line }), { maxLength: 20 }),
    beforeNewline: fc.boolean(),
    afterNewline: fc.boolean(),
  })
  .map(({ lines, edits, beforeNewline, afterNewline }) => {
    const after = [...lines];
    for (const edit of edits) {
      const at = after.length === 0 ? 0 : edit.at % after.length;
      if (edit.kind === 'insert') after.splice(at, 0, edit.text);
      else if (after.length > 0 && edit.kind === 'replace') after[at] = edit.text;
      else if (after.length > 0) after.splice(at, 1);
    }
    const join = (list: string[], newline: boolean): string => (list.length === 0 ? '' : `${list.join('\n')}${newline ? '\n' : ''}`);
    return { before: join(lines, beforeNewline), after: join(after, afterNewline) };
  });

describe('linearDiff', () => {
  it('is a patch that turns the old text into the new one', () => {
    fc.assert(
      fc.property(pair, ({ before, after }) => {
        expect(applyPatch(before, linearDiff('src/a.ts', before, after))).toBe(after);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('prints nothing but the header for equal texts', () => {
    expect(linearDiff('src/a.ts', 'x\ny\n', 'x\ny\n')).toBe('--- a/src/a.ts\n+++ b/src/a.ts\n');
  });
});

describe('unifiedDiff', () => {
  it('gives the minimal diff for ordinary changes', () => {
    expect(unifiedDiff('src/a.ts', 'a\nb\nc\n', 'a\nB\nc\n')).toBe('--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  });

  it('stays correct for 40,000 rewritten lines (the linear path)', () => {
    const before = Array.from({ length: 40_000 }, (_, index) => `export const v${index} = jwt.verify(t${index}, key);`).join('\n');
    const after = `import { validateToken } from './auth';\n${before.replace(/jwt\.verify\((t\d+), key\)/g, 'validateToken($1)')}`;
    const patch = unifiedDiff('src/big.ts', before, after);
    expect(applyPatch(before, patch)).toBe(after);
    expect(patch.split('\n').filter((row) => row.startsWith('+') && !row.startsWith('+++'))).toHaveLength(40_001);
  });
});
