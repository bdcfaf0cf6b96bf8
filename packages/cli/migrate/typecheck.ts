/**
 * The type check around a migration: ts-morph diagnostics of the whole project before, then again with
 * the migrated texts swapped in (in memory, before anything is written). A diagnostic counts as
 * introduced when the same file has more of that code and message afterwards than before.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The nearest tsconfig.json at or above `from` (not above `stopAt`). */
export function findTsconfig(from: string, stopAt?: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (dir === stopAt || path.dirname(dir) === dir) return undefined;
  }
}

export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly code: number;
  readonly message: string;
}

export interface TypecheckResult {
  readonly tsconfig: string;
  readonly before: number;
  readonly after: number;
  readonly introduced: readonly Diagnostic[];
}

type TsMorph = typeof import('ts-morph');
type Project = InstanceType<TsMorph['Project']>;

function collect(project: Project, ts: TsMorph['ts']): Diagnostic[] {
  return project.getPreEmitDiagnostics().map((diagnostic) => {
    const sourceFile = diagnostic.getSourceFile();
    return {
      file: sourceFile ? path.resolve(sourceFile.getFilePath()) : '',
      line: diagnostic.getLineNumber() ?? 0,
      code: diagnostic.getCode(),
      message: ts.flattenDiagnosticMessageText(diagnostic.getMessageText() as never, '\n'),
    };
  });
}

const keyOf = (diagnostic: Diagnostic): string => `${diagnostic.file}\0${diagnostic.code}\0${diagnostic.message}`;

export function typecheckMigration(tsconfig: string, changes: ReadonlyMap<string, string>): TypecheckResult {
  const { Project, ts } = require('ts-morph') as TsMorph;
  const project = new Project({ tsConfigFilePath: tsconfig });
  const before = collect(project, ts);
  for (const [file, text] of changes) {
    const sourceFile = project.getSourceFile(file);
    // Files outside the tsconfig (e.g. plain JS without allowJs) were not checked before either.
    sourceFile?.replaceWithText(text);
  }
  const after = collect(project, ts);
  const remaining = new Map<string, number>();
  for (const diagnostic of before) remaining.set(keyOf(diagnostic), (remaining.get(keyOf(diagnostic)) ?? 0) + 1);
  const introduced: Diagnostic[] = [];
  for (const diagnostic of after) {
    const count = remaining.get(keyOf(diagnostic)) ?? 0;
    if (count > 0) remaining.set(keyOf(diagnostic), count - 1);
    else introduced.push(diagnostic);
  }
  return { tsconfig, before: before.length, after: after.length, introduced };
}
