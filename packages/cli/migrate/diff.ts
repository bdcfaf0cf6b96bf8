/** The dry run's view of a change: a unified diff with paths relative to where the user ran the command. */
import { createTwoFilesPatch } from 'diff';

export function unifiedDiff(displayPath: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, undefined, undefined, { context: 3 });
  // The "Index:"/"===" preamble adds nothing to a per-file diff.
  return patch.replace(/^={10,}\r?\n/m, '').replace(/^Index: .*\r?\n/m, '');
}
