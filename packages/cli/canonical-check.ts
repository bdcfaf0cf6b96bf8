/**
 * Settings checked against the code before a command runs: `canonical.module` must be a file that exists
 * inside `root` and exports the configured `exports.verify` / `exports.decode` names (ES or CommonJS
 * exports), or a package that resolves from `root`. A mismatch is one UsageError (exit 2) naming the
 * setting, the file and what is wrong, so migrate never runs against a validator that is not there.
 *
 * A package-name canonical module is only required to resolve (when the caller asks): its entry is
 * usually built output, so its exports are not read; the type check after a migration catches a wrong name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveSourceFile, resolverFor, SETTINGS_KEY, toPosix, type Settings } from '../engine/index.js';
import { cacheFolder, cachedModuleExportNames } from './canonical-cache.js';
import { moduleExportNames } from './canonical-exports.js';
import { UsageError } from './command.js';

/** A setting that names one function or several (`'validateToken'` or `['validateAccess', 'validateRefresh']`). */
export function settingNames(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

export interface CanonicalCheckOptions {
  /** Where the settings come from, for the message (the ESLint config file). */
  readonly configFile?: string;
  /** Require a package-name canonical module to resolve from `root` (migrate imports it). */
  readonly resolvePackages?: boolean;
  /** Remember the module's export names by content (canonical-cache.ts): the audit, run on every commit, need not parse it each time. */
  readonly cacheExports?: boolean;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** What is wrong with the canonical settings, as one sentence, or undefined when they match the code. */
export function canonicalProblem(settings: Settings, options: CanonicalCheckOptions = {}): string | undefined {
  const canonical = settings.canonical;
  if (!canonical) return undefined;
  const setting = (key: string): string => `settings['${SETTINGS_KEY}'].canonical.${key}`;
  const resolver = resolverFor(settings);
  const rootLabel = toPosix(settings.root);
  if (canonical.file === undefined) {
    if (!options.resolvePackages) return undefined;
    const found = resolver.resolve(path.join(settings.root, 'package.json'), canonical.module);
    return found ? undefined : `${setting('module')} is the package '${canonical.module}', which does not resolve from ${rootLabel}; install it, or name the module's file.`;
  }
  const file = resolveSourceFile(canonical.file, resolver);
  if (!file || !isFile(file)) {
    return `${setting('module')}: ${canonical.module} does not exist (looked for ${toPosix(canonical.file)} relative to root ${rootLabel}).`;
  }
  if (!isInside(realpath(settings.root), realpath(file))) {
    return `${setting('module')}: ${canonical.module} lies outside root ${rootLabel}; move the module into the project, or set root to a folder that contains it.`;
  }
  const exported = options.cacheExports ? cachedModuleExportNames(file, resolver, cacheFolder(settings.root)) : moduleExportNames(file, resolver);
  const missing: string[] = [];
  for (const [key, names] of [
    ['exports.verify', settingNames(canonical.exports.verify)],
    ['exports.decode', settingNames(canonical.exports.decode)],
  ] as const) {
    for (const name of names) if (!exported.has(name)) missing.push(`${setting(key)}: ${canonical.module} does not export ${name}`);
  }
  if (missing.length === 0) return undefined;
  const offered = [...exported].filter((name) => name !== 'default').sort();
  return `${missing.join('; ')} (it exports ${offered.length > 0 ? offered.join(', ') : 'nothing'}).`;
}

/** Throws a UsageError (exit 2) when the canonical settings do not match the code. */
export function assertCanonicalMatchesCode(settings: Settings, options: CanonicalCheckOptions = {}): void {
  const problem = canonicalProblem(settings, options);
  if (problem === undefined) return;
  throw new UsageError(options.configFile ? `${options.configFile}: ${problem}` : problem);
}
