/**
 * Parsing outside ESLint (the audit, the codemods): the same parser and scope analysis ESLint uses with
 * `@typescript-eslint/parser`, so the engine sees the same tree in every tool.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TSESLint } from '@typescript-eslint/utils';

// Loaded on the first parse: typescript-estree brings TypeScript (about half a second of CPU), which a
// command whose files the prefilter all rules out never needs.
const localRequire = createRequire(__filename);
const estree = (): typeof import('@typescript-eslint/typescript-estree') => localRequire('@typescript-eslint/typescript-estree');
const scopeManager = (): typeof import('@typescript-eslint/scope-manager') => localRequire('@typescript-eslint/scope-manager');

export interface ParsedFile {
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
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
}

export function parseFile(file: string, text: string, options: ParseOptions = {}): ParsedFile {
  const ext = path.extname(file);
  let ast: TSESTree.Program;
  try {
    ast = estree().parse(text, {
      range: true,
      loc: true,
      comment: options.comments ?? true,
      jsx: JSX_EXTENSIONS.has(ext),
      filePath: file,
      // The engine reads ESTree only, never TypeScript's JSDoc nodes: skip building them.
      jsDocParsingMode: 'none',
    });
  } catch (error) {
    const failure = error as Error & { lineNumber?: number; column?: number };
    throw new ParseError(file, failure.lineNumber, failure.column, failure.message.split('\n')[0] ?? String(error));
  }
  const sourceType = ext === '.cjs' || ext === '.cts' ? 'script' : 'module';
  const scopes = scopeManager().analyze(ast, { sourceType, jsxPragma: null }) as unknown as TSESLint.Scope.ScopeManager;
  return { ast, scopeManager: scopes };
}
