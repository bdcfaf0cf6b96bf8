/**
 * The canonical module's export names, remembered between runs. Reading them parses the module (and
 * what it re-exports), which loads TypeScript: about half a second of CPU that `jwt-ssot audit <file>` in
 * a pre-commit hook would otherwise pay on every commit, even when the prefilter rules out every file.
 *
 * The names are a function of the files read and of how their specifiers resolve, so an entry records
 * both: each file's content hash (never its mtime: two writes within one clock tick must not hide an
 * edit) and each resolution. It is used only when every file still hashes the same and every specifier
 * still resolves to the same file; anything unreadable, changed or malformed means a fresh read.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { packageInfo } from '../engine/package-info.js';
import type { ResolveOptions, SpecifierResolver } from '../engine/resolve.js';
import { moduleExportNames } from './canonical-exports.js';
import { writeFileAtomic } from './write-atomic.js';

interface Resolution {
  readonly from: string;
  readonly specifier: string;
  readonly options: ResolveOptions;
  readonly result: string | null;
}

interface CacheEntry {
  readonly version: string;
  readonly file: string;
  readonly names: readonly string[];
  /** Every file the read may have opened → its content hash (null: it could not be read). */
  readonly hashes: Readonly<Record<string, string | null>>;
  readonly resolutions: readonly Resolution[];
}

function contentHash(file: string): string | null {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/** `<root>/node_modules/.cache/eslint-plugin-jwt-ssot`, where tools keep caches; none without node_modules. */
export function cacheFolder(root: string): string | undefined {
  const nodeModules = path.join(root, 'node_modules');
  try {
    if (!fs.statSync(nodeModules).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return path.join(nodeModules, '.cache', 'eslint-plugin-jwt-ssot');
}

function entryPath(folder: string, file: string): string {
  return path.join(folder, `canonical-exports-${createHash('sha256').update(file).digest('hex').slice(0, 16)}.json`);
}

function stillValid(entry: CacheEntry, file: string, resolver: SpecifierResolver): boolean {
  if (entry.version !== packageInfo().version || entry.file !== file || !Array.isArray(entry.names)) return false;
  for (const resolution of entry.resolutions) {
    if ((resolver.resolve(resolution.from, resolution.specifier, resolution.options) ?? null) !== resolution.result) return false;
  }
  return Object.entries(entry.hashes).every(([read, hash]) => contentHash(read) === hash);
}

function readEntry(location: string): CacheEntry | undefined {
  try {
    return JSON.parse(fs.readFileSync(location, 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
}

/** moduleExportNames(file), from the cache in `folder` when its inputs are unchanged, else read and remembered. */
export function cachedModuleExportNames(file: string, resolver: SpecifierResolver, folder: string | undefined): Set<string> {
  if (folder === undefined) return moduleExportNames(file, resolver);
  const location = entryPath(folder, file);
  const cached = readEntry(location);
  if (cached && stillValid(cached, file, resolver)) return new Set(cached.names);

  const resolutions: Resolution[] = [];
  const hashes: Record<string, string | null> = { [file]: contentHash(file) };
  // The same resolver, with every resolve() it answers written down.
  const recording = new Proxy(resolver, {
    get(target, property, receiver) {
      if (property !== 'resolve') return Reflect.get(target, property, receiver) as unknown;
      return (from: string, specifier: string, options: ResolveOptions = {}) => {
        const result = target.resolve(from, specifier, options);
        resolutions.push({ from, specifier, options, result: result ?? null });
        // Hashed before it is read: an edit during the read then fails the next run's check instead of hiding.
        if (result !== undefined && !(result in hashes)) hashes[result] = contentHash(result);
        return result;
      };
    },
  });
  const names = moduleExportNames(file, recording);
  const entry: CacheEntry = { version: packageInfo().version, file, names: [...names].sort(), hashes, resolutions };
  try {
    writeFileAtomic(location, `${JSON.stringify(entry)}\n`, { create: true });
  } catch {
    // A cache that cannot be written (read-only checkout): the next run reads the module again.
  }
  return names;
}
