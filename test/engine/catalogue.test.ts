import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIBRARIES, LIBRARY_FILES, type LibraryEntry } from '../../packages/engine/index.js';

const librariesFolder = path.join(__dirname, '../../packages/engine/catalogue/libraries');
const libraryFiles = fs
  .readdirSync(librariesFolder)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();

const entriesOf = (value: LibraryEntry | readonly LibraryEntry[]): readonly LibraryEntry[] => (Array.isArray(value) ? value : [value as LibraryEntry]);

describe('the catalogue index', () => {
  it('registers every file in catalogue/libraries/ exactly once, under its file name', () => {
    expect(Object.keys(LIBRARY_FILES).sort()).toEqual(libraryFiles);
  });

  it('registers what each library file default-exports', async () => {
    for (const name of libraryFiles) {
      const module = (await import(pathToFileURL(path.join(librariesFolder, `${name}.ts`)).href)) as { default: LibraryEntry | readonly LibraryEntry[] };
      expect(LIBRARY_FILES[name], name).toBe(module.default);
    }
  });

  it('lists every entry of every file once in LIBRARIES', () => {
    const expected = Object.values(LIBRARY_FILES).flatMap(entriesOf);
    expect(LIBRARIES).toEqual(expected);
    expect(new Set(LIBRARIES).size).toBe(LIBRARIES.length);
  });

  it('gives no module specifier to two libraries', () => {
    const owners = new Map<string, LibraryEntry>();
    const shared: string[] = [];
    for (const library of LIBRARIES) {
      for (const module of library.modules) {
        if (owners.has(module)) shared.push(module);
        owners.set(module, library);
      }
    }
    expect(shared).toEqual([]);
  });

  it('keeps a package in one file: entries with the same name come from the same file', () => {
    const fileOf = new Map<string, string>();
    for (const [file, value] of Object.entries(LIBRARY_FILES)) {
      for (const entry of entriesOf(value)) {
        expect(fileOf.get(entry.name) ?? file, entry.name).toBe(file);
        fileOf.set(entry.name, file);
      }
    }
  });
});
