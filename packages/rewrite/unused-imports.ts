/**
 * After the rewrites: import and require bindings the rewrites left unused are removed, whatever the
 * module (the JWT library, but also `import { SECRET } from '../config'` or `const { JWT_SECRET } =
 * require('./env')` that only fed a removed key). Only bindings that were used before the migration go,
 * so the codemod never touches an import it did not orphan; side-effect imports (`import './env'`) have
 * no binding and are never touched; bindings still used (for `sign`, a type) keep their statement.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isReferenced } from './unused-constants.js';
import type { TextEdit } from './text.js';

type Node = TSESTree.Node;

interface Binding {
  /** Stable across the passes: the module and the local name (module-level names are unique). */
  readonly key: string;
  readonly local: string;
  readonly referenced: boolean;
  /** The import specifier, pattern property, or whole declarator/declaration it lives in. */
  readonly node: Node;
}

interface Container {
  readonly specifier: string;
  /** The statement to drop when every binding goes. */
  readonly statement: Node;
  readonly bindings: Binding[];
  readonly kind: 'import' | 'pattern' | 'single';
}

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ChainExpression']);

/** The module of `require('m')`, also read through members and TS wrappers (`require('./config').jwt.secret`). */
function requiredModule(init: Node | null | undefined): string | undefined {
  let node = init;
  while (node && (WRAPPERS.has(node.type) || node.type === 'MemberExpression')) {
    node = node.type === 'MemberExpression' ? node.object : (node as TSESTree.TSAsExpression).expression;
  }
  if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const [source] = node.arguments;
  return source?.type === 'Literal' && typeof source.value === 'string' ? source.value : undefined;
}

function binding(scopeManager: TSESLint.Scope.ScopeManager, specifier: string, local: string, declared: Node, node: Node): Binding {
  const variable = scopeManager.getDeclaredVariables(declared).find((candidate) => candidate.name === local);
  return { key: `${specifier}#${local}`, local, referenced: !variable || isReferenced(variable), node };
}

function requireContainer(scopeManager: TSESLint.Scope.ScopeManager, statement: TSESTree.VariableDeclaration): Container | undefined {
  const [declarator] = statement.declarations;
  const specifier = statement.declarations.length === 1 ? requiredModule(declarator?.init) : undefined;
  if (!declarator || specifier === undefined) return undefined;
  if (declarator.id.type === 'Identifier') {
    return { specifier, statement, bindings: [binding(scopeManager, specifier, declarator.id.name, declarator, declarator)], kind: 'single' };
  }
  if (declarator.id.type !== 'ObjectPattern') return undefined;
  const bindings: Binding[] = [];
  for (const property of declarator.id.properties) {
    const value = property.type === 'Property' ? property.value : undefined;
    const local = value?.type === 'Identifier' ? value.name : value?.type === 'AssignmentPattern' && value.left.type === 'Identifier' ? value.left.name : undefined;
    if (!local) return undefined;
    bindings.push(binding(scopeManager, specifier, local, declarator, property));
  }
  return bindings.length > 0 ? { specifier, statement, bindings, kind: 'pattern' } : undefined;
}

function containers(ast: TSESTree.Program, scopeManager: TSESLint.Scope.ScopeManager): Container[] {
  const result: Container[] = [];
  for (const statement of ast.body) {
    if (statement.type === 'ImportDeclaration') {
      const specifier = statement.source.value;
      if (statement.specifiers.length === 0) continue;
      const bindings = statement.specifiers.map((item) => binding(scopeManager, specifier, item.local.name, item, item));
      result.push({ specifier, statement, bindings, kind: 'import' });
    } else if (statement.type === 'TSImportEqualsDeclaration' && statement.moduleReference.type === 'TSExternalModuleReference') {
      const source = statement.moduleReference.expression;
      const specifier = source.type === 'Literal' && typeof source.value === 'string' ? source.value : '';
      const local = statement.id.name;
      result.push({ specifier, statement, bindings: [binding(scopeManager, specifier, local, statement, statement)], kind: 'single' });
    } else if (statement.type === 'VariableDeclaration') {
      const container = requireContainer(scopeManager, statement);
      if (container) result.push(container);
    }
  }
  return result;
}

/** Keys of the import and require bindings the file uses before the migration. */
export function usedImportBindings(ast: TSESTree.Program, scopeManager: TSESLint.Scope.ScopeManager): Set<string> {
  const used = new Set<string>();
  for (const container of containers(ast, scopeManager)) {
    for (const item of container.bindings) if (item.referenced) used.add(item.key);
  }
  return used;
}

/** Removes some items of a comma-separated list (specifiers or pattern properties), keeping the rest's layout. */
function removeFromList(items: readonly Node[], remove: ReadonlySet<Node>): TextEdit[] {
  const edits: TextEdit[] = [];
  let lastKept = -1;
  items.forEach((item, index) => {
    if (!remove.has(item)) lastKept = index;
  });
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    if (!remove.has(item)) continue;
    if (index < lastKept) {
      edits.push({ start: item.range[0], end: items[index + 1]!.range[0], text: '' });
    } else {
      // The trailing run after the last kept item: drop from the kept item's end.
      edits.push({ start: items[lastKept]!.range[1], end: items[items.length - 1]!.range[1], text: '' });
      break;
    }
  }
  return edits;
}

export interface ImportRemoval {
  /** Set when the whole statement goes (the caller removes it with its line); else the partial edits. */
  readonly statement?: Node;
  readonly edits: readonly TextEdit[];
  readonly description: string;
}

/** Edits that keep some bindings of an import declaration, or undefined when its form cannot be split. */
function keepSome(text: string, declaration: TSESTree.ImportDeclaration, remove: ReadonlySet<Node>): TextEdit[] | undefined {
  if (declaration.specifiers.some((specifier) => specifier.type === 'ImportNamespaceSpecifier')) return undefined;
  const defaultSpecifier = declaration.specifiers.find((specifier) => specifier.type === 'ImportDefaultSpecifier');
  const named = declaration.specifiers.filter((specifier) => specifier.type === 'ImportSpecifier');
  const namedKept = named.filter((specifier) => !remove.has(specifier));
  const edits: TextEdit[] = [];
  if (defaultSpecifier && remove.has(defaultSpecifier)) {
    // `jwt, { sign }` → `{ sign }`
    edits.push({ start: defaultSpecifier.range[0], end: text.indexOf('{', defaultSpecifier.range[1]), text: '' });
  }
  if (namedKept.length === 0 && named.length > 0 && defaultSpecifier && !remove.has(defaultSpecifier)) {
    // `jwt, { verify }` → `jwt`
    const close = text.indexOf('}', named[named.length - 1]!.range[1]);
    edits.push({ start: defaultSpecifier.range[1], end: close + 1, text: '' });
  } else if (namedKept.length > 0) {
    edits.push(...removeFromList(named, remove));
  }
  return edits;
}

/** The import and require bindings used before (`usedBefore`) that nothing references any more. */
export function removeUnusedImports(text: string, ast: TSESTree.Program, scopeManager: TSESLint.Scope.ScopeManager, usedBefore: ReadonlySet<string>): ImportRemoval[] {
  const removals: ImportRemoval[] = [];
  for (const container of containers(ast, scopeManager)) {
    const orphaned = container.bindings.filter((item) => !item.referenced && usedBefore.has(item.key));
    if (orphaned.length === 0) continue;
    const description = `remove unused ${orphaned.map((item) => item.local).join(', ')} (${container.specifier})`;
    if (orphaned.length === container.bindings.length) {
      removals.push({ statement: container.statement, edits: [], description });
      continue;
    }
    const remove = new Set<Node>(orphaned.map((item) => item.node));
    if (container.kind === 'pattern') {
      const pattern = ((container.statement as TSESTree.VariableDeclaration).declarations[0]!.id as TSESTree.ObjectPattern).properties;
      removals.push({ edits: removeFromList(pattern, remove), description });
    } else if (container.kind === 'import') {
      const edits = keepSome(text, container.statement as TSESTree.ImportDeclaration, remove);
      if (edits) removals.push({ edits, description });
    }
  }
  return removals;
}
