/**
 * After the rewrites: JWT-library imports and requires whose bindings the rewrites left unused are
 * removed (only those that were used before, so the codemod never touches an import it did not orphan),
 * keeping the ones still used, e.g. for `sign` or a type.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FileAnalysis, ImportSite } from '../engine/index.js';
import { nextLineStart, lineStart, type TextEdit } from './text.js';

type Node = TSESTree.Node;

interface Binding {
  /** Stable across the two passes: the specifier, the n-th library import, the local name. */
  readonly key: string;
  readonly local: string;
  readonly referenced: boolean;
  /** The import specifier, pattern property, or whole declarator/declaration it lives in. */
  readonly node: Node;
}

interface Container {
  readonly site: ImportSite;
  /** The statement to drop when every binding goes. */
  readonly statement: Node;
  readonly bindings: Binding[];
  readonly kind: 'import' | 'pattern' | 'single';
}

function isUsed(variables: readonly TSESLint.Scope.Variable[], local: string): boolean {
  const variable = variables.find((candidate) => candidate.name === local);
  if (!variable) return true;
  return variable.references.some((reference) => !reference.init);
}

/** The `const … = require('m')` declarator around a require call (through `.member` and TS wrappers). */
function requireDeclarator(call: Node): TSESTree.VariableDeclarator | undefined {
  let current: Node = call;
  while (current.parent && (current.parent.type === 'TSAsExpression' || current.parent.type === 'TSNonNullExpression')) current = current.parent;
  const parent = current.parent;
  return parent?.type === 'VariableDeclarator' && parent.init === current ? parent : undefined;
}

function containers(scopeManager: TSESLint.Scope.ScopeManager, analysis: FileAnalysis): Container[] {
  const result: Container[] = [];
  let ordinal = 0;
  for (const site of analysis.imports) {
    if (!site.library) continue;
    const prefix = `${site.specifier}#${ordinal++}#`;
    if (site.form === 'import' && site.node.type === 'ImportDeclaration') {
      const declaration = site.node;
      if (declaration.specifiers.length === 0) continue;
      const bindings = declaration.specifiers.map((specifier): Binding => {
        const variables = scopeManager.getDeclaredVariables(specifier);
        return { key: prefix + specifier.local.name, local: specifier.local.name, referenced: isUsed(variables, specifier.local.name), node: specifier };
      });
      result.push({ site, statement: declaration, bindings, kind: 'import' });
    } else if (site.form === 'import-equals' && site.node.type === 'TSImportEqualsDeclaration') {
      const declaration = site.node;
      const local = declaration.id.name;
      const referenced = isUsed(scopeManager.getDeclaredVariables(declaration), local);
      result.push({ site, statement: declaration, bindings: [{ key: prefix + local, local, referenced, node: declaration }], kind: 'single' });
    } else if (site.form === 'require') {
      const declarator = requireDeclarator(site.node);
      const declaration = declarator?.parent;
      if (!declarator || declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1 || declaration.parent?.type !== 'Program') continue;
      const variables = scopeManager.getDeclaredVariables(declarator);
      if (declarator.id.type === 'Identifier') {
        const local = declarator.id.name;
        result.push({ site, statement: declaration, bindings: [{ key: prefix + local, local, referenced: isUsed(variables, local), node: declarator }], kind: 'single' });
      } else if (declarator.id.type === 'ObjectPattern') {
        const bindings: Binding[] = [];
        let simple = true;
        for (const property of declarator.id.properties) {
          const value = property.type === 'Property' ? property.value : undefined;
          const local = value?.type === 'Identifier' ? value.name : value?.type === 'AssignmentPattern' && value.left.type === 'Identifier' ? value.left.name : undefined;
          if (!local) {
            simple = false;
            break;
          }
          bindings.push({ key: prefix + local, local, referenced: isUsed(variables, local), node: property });
        }
        if (simple && bindings.length > 0) result.push({ site, statement: declaration, bindings, kind: 'pattern' });
      }
    }
  }
  return result;
}

/** Keys of the library bindings the file uses before the migration. */
export function usedLibraryBindings(scopeManager: TSESLint.Scope.ScopeManager, analysis: FileAnalysis): Set<string> {
  const used = new Set<string>();
  for (const container of containers(scopeManager, analysis)) {
    for (const binding of container.bindings) if (binding.referenced) used.add(binding.key);
  }
  return used;
}

/** Removes a whole statement, with its line when it stands alone on it. */
function removeStatement(text: string, statement: Node): TextEdit {
  const [start, end] = statement.range;
  const begin = lineStart(text, start);
  const after = nextLineStart(text, end);
  if (text.slice(begin, start).trim() === '' && text.slice(end, after).trim() === '') return { start: begin, end: after, text: '' };
  return { start, end, text: '' };
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
  readonly edit: TextEdit;
  readonly description: string;
}

export function removeUnusedLibraryImports(
  text: string,
  scopeManager: TSESLint.Scope.ScopeManager,
  analysis: FileAnalysis,
  usedBefore: ReadonlySet<string>,
): ImportRemoval[] {
  const removals: ImportRemoval[] = [];
  for (const container of containers(scopeManager, analysis)) {
    const orphaned = container.bindings.filter((binding) => !binding.referenced && usedBefore.has(binding.key));
    if (orphaned.length === 0) continue;
    const names = orphaned.map((binding) => binding.local).join(', ');
    const description = `remove unused ${names} (${container.site.specifier})`;
    if (orphaned.length === container.bindings.length) {
      removals.push({ edit: removeStatement(text, container.statement), description });
      continue;
    }
    const remove = new Set<Node>(orphaned.map((binding) => binding.node));
    if (container.kind === 'pattern') {
      const pattern = ((container.statement as TSESTree.VariableDeclaration).declarations[0]!.id as TSESTree.ObjectPattern).properties;
      for (const edit of removeFromList(pattern, remove)) removals.push({ edit, description });
      continue;
    }
    if (container.kind !== 'import') continue;
    const declaration = container.statement as TSESTree.ImportDeclaration;
    const defaultSpecifier = declaration.specifiers.find((specifier) => specifier.type === 'ImportDefaultSpecifier');
    const named = declaration.specifiers.filter((specifier) => specifier.type === 'ImportSpecifier');
    if (declaration.specifiers.some((specifier) => specifier.type === 'ImportNamespaceSpecifier')) continue;
    const namedKept = named.filter((specifier) => !remove.has(specifier));
    if (defaultSpecifier && remove.has(defaultSpecifier)) {
      // `jwt, { sign }` → `{ sign }`
      const brace = text.indexOf('{', defaultSpecifier.range[1]);
      removals.push({ edit: { start: defaultSpecifier.range[0], end: brace, text: '' }, description });
    }
    if (namedKept.length === 0 && named.length > 0 && defaultSpecifier && !remove.has(defaultSpecifier)) {
      // `jwt, { verify }` → `jwt`
      const close = text.indexOf('}', named[named.length - 1]!.range[1]);
      removals.push({ edit: { start: defaultSpecifier.range[1], end: close + 1, text: '' }, description });
    } else if (namedKept.length > 0) {
      for (const edit of removeFromList(named, remove)) removals.push({ edit, description });
    }
  }
  return removals;
}
