/**
 * Reading a source file for the audit and migrate, with a specific reason for every file that cannot be
 * used: too large, unreadable, vanished since it was listed, binary. Text that is not valid UTF-8 is read
 * as Latin-1 (one byte, one character), so lines and columns stay right and migrate can write the file
 * back byte-for-byte outside its edits; a BOM is reported so callers can drop it for parsing.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { ParseError } from '../engine/index.js';

export type SourceEncoding = 'utf8' | 'latin1';

export interface SourceText {
  /** The decoded text, BOM included (callers strip it before parsing). */
  readonly text: string;
  readonly encoding: SourceEncoding;
  readonly size: number;
}

export type SourceRead = { readonly ok: true; readonly source: SourceText } | { readonly ok: false; readonly message: string };

/** Bytes sampled to tell text from binary, as git does. */
const SAMPLE = 8000;

/** NUL anywhere, or (outside UTF-8) more than 1 in 50 sampled bytes are control characters. */
export function isBinary(buffer: Buffer, utf8: boolean): boolean {
  if (buffer.includes(0)) return true;
  if (utf8) return false;
  const sample = buffer.subarray(0, SAMPLE);
  let controls = 0;
  for (const byte of sample) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) || byte === 0x7f) controls++;
  }
  return controls * 50 > sample.length;
}

/** What went wrong reading or writing a file, without paths or stack traces (the report names the file). */
export function describeFsError(error: unknown, action: 'read' | 'write'): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return action === 'read'
        ? 'File vanished during the run (deleted or moved after it was listed); not processed.'
        : 'File vanished during the run (deleted or moved before it could be written); nothing written.';
    case 'EACCES':
    case 'EPERM':
      return action === 'read'
        ? `Permission denied: cannot read the file (${code}).`
        : `Permission denied: cannot write the file or its folder (${code}: read-only?); file left unchanged.`;
    case 'EISDIR':
      return 'Is a folder, not a file.';
    case 'ELOOP':
      return 'Symlink loop (the link resolves to itself).';
    case 'EROFS':
      return 'Read-only file system; file left unchanged.';
    default:
      return `Cannot ${action} the file (${code ?? (error as Error).message}).`;
  }
}

const TOO_DEEP = 'expressions nested too deeply for the parser (it ran out of stack).';

/**
 * A parse failure as one line, `<prefix> at line:column: reason`, without the file path (the report names
 * the file); the parser running out of stack means deep nesting, said so rather than "Maximum call stack".
 */
export function describeParseError(error: unknown, prefix = 'Parse error'): string {
  if (error instanceof ParseError) {
    const marker = 'cannot parse: ';
    const reason = error.message.slice(error.message.indexOf(marker) + marker.length);
    if (/maximum call stack size exceeded/i.test(reason)) return `${prefix}: ${TOO_DEEP}`;
    return `${prefix}${error.line === undefined ? '' : ` at ${error.line}:${error.column ?? 0}`}: ${reason}`;
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) return `${prefix}: ${TOO_DEEP}`;
  return `${prefix}: ${(error as Error).message}`;
}

export function readSourceFile(file: string, maxFileSize: number, verb = 'analyse', sizeHint = '; raise --max-file-size'): SourceRead {
  let buffer: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > maxFileSize) {
      return { ok: false, message: `File too large to ${verb} (${size} bytes > ${maxFileSize}${sizeHint}).` };
    }
    buffer = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, message: describeFsError(error, 'read') };
  }
  const utf8 = isUtf8(buffer);
  if (isBinary(buffer, utf8)) {
    return { ok: false, message: `Binary file (${buffer.includes(0) ? 'contains NUL bytes' : 'control bytes, not text'}); not ${verb}d.` };
  }
  return { ok: true, source: { text: buffer.toString(utf8 ? 'utf8' : 'latin1'), encoding: utf8 ? 'utf8' : 'latin1', size: buffer.length } };
}

/** The bytes to write for `text` in the file's own encoding; Latin-1 cannot hold every character. */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer {
  if (encoding === 'latin1') {
    const index = text.search(/[^\u0000-\u00ff]/u);
    if (index !== -1) {
      throw new Error(`The file is Latin-1 and the new text needs a character it cannot hold (U+${text.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0')}); file left unchanged.`);
    }
  }
  return Buffer.from(text, encoding);
}
