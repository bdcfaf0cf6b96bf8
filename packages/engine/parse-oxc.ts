/**
 * The audit's fast parser: oxc-parser (native, an optional peer dependency) turned into the tree
 * `@typescript-eslint/typescript-estree` builds, so the engine and the scope manager cannot tell them apart.
 * oxc already emits TS-ESTree shapes with UTF-16 offsets; what it lacks is `loc` (on nodes and comments),
 * `range` on comments, and typescript-estree's `sourceType`, `directive` and decorated-parameter starts.
 * Anything not shown to match (a parse error, an extension or a construct the
 * differential test does not cover) returns undefined, and the caller parses the file with
 * typescript-estree: a file is never reported clean without being analysed.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

type OxcLang = 'js' | 'jsx' | 'ts' | 'tsx' | 'dts';

interface OxcParser {
  parseSync(
    filename: string,
    text: string,
    options: {
      lang: OxcLang;
      sourceType: 'module' | 'commonjs';
      astType: 'ts';
      range: true;
      preserveParens: false;
    },
  ): {
    program: unknown;
    comments: Array<{ type: 'Line' | 'Block'; value: string; start: number; end: number }>;
    errors: readonly unknown[];
    module: { hasModuleSyntax: boolean };
  };
}

/**
 * typescript-estree parses every JavaScript file with JSX on (parse.ts), so the same files get `jsx` here.
 * Any other extension is left to typescript-estree.
 */
const LANG_BY_EXTENSION: Readonly<Record<string, OxcLang>> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'jsx',
  '.mjs': 'jsx',
  '.cjs': 'jsx',
  '.jsx': 'jsx',
};

/**
 * Node types that typescript-estree never produces, or produces differently enough that the differential
 * test does not vouch for them: a file holding one goes to typescript-estree. (A type missing from
 * typescript-estree's visitor keys is refused too, in addLocations; these are named so the reason is written down.)
 */
const UNVERIFIED_TYPES = new Set<string>([
  // Kept only with preserveParens (off here); listed so a change of default cannot slip through.
  'ParenthesizedExpression',
  'TSParenthesizedType',
  // Stage 3 `import source x from` / `import defer`: typescript-estree rejects them.
  'ImportSourceDeclaration',
  // oxc's spelling of JSDoc types (`?T`, `T!`) and other oxc-only nodes.
  'TSJSDocNullableType',
  'TSJSDocNonNullableType',
  'TSJSDocUnknownType',
]);

/**
 * typescript-estree decodes HTML entities (`&amp;`, `&nbsp;`) in JSX text and JSX attribute strings;
 * oxc keeps them as written. Rare in code that handles tokens: such a file goes to typescript-estree.
 */
function hasUndecodedEntity(node: RawNode): boolean {
  if (node.type === 'JSXText') return (node.raw as string).includes('&');
  if (node.type !== 'JSXAttribute') return false;
  const value = node.value as RawNode | null;
  return value?.type === 'Literal' && typeof value.raw === 'string' && value.raw.includes('&');
}

/** undefined until first asked; null once we know oxc-parser is not installed next to us. */
let oxc: OxcParser | null | undefined;

/**
 * oxc-parser as `require` from this package finds it, loaded on first use only: an audit whose files the
 * prefilter rules out never loads a parser. `null` when it is not installed (it is an optional peer).
 */
export function loadOxc(): OxcParser | null {
  if (oxc === undefined) {
    try {
      oxc = createRequire(__filename)('oxc-parser') as OxcParser;
    } catch {
      oxc = null;
    }
  }
  return oxc;
}

/** Offsets where each line starts, with the line terminators TypeScript counts (and so ESLint's `loc`). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const terminator = /\r\n|[\n\r\u2028\u2029]/gu;
  for (let match = terminator.exec(text); match; match = terminator.exec(text)) {
    starts.push(match.index + match[0].length);
  }
  return starts;
}

function positionFinder(starts: readonly number[]): (offset: number) => TSESTree.Position {
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! };
  };
}

/** The offset of the first character after `offset` that is neither whitespace nor a comment. */
function skipTrivia(text: string, offset: number): number {
  const trivia = /(?:\s|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)*/gy;
  trivia.lastIndex = offset;
  trivia.exec(text);
  return trivia.lastIndex;
}

/**
 * A decorated parameter (`m(@Body() dto: Dto = {})`): oxc's range starts at the first decorator,
 * typescript-estree's at the binding itself, for a plain name or a default value (patterns and
 * parameter properties agree already).
 */
function startAfterDecorators(node: RawNode, text: string): void {
  const range = node.range!;
  if (node.type === 'AssignmentPattern') range[0] = (node.left as RawNode).range![0];
  else if (node.type === 'Identifier') {
    const decorators = node.decorators as RawNode[];
    range[0] = skipTrivia(text, decorators[decorators.length - 1]!.range![1]);
  }
}

interface RawNode {
  type?: unknown;
  range?: [number, number];
  loc?: TSESTree.SourceLocation;
  [key: string]: unknown;
}

/**
 * Adds `loc` to every node, in place. Returns false on a node type the differential test does not cover.
 * Follows typescript-estree's visitor keys, as every walk of the engine does (ast/collect.ts), so every
 * node the engine can reach gets its `loc` — and an oxc-only node type is still seen, and refused.
 */
function addLocations(program: RawNode, text: string, positionAt: (offset: number) => TSESTree.Position): boolean {
  const stack: RawNode[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const type = node.type as string;
    if (UNVERIFIED_TYPES.has(type) || hasUndecodedEntity(node)) return false;
    const decorators = node.decorators as RawNode[] | undefined;
    if (decorators !== undefined && decorators.length > 0) startAfterDecorators(node, text);
    const range = node.range!;
    node.loc = { start: positionAt(range[0]), end: positionAt(range[1]) };
    // typescript-estree sets `directive` to undefined on a statement that is none; migrate's scan tests `!== undefined`.
    if (type === 'ExpressionStatement' && node.directive === null) node.directive = undefined;
    const keys = visitorKeys[type];
    if (keys === undefined) return false;
    for (const key of keys) {
      const child = node[key] as RawNode | RawNode[] | null | undefined;
      if (child === null || child === undefined) continue;
      if (Array.isArray(child)) {
        for (const item of child) if (item !== null) stack.push(item);
      } else stack.push(child);
    }
  }
  return true;
}

/**
 * typescript-estree's `sourceType` is TypeScript's external-module indicator: import/export syntax (which
 * oxc reports), `import x = require()` (which it does not count), or an `.mjs` / `.mts` name.
 */
function isExternalModule(ext: string, program: RawNode, hasModuleSyntax: boolean): boolean {
  if (hasModuleSyntax || ext === '.mjs' || ext === '.mts') return true;
  return (program.body as RawNode[]).some(
    (statement) =>
      statement.type === 'TSImportEqualsDeclaration' && (statement.moduleReference as RawNode).type === 'TSExternalModuleReference',
  );
}

export interface OxcParseOptions {
  readonly comments: boolean;
}

/**
 * The file's tree as typescript-estree would build it, or undefined when oxc-parser is missing, rejects
 * the file, or the file holds something the differential test does not vouch for.
 */
export function parseWithOxc(file: string, text: string, options: OxcParseOptions): TSESTree.Program | undefined {
  const parser = loadOxc();
  const ext = path.extname(file);
  const lang = LANG_BY_EXTENSION[ext];
  if (!parser || !lang) return undefined;
  // typescript-estree keeps a hashbang out of the tree in its own way; rare enough to leave to it.
  if (text.startsWith('#!')) return undefined;
  const result = parser.parseSync(file, text, {
    lang: file.endsWith('.d.ts') ? 'dts' : lang,
    sourceType: ext === '.cjs' || ext === '.cts' ? 'commonjs' : 'module',
    astType: 'ts',
    range: true,
    preserveParens: false,
  });
  if (result.errors.length > 0) return undefined;
  const program = result.program as RawNode;
  program.sourceType = isExternalModule(ext, program, result.module.hasModuleSyntax) ? 'module' : 'script';
  const positionAt = positionFinder(lineStarts(text));
  if (!addLocations(program, text, positionAt)) return undefined;
  if (options.comments) {
    program.comments = result.comments.map((comment) => ({
      type: comment.type,
      value: comment.value,
      range: [comment.start, comment.end],
      loc: { start: positionAt(comment.start), end: positionAt(comment.end) },
    }));
  }
  return program as unknown as TSESTree.Program;
}
