/**
 * The presets' parser: `@typescript-eslint/parser`, loaded on the first file ESLint parses. The real
 * parser pulls in typescript-estree and TypeScript (about half a second of CPU); a config that merely
 * imports the plugin (every `jwt-ssot audit`, which reads the user's config through ESLint) must not pay
 * for it. ESLint only reads `meta` (cache keys, config printing) and calls `parseForESLint`.
 */
import { createRequire } from 'node:module';
import type { Linter } from 'eslint';

type TypescriptEslintParser = typeof import('@typescript-eslint/parser');

// createRequire: the parser resolves from this package, as a static import of it would.
const localRequire = createRequire(__filename);

let loaded: TypescriptEslintParser | undefined;

/** The real parser module, required once. */
export function typescriptEslintParser(): TypescriptEslintParser {
  return (loaded ??= localRequire('@typescript-eslint/parser') as TypescriptEslintParser);
}

/** Read from package.json so that naming the parser never loads it. */
const { version } = localRequire('@typescript-eslint/parser/package.json') as { version: string };

export const lazyParser = {
  // The real parser's own meta, so ESLint's cache and --print-config see the same parser.
  meta: { name: 'typescript-eslint/parser', version },
  parseForESLint(text: string, options?: Record<string, unknown>): Linter.ESLintParseResult {
    return typescriptEslintParser().parseForESLint(text, options) as unknown as Linter.ESLintParseResult;
  },
} satisfies Linter.Parser;
