/**
 * The project-level migration behind `jwt-ssot migrate`: list the files, migrate each in memory, check
 * that every new text parses, type-check before/after, and only then (with `write`) write atomically.
 */
import path from 'node:path';
import { parseFile, ParseError, toPosix, type Settings } from '../../engine/index.js';
import type { CliConfig } from '../config.js';
import { listSourceFiles } from '../files.js';
import { describeFsError, describeParseError, encodeSource, readSourceFile } from '../source-text.js';
import { MigrationProject, type MigrateEdit, type MigrateResult } from '../../rewrite/index.js';
import { typecheckMigration, type TypecheckResult } from './typecheck.js';
import { writeFileAtomic } from '../write-atomic.js';

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

export interface MigrationReport {
  readonly files: FileReport[];
  readonly followUps: Array<{ file: string; line: number; reason: string }>;
  readonly errors: Array<{ file: string; message: string }>;
  readonly typecheck?: TypecheckResult;
  readonly written: boolean;
}

export interface MigrationOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly config: CliConfig;
  readonly write: boolean;
  /** tsconfig to type-check with, or undefined to skip the check. */
  readonly tsconfig?: string;
  /** Largest file migrated, in bytes (bigger ones are skipped). */
  readonly maxFileSize?: number;
  /** Test seam: replaces the per-file migration. */
  readonly migrate?: (project: MigrationProject, file: string, text: string) => MigrateResult;
}

const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
const LATIN1_NOTE = 'not valid UTF-8: read and written as Latin-1';

export async function runMigration(options: MigrationOptions): Promise<MigrationReport> {
  const { config } = options;
  const listed = await listSourceFiles(options.paths, { cwd: options.cwd, root: config.root });
  const files: FileReport[] = listed.skipped.map((skipped) => ({ file: skipped.file, status: skipped.error ? 'error' : 'skipped', edits: [], reason: skipped.reason }));
  const followUps: MigrationReport['followUps'] = [];
  // A folder that could not be read may hold sites this run did not migrate.
  const errors: MigrationReport['errors'] = listed.skipped.filter((skipped) => skipped.error).map((skipped) => ({ file: skipped.file, message: `${skipped.reason}.` }));
  const projects = new Map<Settings, MigrationProject>();
  const changes = new Map<string, string>();
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const latin1 = new Set<string>();

  for (const file of listed.files) {
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
      project = new MigrationProject(settings);
      projects.set(settings, project);
    }
    // Not UTF-8: read as Latin-1 and written back as Latin-1, so bytes outside the edits stay as they were.
    const { text, encoding } = read.source;
    let result: MigrateResult | undefined;
    try {
      result = options.migrate ? options.migrate(project, file, text) : project.migrate(file, text);
      // Never write what does not parse (the core checks too; this guards every path to the disk).
      if (result.changed) parseFile(file, result.text.replace(/^\uFEFF/, ''));
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
    if (!result) continue;
    for (const followUp of result.followUps) followUps.push({ file, ...followUp });
    if (result.changed) {
      changes.set(file, result.text);
      if (encoding === 'latin1') latin1.add(file);
      files.push({ file, status: 'changed', edits: result.edits, before: text, after: result.text, ...(encoding === 'latin1' ? { reason: LATIN1_NOTE } : {}) });
    } else {
      files.push({ file, status: 'unchanged', edits: result.edits });
    }
  }

  let typecheck: TypecheckResult | undefined;
  if (options.tsconfig && changes.size > 0) {
    try {
      typecheck = typecheckMigration(options.tsconfig, changes);
    } catch (error) {
      errors.push({ file: options.tsconfig, message: `type check failed: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  if (options.write) {
    for (const [file, text] of changes) {
      try {
        writeFileAtomic(file, encodeSource(text, latin1.has(file) ? 'latin1' : 'utf8'));
      } catch (error) {
        const message = (error as NodeJS.ErrnoException).code ? describeFsError(error, 'write') : (error as Error).message;
        errors.push({ file, message });
        const index = files.findIndex((report) => report.file === file);
        files[index] = { ...files[index]!, status: 'error', reason: message };
      }
    }
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, followUps, errors, typecheck, written: options.write };
}

export function relativeTo(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return toPosix(relative.startsWith('..') ? file : relative);
}
