/**
 * What the rewrites leave behind, removed: imports (of any module) and local constants that only fed a
 * removed key or call. Removing a constant can orphan what fed it (`const secret = config.jwt.secret;
 * const key = encode(secret)`, then `import config`), so this repeats on the new text until nothing changes.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { analyzeFile, parseFile, type FileAnalysis, type Settings } from '../engine/index.js';
import { removeStatements } from './statement-removal.js';
import { applyEdits, type TextEdit } from './text.js';
import { orphanedConstants, usedConstants } from './unused-constants.js';
import { removeUnusedImports, usedImportBindings } from './unused-imports.js';

/** Guards against a removal that keeps finding work (each round removes at least one statement or binding). */
const MAX_ROUNDS = 16;

/** The bindings a file uses before the migration: only these may be removed as litter afterwards. */
export interface UsedBindings {
  readonly imports: ReadonlySet<string>;
  readonly constants: ReadonlySet<string>;
}

export function usedBindings(text: string, ast: TSESTree.Program, scopeManager: TSESLint.Scope.ScopeManager): UsedBindings {
  return { imports: usedImportBindings(ast, scopeManager), constants: usedConstants(text, scopeManager) };
}

export interface LitterRemoval {
  readonly kind: 'remove-import' | 'remove-constant';
  /** Which round removed it: its offsets are in the text that round started from. */
  readonly round: number;
  readonly offset: number;
  readonly description: string;
}

export interface LitterResult {
  readonly text: string;
  /** Each round's edits, of the text before that round. */
  readonly rounds: readonly (readonly TextEdit[])[];
  readonly removals: readonly LitterRemoval[];
  /** The final text, parsed and analysed (for the steps after this one). */
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly analysis: FileAnalysis;
}

export function removeLitter(file: string, text: string, settings: Settings, usedBefore: UsedBindings): LitterResult {
  const rounds: TextEdit[][] = [];
  const removals: LitterRemoval[] = [];
  let current = text;
  for (let round = 0; ; round++) {
    const { ast, scopeManager } = parseFile(file, current);
    // The analysis also sets the tree's parent links, which finding a constant's statement needs.
    const analysis = analyzeFile({ ast, scopeManager, filename: file, text: current, settings });
    const constants = orphanedConstants(current, scopeManager, usedBefore.constants);
    const imports = removeUnusedImports(current, ast, scopeManager, usedBefore.imports);
    if ((constants.length === 0 && imports.length === 0) || round === MAX_ROUNDS) return { text: current, rounds, removals, ast, scopeManager, analysis };
    const statements = [...constants.map((constant) => constant.statement), ...imports.flatMap((removal) => (removal.statement ? [removal.statement] : []))];
    const edits = [...removeStatements(current, ast, statements), ...imports.flatMap((removal) => removal.edits)];
    for (const constant of constants) removals.push({ kind: 'remove-constant', round, offset: constant.statement.range[0], description: `remove unused constant ${constant.name}` });
    for (const removal of imports) {
      const offset = removal.statement?.range[0] ?? Math.min(...removal.edits.map((edit) => edit.start));
      removals.push({ kind: 'remove-import', round, offset, description: removal.description });
    }
    rounds.push(edits);
    current = applyEdits(current, edits);
  }
}
