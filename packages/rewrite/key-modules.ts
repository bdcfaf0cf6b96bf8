/**
 * The project modules a key trace reads (config modules, env helpers), parsed with the engine's parser
 * and found with the engine's resolver, memoised by content: an editor session sees an edited config
 * module at once, whatever its modification time says.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { parseFile, resolverFor, RESOLVE_EXTENSIONS, type Settings } from '../engine/index.js';

/** Files (with content hashes) a trace read: a cached answer is stale once one of them changes. */
export type KeyDependencies = Map<string, string>;

export interface ModuleFile {
  readonly file: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
}

/** Parsed modules by path, with the hash of the text they were parsed from (null: did not parse). */
const parsed = new Map<string, { readonly hash: string; readonly module: ModuleFile | null }>();

export const contentHash = (text: string): string => createHash('sha1').update(text).digest('hex');

/** The project source file `specifier` names from `fromFile`, parsed; undefined for packages, JSON and unreadable files. */
export function loadModule(settings: Settings, fromFile: string, specifier: string, dependencies?: KeyDependencies): ModuleFile | undefined {
  const file = resolverFor(settings).resolve(fromFile, specifier, { packages: false });
  if (!file || /[\\/]node_modules[\\/]/.test(file) || !RESOLVE_EXTENSIONS.some((ext) => file.endsWith(ext))) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const hash = contentHash(text);
  dependencies?.set(file, hash);
  const cached = parsed.get(file);
  if (cached?.hash === hash) return cached.module ?? undefined;
  let module: ModuleFile | null;
  try {
    const { ast, scopeManager } = parseFile(file, text, { comments: false });
    setParents(ast);
    module = { file, ast, scopeManager };
  } catch {
    module = null;
  }
  parsed.set(file, { hash, module });
  return module ?? undefined;
}

/** Have the files a cached answer read kept their content? */
export function dependenciesUnchanged(dependencies: ReadonlyMap<string, string>): boolean {
  for (const [file, hash] of dependencies) {
    try {
      if (contentHash(fs.readFileSync(file, 'utf8')) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Scope look-ups walk `parent` links, which the parser leaves to its caller (the engine sets them while collecting). */
function setParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') {
          (item as { parent: TSESTree.Node }).parent = node;
          stack.push(item as TSESTree.Node);
        }
      }
    }
  }
}
