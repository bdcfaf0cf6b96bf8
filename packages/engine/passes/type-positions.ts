/**
 * Code that never runs: declaration files, `declare` statements and `declare module` blocks, and imports
 * whose bindings appear in type positions only (TypeScript elides them as it does `import type`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Node } from '../ast/nodes.js';

/** `x.d.ts`, `x.d.mts`, `x.d.cts`, and the `x.d.css.ts` form of arbitrary-extension declarations. */
const DECLARATION_FILE = /\.d(?:\.[^./\\]+)?\.[cm]?ts$/;

export function isDeclarationFile(filename: string): boolean {
  return DECLARATION_FILE.test(filename);
}

/** Inside a `declare module`/`declare global`/`declare namespace` block, or a `declare` statement itself. */
export function isAmbient(node: Node): boolean {
  for (let current: Node | undefined = node; current; current = current.parent) {
    if ('declare' in current && current.declare === true) return true;
  }
  return false;
}

/**
 * Every binding of this value import is read in type positions only (annotations, `typeof x` queries), at
 * least once. An unused import is not "used as types": it still loads the module unless a bundler drops it.
 */
export function usedOnlyAsTypes(declaration: TSESTree.ImportDeclaration, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  const variables = scopeManager.getDeclaredVariables(declaration);
  if (variables.length === 0) return false;
  return variables.every((variable) => variable.references.length > 0 && variable.references.every(isTypeOnlyReference));
}

function isTypeOnlyReference(reference: TSESLint.Scope.Reference): boolean {
  const kinds = reference as { isTypeReference?: boolean; isValueReference?: boolean };
  if (kinds.isTypeReference && !kinds.isValueReference) return true;
  return insideTypeQuery(reference.identifier as Node);
}

/** `typeof jwt.verify` in a type: a value name that is erased with the type. */
function insideTypeQuery(identifier: Node): boolean {
  for (let current: Node | undefined = identifier.parent; current; current = current.parent) {
    if (current.type === 'TSTypeQuery') return true;
    if (current.type !== 'TSQualifiedName' && current.type !== 'MemberExpression') return false;
  }
  return false;
}
