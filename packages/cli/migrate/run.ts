/**
 * The project-level migration behind `jwt-ssot migrate`: list the files, migrate each in memory, check
 * that every new text parses, type-check before/after with the project's own TypeScript, undo the
 * rewrites that introduced a diagnostic (rollback.ts), and only then (with `write`) write atomically.
 */
import path from 'node:path';
import { parseFile, ParseError, toPosix, type Settings } from '../../engine/index.js';
import type { CliConfig } from '../config.js';
import { listSourceFiles } from '../files.js';
import { describeFsError, describeParseError, encodeSource, readSourceFile } from '../source-text.js';
import { MigrationProject, type MigrateEdit, type MigrateResult } from '../../rewrite/index.js';
import { checkAndRollBack, type TypecheckResult } from './rollback.js';
import { cleanUpTempFilesOnSignals, removeStaleTempFiles, writeFileAtomic, WriteRefusedError } from '../write-atomic.js';
import { assertCanonicalMatchesCode } from '../canonical-check.js';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

export interface FileReport {
  readonly file: string;
  readonly status: FileStatus;
  readonly edits: readonly MigrateEdit[];
  readonly reason?: string;
  /** Present for changed files. */
  readonly before?: string;
  readonly after?: string;
}

/** The sites of no-direct-verify and no-direct-decode that migrate planned, and how many it rewrote. */
export interface SiteCounts {
  readonly planned: number;
  readonly rewritten: number;
}

export interface MigrationReport {
  readonly files: FileReport[];
  readonly sites: SiteCounts;
  readonly followUps: Array<{ file: string; line: number; reason: string }>;
  readonly errors: Array<{ file: string; message: string }>;
  readonly typecheck?: TypecheckResult;
  /** Why the rewrites were not type-checked, when files changed and no check ran. */
  readonly notTypechecked?: string;
  readonly written: boolean;
  /** Temporary files of an interrupted earlier run, removed before this one wrote anything. */
  readonly removedTempFiles?: readonly string[];
}

export interface MigrationOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly config: CliConfig;
  readonly write: boolean;
  /** tsconfig to type-check with, or undefined to skip the check. */
  readonly tsconfig?: string;
  /** Why there is no tsconfig (reported when files change): `--no-typecheck`, or none in the project. */
  readonly noTypecheckReason?: string;
  /** Largest file migrated, in bytes (bigger ones are skipped). */
  readonly maxFileSize?: number;
  /** Called after each listed file is migrated in memory (for a progress line). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Where the settings come from, for the message when they do not match the code. */
  readonly configFile?: string;
  /** Test seam: replaces the per-file migration (`followUpSites`: sites to leave as follow-ups, by siteKey). */
  readonly migrate?: (project: MigrationProject, file: string, text: string, followUpSites?: ReadonlyMap<string, string>) => MigrateResult;
}

/** A file whose migration ran: what it read, and its result (replaced when the type check undoes rewrites). */
interface Migrated {
  readonly file: string;
  readonly text: string;
  readonly project: MigrationProject;
  result: MigrateResult;
}

const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** The rules whose sites migrate rewrites; the "rewritten N of M sites" summary counts only these. */
const MIGRATED_RULES: ReadonlySet<string> = new Set(['no-direct-verify', 'no-direct-decode']);
const LATIN1_NOTE = 'not valid UTF-8: read and written as Latin-1';

export async function runMigration(options: MigrationOptions): Promise<MigrationReport> {
  const { config } = options;
  // The files ESLint and the audit analyse (the config's ignores, not .gitignore): every site they report is migrated or marked.
  const listed = await listSourceFiles(options.paths, { cwd: options.cwd, root: config.root, eslint: config });
  const files: FileReport[] = listed.skipped.map((skipped) => ({ file: skipped.file, status: skipped.error ? 'error' : 'skipped', edits: [], reason: skipped.reason }));
  const followUps: MigrationReport['followUps'] = [];
  // A folder that could not be read may hold sites this run did not migrate.
  const errors: MigrationReport['errors'] = listed.skipped.filter((skipped) => skipped.error).map((skipped) => ({ file: skipped.file, message: `${skipped.reason}.` }));
  const projects = new Map<Settings, MigrationProject>();
  const migrated: Migrated[] = [];
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const latin1 = new Set<string>();

  const total = listed.files.length;
  let done = 0;
  for (const file of listed.files) {
    options.onProgress?.(done++, total);
    if (await config.isIgnored(file)) {
      files.push({ file, status: 'skipped', edits: [], reason: 'ignored by the ESLint config' });
      continue;
    }
    // Too large, unreadable, vanished since listing or binary: an error naming the reason, never a crash.
    const read = readSourceFile(file, maxSize, 'migrate', '');
    if (!read.ok) {
      errors.push({ file, message: read.message });
      files.push({ file, status: 'error', edits: [], reason: read.message });
      continue;
    }
    // Settings errors are usage errors (exit 2): let them propagate.
    const settings = await config.settingsFor(file);
    let project = projects.get(settings);
    if (!project) {
      // A nested config may name another canonical module: check it against the code before migrating with it.
      assertCanonicalMatchesCode(settings, { configFile: options.configFile, resolvePackages: true });
      project = new MigrationProject(settings);
      projects.set(settings, project);
    }
    // Not UTF-8: read as Latin-1 and written back as Latin-1, so bytes outside the edits stay as they were.
    const { text, encoding } = read.source;
    if (encoding === 'latin1') latin1.add(file);
    let result: MigrateResult | undefined;
    try {
      result = migrateWith(options, project, file, text);
      assertParses(file, result);
    } catch (error) {
      const message = result?.changed
        ? describeParseError(error, 'The migrated text does not parse, file left unchanged; parse error')
        : error instanceof ParseError || error instanceof RangeError
          ? describeParseError(error, 'File left unchanged, cannot parse')
          : `File left unchanged, migration failed: ${(error as Error).message}`;
      errors.push({ file, message });
      files.push({ file, status: 'error', edits: [], reason: message });
      continue;
    }
    migrated.push({ file, text, project, result });
  }
  options.onProgress?.(total, total);

  let typecheck: TypecheckResult | undefined;
  let notTypechecked: string | undefined;
  let checkFailed = false;
  const withdrawn = new Map<string, string>();
  const changedFiles = migrated.filter((entry) => entry.result.changed);
  if (changedFiles.length > 0 && !options.tsconfig) notTypechecked = options.noTypecheckReason ?? 'no tsconfig.json to check with';
  if (changedFiles.length > 0 && options.tsconfig) {
    try {
      const outcome = checkAndRollBack(
        options.tsconfig,
        changedFiles.map((entry) => ({ file: entry.file, text: entry.text, result: entry.result, remigrate: (sites) => assertParses(entry.file, migrateWith(options, entry.project, entry.file, entry.text, sites)) })),
        (file) => relativeTo(options.cwd, file),
      );
      typecheck = outcome.typecheck;
      for (const entry of changedFiles) entry.result = outcome.results.get(entry.file) ?? entry.result;
      for (const [file, reason] of outcome.withdrawn) withdrawn.set(file, reason);
    } catch (error) {
      // Unchecked rewrites may break the build: write none of them.
      checkFailed = true;
      errors.push({ file: options.tsconfig, message: `type check failed, nothing written: ${(error as Error).message.split('\n')[0]} (rerun with --no-typecheck to migrate without it)` });
    }
  }

  const changes = new Map<string, { readonly before: string; readonly after: string }>();
  for (const { file, text, result } of migrated) {
    const reason = withdrawn.get(file);
    if (reason !== undefined) {
      errors.push({ file, message: reason });
      files.push({ file, status: 'error', edits: [], reason });
      continue;
    }
    for (const followUp of result.followUps) followUps.push({ file, ...followUp });
    if (result.changed) {
      changes.set(file, { before: text, after: result.text });
      files.push({ file, status: 'changed', edits: result.edits, before: text, after: result.text, ...(latin1.has(file) ? { reason: LATIN1_NOTE } : {}) });
    } else {
      files.push({ file, status: 'unchanged', edits: result.edits });
    }
  }
  const write = options.write && !checkFailed;
  let removedTempFiles: string[] = [];
  if (write) {
    cleanUpTempFilesOnSignals();
    removedTempFiles = removeStaleTempFiles([...changes.keys()].map((file) => path.dirname(file)));
    for (const [file, { before, after }] of changes) {
      const encoding = latin1.has(file) ? 'latin1' : 'utf8';
      try {
        // `expected`: an edit saved while the type check ran is never overwritten.
        writeFileAtomic(file, encodeSource(after, encoding), { expected: encodeSource(before, encoding), within: config.root });
      } catch (error) {
        const message = error instanceof WriteRefusedError || !(error as NodeJS.ErrnoException).code ? (error as Error).message : describeFsError(error, 'write');
        errors.push({ file, message });
        const index = files.findIndex((report) => report.file === file);
        files[index] = { ...files[index]!, status: 'error', reason: message };
      }
    }
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, sites: countSites(migrated, files), followUps, errors, typecheck, ...(notTypechecked ? { notTypechecked } : {}), written: write, ...(removedTempFiles.length > 0 ? { removedTempFiles } : {}) };
}

/** Planned sites of every migrated file; rewritten ones only where the file's change stands (not withdrawn, not failed to write). */
function countSites(migrated: readonly Migrated[], files: readonly FileReport[]): SiteCounts {
  const changed = new Set(files.filter((report) => report.status === 'changed').map((report) => report.file));
  let planned = 0;
  let rewritten = 0;
  for (const { file, result } of migrated) {
    for (const site of result.sites) {
      if (!MIGRATED_RULES.has(site.rule)) continue;
      planned++;
      if (site.outcome === 'rewritten' && changed.has(file)) rewritten++;
    }
  }
  return { planned, rewritten };
}

function migrateWith(options: MigrationOptions, project: MigrationProject, file: string, text: string, followUpSites?: ReadonlyMap<string, string>): MigrateResult {
  return options.migrate ? options.migrate(project, file, text, followUpSites) : project.migrate(file, text, followUpSites);
}

/** Never write what does not parse (the core checks too; this guards every path to the disk). */
function assertParses(file: string, result: MigrateResult): MigrateResult {
  if (result.changed) parseFile(file, result.text.replace(/^\uFEFF/, ''));
  return result;
}

export function relativeTo(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return toPosix(relative.startsWith('..') ? file : relative);
}
