/**
 * Never leave the build worse: type-check the migrated texts, undo each rewrite that introduced a
 * diagnostic (it becomes a follow-up that quotes the diagnostic), and check again, until the migration
 * introduces nothing. A diagnostic is blamed on the rewrite around it, else on the rewrites of the function
 * it is in, else of its file, else (a diagnostic in a file the migration did not change) of the changed
 * files that file imports. A change that is no rewrite (an import) and still breaks the build withdraws
 * its file's migration whole.
 */
import { lineNumber, siteKey, type MigrateResult, type SiteOutcome } from '../../rewrite/index.js';
import { TypecheckSession, type CompilerInfo, type Diagnostic, type LocatedDiagnostic } from './typecheck.js';

export interface MigratedFile {
  readonly file: string;
  /** The text on disk (BOM included). */
  readonly text: string;
  readonly result: MigrateResult;
  /** The file's migration again, with these sites (by siteKey) left as follow-ups with these reasons. */
  readonly remigrate: (followUpSites: ReadonlyMap<string, string>) => MigrateResult;
}

export interface UndoneSite {
  readonly file: string;
  /** Where the site is in the text on disk (line and column from 1, as in diagnostics). */
  readonly line: number;
  readonly column: number;
  readonly diagnostic: Diagnostic;
}

export interface TypecheckResult {
  readonly tsconfig: string;
  readonly compiler: CompilerInfo;
  readonly before: number;
  /** Diagnostics with the migration as it will be written. */
  readonly after: number;
  /** Every diagnostic the migration introduced on the way (each undone, or its file withdrawn). */
  readonly introduced: readonly Diagnostic[];
  readonly undone: readonly UndoneSite[];
  /** Introduced diagnostics left in the migration as written: none, unless the rollback gave up. */
  readonly remaining: readonly Diagnostic[];
  /** Changed files that the tsconfig's program does not contain, so nothing checked them. */
  readonly unchecked: readonly string[];
  readonly checks: number;
}

export interface RollbackOutcome {
  readonly typecheck: TypecheckResult;
  /** The migration of each file as it stands after the rollback. */
  readonly results: ReadonlyMap<string, MigrateResult>;
  /** Files whose migration was withdrawn whole, with the reason. */
  readonly withdrawn: ReadonlyMap<string, string>;
}

/** Each check after the first undoes at least one rewrite or withdraws a file; past this many, withdraw all. */
const MAX_CHECKS = 8;
const MAX_QUOTE_LENGTH = 300;

interface FileState {
  readonly migrated: MigratedFile;
  result: MigrateResult;
  readonly forced: Map<string, string>;
  withdrawn?: string;
}

/** The diagnostic as a follow-up quotes it: `TS18047 'claims' is possibly 'null'.` (first line only). */
export function quoteDiagnostic(diagnostic: Diagnostic): string {
  const firstLine = diagnostic.message.split(/\r?\n/)[0]!.trim();
  const short = firstLine.length > MAX_QUOTE_LENGTH ? `${firstLine.slice(0, MAX_QUOTE_LENGTH - 1)}…` : firstLine;
  return `TS${diagnostic.code} ${short}${/[.!?…]$/.test(short) ? '' : '.'}`;
}

export function checkAndRollBack(tsconfig: string, files: readonly MigratedFile[], displayPath: (file: string) => string): RollbackOutcome {
  const session = new TypecheckSession(tsconfig);
  const states = new Map(files.map((migrated): [string, FileState] => [migrated.file, { migrated, result: migrated.result, forced: new Map<string, string>() }]));
  const introduced = new Map<string, Diagnostic>();
  const undone: UndoneSite[] = [];
  const active = (): FileState[] => [...states.values()].filter((state) => !state.withdrawn && state.result.changed);
  const rewrittenSites = (state: FileState): SiteOutcome[] => state.result.sites.filter((site) => site.outcome === 'rewritten' && !state.forced.has(siteKey(site)));

  const undoReason = (diagnostic: Diagnostic, site: string): string => {
    const where = diagnostic.file && diagnostic.file !== site ? ` in ${displayPath(diagnostic.file)}` : '';
    return `Not rewritten: the rewrite onto the canonical function introduced a type error${where}, ${quoteDiagnostic(diagnostic)} Adapt the code to the canonical function's types, then move this call by hand.`;
  };
  const force = (state: FileState, sites: readonly SiteOutcome[], diagnostic: Diagnostic): void => {
    for (const site of sites) {
      if (state.forced.has(siteKey(site))) continue;
      state.forced.set(siteKey(site), undoReason(diagnostic, state.migrated.file));
      undone.push({ file: state.migrated.file, line: site.line, column: site.column + 1, diagnostic: publicDiagnostic(diagnostic) });
    }
  };
  const withdraw = (state: FileState, diagnostic: Diagnostic): void => {
    state.withdrawn ??= `File left unchanged: its migration introduced a type error that no single rewrite explains, ${quoteDiagnostic(diagnostic)}`;
  };
  /** The changed files other than `file` it depends on; all changed files when that cannot be told. */
  const suspectsFor = (file: string): FileState[] => {
    const others = active().filter((state) => state.migrated.file !== file);
    const dependencies = new Set(file ? session.changedDependenciesOf(file) : []);
    const imported = others.filter((state) => dependencies.has(state.migrated.file));
    return imported.length > 0 ? imported : others;
  };
  const blameWhole = (state: FileState, diagnostic: Diagnostic): void => {
    const sites = rewrittenSites(state);
    if (sites.length > 0) force(state, sites, diagnostic);
    else withdraw(state, diagnostic);
  };
  const blame = (diagnostic: LocatedDiagnostic): void => {
    const own = states.get(diagnostic.file);
    const sites = own && !own.withdrawn ? rewrittenSites(own) : [];
    if (own && sites.length > 0) {
      force(own, sitesAround(diagnostic, own.result.text, sites), diagnostic);
      return;
    }
    const suspects = suspectsFor(diagnostic.file);
    if (suspects.length > 0) for (const suspect of suspects) blameWhole(suspect, diagnostic);
    else if (own) withdraw(own, diagnostic);
  };

  let checks = 0;
  let outcome = { after: session.before as readonly LocatedDiagnostic[], introduced: [] as readonly LocatedDiagnostic[], unchecked: [] as readonly string[] };
  for (;;) {
    const changes = new Map(active().map((state) => [state.migrated.file, state.result.text]));
    if (changes.size === 0) {
      outcome = { after: session.before, introduced: [], unchecked: [] };
      break;
    }
    outcome = session.check(changes);
    checks++;
    if (outcome.introduced.length === 0) break;
    for (const diagnostic of outcome.introduced) introduced.set(`${diagnostic.file}\0${diagnostic.line}\0${diagnostic.code}\0${diagnostic.message}`, publicDiagnostic(diagnostic));
    if (checks >= MAX_CHECKS) {
      for (const state of active()) withdraw(state, outcome.introduced[0]!);
      continue;
    }
    const progress = JSON.stringify([...states.values()].map((state) => [state.forced.size, Boolean(state.withdrawn)]));
    for (const diagnostic of outcome.introduced) blame(diagnostic);
    for (const state of active()) {
      if (state.forced.size === 0) continue;
      try {
        state.result = state.migrated.remigrate(state.forced);
      } catch (error) {
        state.withdrawn = `File left unchanged: undoing a rewrite that introduced a type error failed: ${(error as Error).message.split('\n')[0]}`;
      }
    }
    // Blame always undoes or withdraws something; should it ever not, withdraw rather than loop.
    if (JSON.stringify([...states.values()].map((state) => [state.forced.size, Boolean(state.withdrawn)])) === progress) {
      for (const state of active()) withdraw(state, outcome.introduced[0]!);
    }
  }

  const results = new Map([...states].map(([file, state]) => [file, state.result]));
  const withdrawn = new Map([...states].filter(([, state]) => state.withdrawn).map(([file, state]) => [file, state.withdrawn!]));
  return {
    typecheck: {
      tsconfig,
      compiler: session.compiler,
      before: session.before.length,
      after: outcome.after.length,
      introduced: [...introduced.values()],
      undone,
      remaining: outcome.introduced.map(publicDiagnostic),
      unchecked: outcome.unchecked,
      checks,
    },
    results,
    withdrawn,
  };
}

const publicDiagnostic = ({ file, line, column, code, message }: Diagnostic): Diagnostic => ({ file, line, column, code, message });

/**
 * The rewritten sites a diagnostic in their file is blamed on: the one whose rewrite contains it (or shares
 * its line), else those in the same function, else all of them.
 */
function sitesAround(diagnostic: LocatedDiagnostic, text: string, sites: readonly SiteOutcome[]): readonly SiteOutcome[] {
  // The checker saw the text without its byte-order mark; the sites' ranges count it.
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const located = sites.filter((site) => site.migratedRange);
  if (diagnostic.start !== undefined) {
    const offset = diagnostic.start + bom;
    const containing = located.filter(({ migratedRange: [start, end] = [0, 0] }) => start <= offset && offset <= end);
    if (containing.length > 0) return containing;
  }
  const onLine = located.filter(({ migratedRange: [start, end] = [0, 0] }) => lineNumber(text, start) <= diagnostic.line && diagnostic.line <= lineNumber(text, end));
  if (onLine.length > 0) return onLine;
  if (diagnostic.enclosingFunction) {
    const [from, to] = diagnostic.enclosingFunction.map((offset) => offset + bom) as [number, number];
    const inFunction = located.filter(({ migratedRange: [start, end] = [0, 0] }) => from <= start && end <= to);
    if (inFunction.length > 0) return inFunction;
  }
  return sites;
}
