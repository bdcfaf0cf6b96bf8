import path from 'node:path';

/** A path with `/` separators: how settings, reports and import specifiers spell paths on every OS. */
export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
