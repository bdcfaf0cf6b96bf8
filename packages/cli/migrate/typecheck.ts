/**
 * The type check around a migration, with the project's own TypeScript and tsconfig (compiler.ts): the
 * diagnostics of the whole program before, then again with the migrated texts served from memory (before
 * anything is written), as often as the rollback needs. A diagnostic counts as introduced when the same
 * file has more of that code and message afterwards than before.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { loadCompiler, type CompilerInfo, type TypeScriptApi } from './compiler.js';

export type { CompilerInfo } from './compiler.js';

/** The nearest tsconfig.json at or above `from` (not above `stopAt`). */
export function findTsconfig(from: string, stopAt?: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (dir === stopAt || path.dirname(dir) === dir) return undefined;
  }
}

export interface Diagnostic {
  /** Absolute path, or '' for a diagnostic of the options or the whole program. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: number;
  readonly message: string;
}

/** A diagnostic with where it sits in the checked text (without a byte-order mark). */
export interface LocatedDiagnostic extends Diagnostic {
  readonly start?: number;
  /** The text of its line, trimmed: pairs a diagnostic before with the same one after, though lines moved. */
  readonly lineText?: string;
  /** The innermost function around it, for blaming the rewrites in that function. */
  readonly enclosingFunction?: readonly [number, number];
}

export interface CheckOutcome {
  readonly after: readonly LocatedDiagnostic[];
  readonly introduced: readonly LocatedDiagnostic[];
  /** Changed files that no checked program contains (e.g. JavaScript without allowJs). */
  readonly unchecked: readonly string[];
}

/** One tsconfig's program: the root's, or (for a solution-style root with no files) each reference's. */
interface ProgramConfig {
  readonly parsed: TS.ParsedCommandLine;
  /** Parsed source files shared between the checks: only changed files are parsed again. */
  readonly cache: Map<string, TS.SourceFile>;
  program?: TS.Program;
}

const MAX_REFERENCE_DEPTH = 4;
const BYTE_ORDER_MARK = /^\uFEFF/;
const keyOf = (diagnostic: Diagnostic): string => `${diagnostic.file}\0${diagnostic.code}\0${diagnostic.message}`;

export class TypecheckSession {
  readonly compiler: CompilerInfo;
  readonly before: readonly LocatedDiagnostic[];
  private readonly ts: TypeScriptApi;
  private readonly configs: ProgramConfig[];
  private changes: ReadonlyMap<string, string> = new Map();
  /** changedDependenciesOf's answers for the current changes (many diagnostics may share a file). */
  private readonly dependencies = new Map<string, string[]>();

  constructor(readonly tsconfig: string) {
    const loaded = loadCompiler(path.dirname(tsconfig));
    this.ts = loaded.ts;
    this.compiler = loaded.info;
    this.configs = this.readConfigs(tsconfig, 0, new Set());
    this.before = this.diagnostics().diagnostics;
  }

  /** The diagnostics with `changes` (absolute path → new text) in place of the files on disk. */
  check(changes: ReadonlyMap<string, string>): CheckOutcome {
    this.changes = new Map([...changes].map(([file, text]) => [path.resolve(file), text.replace(BYTE_ORDER_MARK, '')]));
    this.dependencies.clear();
    const { diagnostics: after, programs } = this.diagnostics();
    const introduced = unpaired(this.before, after).map((diagnostic) => this.withEnclosingFunction(diagnostic, programs));
    const unchecked = [...changes.keys()].filter((file) => !programs.some((program) => program.getSourceFile(file)));
    return { after, introduced, unchecked };
  }

  /**
   * The changed files `file` imports, directly or through other files (for blaming a diagnostic in a file
   * the migration did not change). Best effort: module resolution without the import's resolution mode.
   */
  changedDependenciesOf(file: string): string[] {
    const known = this.dependencies.get(path.resolve(file));
    if (known) return known;
    const found = this.findChangedDependencies(file);
    this.dependencies.set(path.resolve(file), found);
    return found;
  }

  private findChangedDependencies(file: string): string[] {
    const { ts } = this;
    const found = new Set<string>();
    const seen = new Set<string>([path.resolve(file)]);
    const queue = [path.resolve(file)];
    const config = this.configs.find((candidate) => candidate.program?.getSourceFile(file)) ?? this.configs[0];
    if (!config) return [];
    const host = ts.createCompilerHost(config.parsed.options, true);
    while (queue.length > 0) {
      const current = queue.shift()!;
      const text = this.changes.get(current) ?? config.program?.getSourceFile(current)?.text;
      if (text === undefined) continue;
      for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
        const resolved = ts.resolveModuleName(imported.fileName, current, config.parsed.options, host).resolvedModule;
        if (!resolved || resolved.isExternalLibraryImport) continue;
        const target = path.resolve(resolved.resolvedFileName);
        if (seen.has(target)) continue;
        seen.add(target);
        queue.push(target);
        if (this.changes.has(target)) found.add(target);
      }
    }
    return [...found];
  }

  private readConfigs(tsconfig: string, depth: number, seen: Set<string>): ProgramConfig[] {
    const { ts } = this;
    seen.add(path.resolve(tsconfig));
    const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
    if (read.error) parsed.errors.unshift(read.error);
    const references = parsed.projectReferences ?? [];
    // A solution-style tsconfig (`files: []` and references) checks nothing itself: check what it references.
    if (parsed.fileNames.length === 0 && references.length > 0 && depth < MAX_REFERENCE_DEPTH) {
      const referenced = references
        .map((reference) => ts.resolveProjectReferencePath(reference))
        .filter((file) => !seen.has(path.resolve(file)) && fs.existsSync(file))
        .flatMap((file) => this.readConfigs(file, depth + 1, seen));
      if (referenced.length > 0) return referenced;
    }
    return [{ parsed, cache: new Map() }];
  }

  private diagnostics(): { diagnostics: LocatedDiagnostic[]; programs: TS.Program[] } {
    const seen = new Set<string>();
    const diagnostics: LocatedDiagnostic[] = [];
    const programs: TS.Program[] = [];
    for (const config of this.configs) {
      const program = this.createProgram(config);
      programs.push(program);
      for (const diagnostic of this.ts.getPreEmitDiagnostics(program)) {
        const located = this.locate(diagnostic);
        // Referenced projects share files (and so diagnostics): count each once.
        const identity = `${keyOf(located)}\0${located.start ?? -1}`;
        if (seen.has(identity)) continue;
        seen.add(identity);
        diagnostics.push(located);
      }
    }
    return { diagnostics, programs };
  }

  private createProgram(config: ProgramConfig): TS.Program {
    const { ts } = this;
    const { options, fileNames, projectReferences, errors } = config.parsed;
    const host = ts.createCompilerHost(options, true);
    const readFromDisk = host.getSourceFile.bind(host);
    const readFile = host.readFile.bind(host);
    host.readFile = (fileName) => this.changes.get(path.resolve(fileName)) ?? readFile(fileName);
    host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
      const changed = this.changes.get(path.resolve(fileName));
      if (changed !== undefined) return ts.createSourceFile(fileName, changed, languageVersionOrOptions, true);
      const version = typeof languageVersionOrOptions === 'object' ? `${languageVersionOrOptions.languageVersion}:${String(languageVersionOrOptions.impliedNodeFormat)}` : String(languageVersionOrOptions);
      const key = `${path.resolve(fileName)}\0${version}`;
      let sourceFile = shouldCreateNewSourceFile ? undefined : config.cache.get(key);
      if (!sourceFile) {
        sourceFile = readFromDisk(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
        if (sourceFile) config.cache.set(key, sourceFile);
      }
      return sourceFile;
    };
    config.program = ts.createProgram({
      rootNames: fileNames,
      options,
      host,
      projectReferences,
      configFileParsingDiagnostics: errors,
      ...(config.program ? { oldProgram: config.program } : {}),
    });
    return config.program;
  }

  private locate(diagnostic: TS.Diagnostic): LocatedDiagnostic {
    const message = this.ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return { file: diagnostic.file ? path.resolve(diagnostic.file.fileName) : '', line: 0, column: 0, code: diagnostic.code, message };
    const { file } = diagnostic;
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
    const lineStarts = file.getLineStarts();
    const lineText = file.text.slice(lineStarts[line], lineStarts[line + 1] ?? file.text.length).trim();
    return { file: path.resolve(file.fileName), line: line + 1, column: character + 1, code: diagnostic.code, message, start: diagnostic.start, lineText };
  }

  private withEnclosingFunction(diagnostic: LocatedDiagnostic, programs: readonly TS.Program[]): LocatedDiagnostic {
    const { ts } = this;
    const { start } = diagnostic;
    const sourceFile = diagnostic.file ? programs.map((program) => program.getSourceFile(diagnostic.file)).find(Boolean) : undefined;
    if (start === undefined || !sourceFile) return diagnostic;
    let enclosing: readonly [number, number] | undefined;
    const visit = (node: TS.Node): void => {
      if (start < node.pos || start >= node.end) return;
      // Only functions with a body: a function type or an overload signature encloses no statements.
      if (ts.isFunctionLike(node) && (node as { body?: TS.Node }).body) enclosing = [node.getStart(sourceFile), node.end];
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return enclosing ? { ...diagnostic, enclosingFunction: enclosing } : diagnostic;
  }
}

/**
 * The diagnostics of `after` that `before` does not account for. The same code and message in the same
 * file pair up, first on an unchanged line (so a diagnostic the edits only moved is not taken for a new
 * one at another place), then anywhere.
 */
function unpaired(before: readonly LocatedDiagnostic[], after: readonly LocatedDiagnostic[]): LocatedDiagnostic[] {
  const onLine = (diagnostic: LocatedDiagnostic): string => `${keyOf(diagnostic)}\0${diagnostic.lineText ?? ''}`;
  const countBy = (identity: (diagnostic: LocatedDiagnostic) => string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const diagnostic of before) counts.set(identity(diagnostic), (counts.get(identity(diagnostic)) ?? 0) + 1);
    return counts;
  };
  const take = (counts: Map<string, number>, identity: string): boolean => {
    const count = counts.get(identity) ?? 0;
    if (count > 0) counts.set(identity, count - 1);
    return count > 0;
  };
  const sameLine = countBy(onLine);
  const anywhere = countBy(keyOf);
  const left: LocatedDiagnostic[] = [];
  for (const diagnostic of after) {
    if (take(sameLine, onLine(diagnostic))) take(anywhere, keyOf(diagnostic));
    else left.push(diagnostic);
  }
  return left.filter((diagnostic) => !take(anywhere, keyOf(diagnostic)));
}

/** One check of `changes` against the files on disk (the property test's and simple callers' entry point). */
export function typecheckMigration(tsconfig: string, changes: ReadonlyMap<string, string>): { tsconfig: string; compiler: CompilerInfo; before: number; after: number; introduced: readonly Diagnostic[] } {
  const session = new TypecheckSession(tsconfig);
  const outcome = session.check(changes);
  return { tsconfig, compiler: session.compiler, before: session.before.length, after: outcome.after.length, introduced: outcome.introduced };
}
