/**
 * Parsing outside ESLint (the audit, the codemods): the same parser and scope analysis ESLint uses with
 * `@typescript-eslint/parser`, so the engine sees the same tree in every tool. The audit may ask for
 * oxc-parser instead (parse-oxc.ts): the same tree, built natively, when the project has it installed.
 * Both parsers load on first use, so a run whose files the prefilter rules out loads neither.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TSESLint } from '@typescript-eslint/utils';
import { parseWithOxc } from './parse-oxc.js';

/** Which parser built a tree: the audit reports it, the differential test compares the two. */
export type ParserName = 'oxc-parser' | 'typescript-estree';

export interface ParsedFile {
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly parser: ParserName;
}

export class ParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    reason: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}:${column ?? 0}`}: cannot parse: ${reason}`);
    this.name = 'ParseError';
  }
}

const JSX_EXTENSIONS = new Set(['.tsx', '.jsx', '.js', '.mjs', '.cjs']);

export interface ParseOptions {
  /**
   * Collect `ast.comments` (default true). Collecting them re-scans the whole file, about a quarter of
   * the parse; the audit asks for them only when the text holds an `eslint-disable` directive.
   */
  readonly comments?: boolean;
  /**
   * Try oxc-parser first (default false). Only the audit asks: its trees are checked against
   * typescript-estree's by test/engine/parser-differential.test.ts, and a file oxc rejects, or holding
   * a construct that test does not cover, is parsed with typescript-estree all the same.
   */
  readonly preferOxc?: boolean;
}

type TypescriptEstree = typeof import('@typescript-eslint/typescript-estree');
type ScopeManagerModule = typeof import('@typescript-eslint/scope-manager');

const localRequire = createRequire(__filename);
let typescriptEstree: TypescriptEstree | undefined;
let scopeManagerModule: ScopeManagerModule | undefined;

function parseWithTypescriptEstree(file: string, text: string, comments: boolean): TSESTree.Program {
  typescriptEstree ??= localRequire('@typescript-eslint/typescript-estree') as TypescriptEstree;
  try {
    return typescriptEstree.parse(text, {
      range: true,
      loc: true,
      comment: comments,
      jsx: JSX_EXTENSIONS.has(path.extname(file)),
      filePath: file,
      // The engine reads ESTree only, never TypeScript's JSDoc nodes: skip building them.
      jsDocParsingMode: 'none',
    });
  } catch (error) {
    const failure = error as Error & { lineNumber?: number; column?: number };
    throw new ParseError(file, failure.lineNumber, failure.column, failure.message.split('\n')[0] ?? String(error));
  }
}

/**
 * The tree alone, without scope analysis, for readers of a module's export statements (auth entries,
 * the canonical module). Throws ParseError as parseFile does.
 */
export function parseProgram(file: string, text: string, options: ParseOptions = {}): TSESTree.Program {
  const comments = options.comments ?? true;
  return (options.preferOxc ? parseWithOxc(file, text, { comments }) : undefined) ?? parseWithTypescriptEstree(file, text, comments);
}

export function parseFile(file: string, text: string, options: ParseOptions = {}): ParsedFile {
  const comments = options.comments ?? true;
  const fromOxc = options.preferOxc ? parseWithOxc(file, text, { comments }) : undefined;
  const ast = fromOxc ?? parseWithTypescriptEstree(file, text, comments);
  const ext = path.extname(file);
  const sourceType = ext === '.cjs' || ext === '.cts' ? 'script' : 'module';
  scopeManagerModule ??= localRequire('@typescript-eslint/scope-manager') as ScopeManagerModule;
  const scopeManager = scopeManagerModule.analyze(ast, { sourceType, jsxPragma: null }) as unknown as TSESLint.Scope.ScopeManager;
  return { ast, scopeManager, parser: fromOxc ? 'oxc-parser' : 'typescript-estree' };
}
