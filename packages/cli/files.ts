/**
 * Which files the CLI reads: JavaScript/TypeScript sources under the given paths, honouring every
 * `.gitignore` on the way (nested ones too), never entering node_modules or .git, and never following a
 * symlink out of the project or round in a loop. The order is sorted so reports are reproducible.
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

export async function listSourceFiles(
  paths: readonly string[],
  options: { cwd: string; root: string },
): Promise<SourceFileList> {
  const root = path.resolve(options.cwd, options.root);
  const realRoot = realpathOrUndefined(root) ?? root;
  const gitignores = new Gitignores(root);
  const files = new Set<string>();
  const skipped: SkippedPath[] = [];
  const visitedDirs = new Set<string>();

  const isOutside = (real: string): boolean => !isInside(real, realRoot) && !isInside(real, root);

  const walk = (dir: string, ancestors: ReadonlySet<string>): void => {
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
    const levels = gitignores.levelsFor(dir);
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
        if (gitignores.isIgnored(full, true, levels)) continue;
        walk(full, chain);
      } else if (isFile && isSourceFile(full)) {
        if (gitignores.isIgnored(full, false, levels)) continue;
        files.add(full);
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
      if (full !== root && isInside(full, root) && gitignores.isPathIgnored(full)) {
        skipped.push({ file: full, reason: 'ignored by .gitignore' });
        continue;
      }
      walk(full, new Set());
    } else if (!isSourceFile(full)) {
      skipped.push({ file: full, reason: `not a JavaScript/TypeScript source file (expected ${SOURCE_EXTENSIONS.join(' ')})` });
    } else if (isInside(full, root) && gitignores.isPathIgnored(full)) {
      skipped.push({ file: full, reason: 'ignored by .gitignore' });
    } else {
      files.add(full);
    }
  }
  return { files: [...files].sort(), skipped };
}
