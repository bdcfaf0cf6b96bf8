/**
 * Evidence of JWT use in a file too large to analyse: an import, re-export or require of a JWT library
 * or of a private auth path. Such a file may hold sites the gate cannot vouch for, so it fails the gate;
 * a large file without it (a bundled tool, a data blob whose base64 happens to spell "jwt") is skipped.
 * The scan reads the file in chunks and runs one regular expression over each: linear in its size.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../../engine/index.js';

/** `from 'x'`, `import 'x'`, `import('x')`, `require('x')`; the quote must close on the same line. */
const MODULE_SPECIFIER = /\b(?:from|import|require)\s*\(?\s*(['"`])([^'"`\r\n]{1,300})\1/g;

const CHUNK = 1024 * 1024;
/** Carried from one chunk into the next, so a specifier cut by a chunk boundary is still seen. */
const OVERLAP = 512;

/** What makes `specifier`, imported from `file`, JWT use; undefined when nothing does. */
function evidenceOf(specifier: string, file: string, settings: Settings): string | undefined {
  if (settings.libraries.find(specifier)) return `it imports the JWT library '${specifier}'`;
  if (specifier.startsWith('.')) {
    const target = path.resolve(path.dirname(file), specifier);
    if (settings.authModules.some((module) => module.isPrivate(target))) return `it imports the private auth path '${specifier}'`;
  }
  return undefined;
}

/** A sentence naming the first JWT import in the file, or undefined when there is none. */
export function jwtEvidence(file: string, settings: Settings): string | undefined {
  const descriptor = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let carried = '';
    for (;;) {
      const read = fs.readSync(descriptor, buffer, 0, CHUNK, null);
      if (read === 0) return undefined;
      // Latin-1 keeps one character per byte: specifiers are ASCII, and no byte sequence can fail to decode.
      const text = carried + buffer.toString('latin1', 0, read);
      for (const match of text.matchAll(MODULE_SPECIFIER)) {
        const found = evidenceOf(match[2]!, file, settings);
        if (found) return found;
      }
      carried = text.slice(-OVERLAP);
    }
  } finally {
    fs.closeSync(descriptor);
  }
}
