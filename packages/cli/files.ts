/**
 * Which files the CLI reads: JavaScript/TypeScript sources under the given paths, never entering
 * node_modules or .git, and never following a symlink out of the project or round in a loop. What else is
 * left out is the caller's choice: ESLint's selection (the config's `ignores`, asked per folder before
 * entering it and per file, and no .gitignore, as `eslint .` does) for the audit and migrate, or every
 * `.gitignore` on the way (nested ones too) for init's survey. The order is sorted so reports are
 * reproducible.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { toPosix } from '../engine/paths.js';

export const SOURCE_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];
const NEVER_ENTER = new Set(['node_modules', '.git']);

export interface SkippedPath {
  readonly file: string;
  readonly reason: string;
  /** Set when sources there could not be read (a folder without permission), not skipped by design. */
  readonly error?: boolean;
}

/**
 * ESLint's verdict on a path (see CliConfig): given, it replaces .gitignore (unless asked for both), and
 * what it excludes is listed as skipped with IGNORED_BY_CONFIG as the reason.
 */
export interface EslintIgnores {
  isIgnored(file: string): Promise<boolean>;
  isDirectoryIgnored(dir: string): Promise<boolean>;
}

export const IGNORED_BY_CONFIG = 'ignored by the ESLint config';

export interface SourceFileList {
  readonly files: string[];
  readonly skipped: SkippedPath[];
}

function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file));
}

interface GitignoreLevel {
  readonly dir: string;
  readonly rules: Ignore;
}


function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/** Why a symlink cannot be resolved: a loop of links (`a -> a`, `a -> b -> a`) or a missing target. */
function brokenLinkReason(link: string): string {
  try {
    fs.statSync(link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return 'symlink loop (the link resolves to itself)';
  }
  return 'broken symlink (its target does not exist)';
}

/** Reads and caches each folder's .gitignore (undefined when it has none). */
class Gitignores {
  private readonly byDir = new Map<string, Ignore | undefined>();

  constructor(private readonly root: string) {}

  private rulesOf(dir: string): Ignore | undefined {
    if (!this.byDir.has(dir)) {
      let rules: Ignore | undefined;
      try {
        rules = ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'));
      } catch {
        rules = undefined;
      }
      this.byDir.set(dir, rules);
    }
    return this.byDir.get(dir);
  }

  /** The .gitignore files that apply to entries of `dir`: from the root (or the dir itself) down. */
  levelsFor(dir: string): GitignoreLevel[] {
    const dirs: string[] = [];
    let current = dir;
    const top = isInside(dir, this.root) ? this.root : dir;
    for (;;) {
      dirs.push(current);
      if (current === top) break;
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    return dirs
      .reverse()
      .map((level) => ({ dir: level, rules: this.rulesOf(level) }))
      .filter((level): level is GitignoreLevel => level.rules !== undefined);
  }

  /** Git's rule: deeper files override shallower ones, later lines override earlier ones. */
  isIgnored(file: string, isDirectory: boolean, levels: readonly GitignoreLevel[]): boolean {
    let ignored = false;
    for (const level of levels) {
      const rel = toPosix(path.relative(level.dir, file));
      if (!rel || rel.startsWith('..')) continue;
      const result = level.rules.test(isDirectory ? `${rel}/` : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  /** Whether a path is ignored by itself or through an ignored parent folder. */
  isPathIgnored(file: string): boolean {
    let current = path.dirname(file);
    const chain: string[] = [];
    while (isInside(current, this.root) && current !== this.root) {
      chain.push(current);
      current = path.dirname(current);
    }
    for (const dir of chain.reverse()) {
      if (this.isIgnored(dir, true, this.levelsFor(path.dirname(dir)))) return true;
    }
    return this.isIgnored(file, false, this.levelsFor(path.dirname(file)));
  }
}

const IGNORED_BY_GITIGNORE = 'ignored by .gitignore';

/** Why a path is left out (undefined: it is not): ESLint's config when given, .gitignore files when asked. */
interface Exclusion {
  /** An entry met while walking `levels`' folder. */
  entry(full: string, isDirectory: boolean, levels: readonly GitignoreLevel[]): Promise<string | undefined>;
  /** An explicit path, whatever folder it sits in. */
  path(full: string, isDirectory: boolean): Promise<string | undefined>;
  levelsFor(dir: string): GitignoreLevel[];
}

function exclusionOf(root: string, eslint: EslintIgnores | undefined, useGitignore: boolean): Exclusion {
  const gitignores = useGitignore ? new Gitignores(root) : undefined;
  // ESLint enters a folder only when every folder on the way from the root is not ignored.
  const eslintPath = async (full: string, isDirectory: boolean): Promise<boolean> => {
    if (!eslint) return false;
    const chain: string[] = [];
    for (let dir = isDirectory ? full : path.dirname(full); isInside(dir, root) && dir !== root; dir = path.dirname(dir)) chain.push(dir);
    for (const dir of chain.reverse()) if (await eslint.isDirectoryIgnored(dir)) return true;
    return isDirectory ? false : eslint.isIgnored(full);
  };
  return {
    async entry(full, isDirectory, levels) {
      if (eslint && (await (isDirectory ? eslint.isDirectoryIgnored(full) : eslint.isIgnored(full)))) return IGNORED_BY_CONFIG;
      return gitignores?.isIgnored(full, isDirectory, levels) ? IGNORED_BY_GITIGNORE : undefined;
    },
    async path(full, isDirectory) {
      if (await eslintPath(full, isDirectory)) return IGNORED_BY_CONFIG;
      return gitignores && isInside(full, root) && gitignores.isPathIgnored(full) ? IGNORED_BY_GITIGNORE : undefined;
    },
    levelsFor: (dir) => gitignores?.levelsFor(dir) ?? [],
  };
}

export async function listSourceFiles(
  paths: readonly string[],
  options: {
    cwd: string;
    root: string;
    eslint?: EslintIgnores;
    /** Also leave out what .gitignore files match (default: only when `eslint` is not given). */
    gitignore?: boolean;
  },
): Promise<SourceFileList> {
  const root = path.resolve(options.cwd, options.root);
  const realRoot = realpathOrUndefined(root) ?? root;
  const exclusion = exclusionOf(root, options.eslint, options.gitignore ?? options.eslint === undefined);
  const files = new Set<string>();
  const skipped: SkippedPath[] = [];
  const visitedDirs = new Set<string>();

  const isOutside = (real: string): boolean => !isInside(real, realRoot) && !isInside(real, root);

  // .gitignore exclusions met while walking stay silent (the user's own "not source"); ESLint's are listed.
  const noteExcluded = (file: string, reason: string): void => {
    if (reason === IGNORED_BY_CONFIG) skipped.push({ file, reason });
  };

  const walk = async (dir: string, ancestors: ReadonlySet<string>): Promise<void> => {
    const realDir = realpathOrUndefined(dir) ?? dir;
    if (ancestors.has(realDir)) {
      skipped.push({ file: dir, reason: 'symlink loop (this folder contains itself)' });
      return;
    }
    if (visitedDirs.has(realDir)) {
      skipped.push({ file: dir, reason: `already scanned through another path (${realDir})` });
      return;
    }
    visitedDirs.add(realDir);
    const chain = new Set(ancestors).add(realDir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const denied = code === 'EACCES' || code === 'EPERM';
      // A folder that vanished mid-listing holds nothing to check; one we may not read might.
      skipped.push({
        file: dir,
        reason: denied ? `Permission denied: cannot read the folder (${code}); its files were not checked` : `cannot read folder (${code ?? (error as Error).message})`,
        error: code !== 'ENOENT',
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const levels = exclusion.levelsFor(dir);
    for (const entry of entries) {
      if (NEVER_ENTER.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const real = realpathOrUndefined(full);
        if (real === undefined) {
          skipped.push({ file: full, reason: brokenLinkReason(full) });
          continue;
        }
        if (isOutside(real)) {
          skipped.push({ file: full, reason: `symlink points outside the project (${real})` });
          continue;
        }
        let stat: fs.Stats;
        try {
          stat = fs.statSync(real);
        } catch {
          skipped.push({ file: full, reason: 'symlink target vanished while listing' });
          continue;
        }
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
      }
      if (isDirectory) {
        const excluded = await exclusion.entry(full, true, levels);
        if (excluded === undefined) await walk(full, chain);
        else noteExcluded(full, excluded);
      } else if (isFile && isSourceFile(full)) {
        const excluded = await exclusion.entry(full, false, levels);
        if (excluded === undefined) files.add(full);
        else noteExcluded(full, excluded);
      }
    }
  };

  for (const given of paths.length > 0 ? paths : ['.']) {
    const full = path.resolve(options.cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      skipped.push({ file: full, reason: 'not found' });
      continue;
    }
    const real = realpathOrUndefined(full) ?? full;
    if (fs.lstatSync(full).isSymbolicLink() && isOutside(real)) {
      skipped.push({ file: full, reason: `symlink points outside the project (${real})` });
      continue;
    }
    if (stat.isDirectory()) {
      const excluded = full === root ? undefined : await exclusion.path(full, true);
      if (excluded !== undefined) {
        skipped.push({ file: full, reason: excluded });
        continue;
      }
      await walk(full, new Set());
    } else if (!isSourceFile(full)) {
      skipped.push({ file: full, reason: `not a JavaScript/TypeScript source file (expected ${SOURCE_EXTENSIONS.join(' ')})` });
    } else {
      const excluded = await exclusion.path(full, false);
      if (excluded !== undefined) {
        skipped.push({ file: full, reason: excluded });
        continue;
      }
      files.add(full);
    }
  }
  return { files: [...files].sort(), skipped };
}
