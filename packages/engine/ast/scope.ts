/** Scope look-ups on a scope manager, without ESLint's SourceCode. */
import type { TSESLint } from '@typescript-eslint/utils';
import type { Node } from './nodes.js';

type ScopeManager = TSESLint.Scope.ScopeManager;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** The innermost scope around a node (ESLint's `sourceCode.getScope` without ESLint). */
export function scopeOf(scopeManager: ScopeManager, node: Node): Scope {
  for (let current: Node | undefined = node; current; current = current.parent) {
    // Innermost: for a module's Program that is the module scope (its top-level declarations), not the global one.
    const scope = scopeManager.acquire(current, true);
    if (scope) {
      if (scope.type === 'function-expression-name') return scope.childScopes[0]!;
      return scope;
    }
  }
  return scopeManager.globalScope!;
}

export function findVariable(scope: Scope | null, name: string): Variable | undefined {
  for (let current = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/**
 * Is `name` at `node` the host's global (not shadowed by a local declaration)? An ambient declaration
 * (`declare const process: …`, `declare global { … }`) only describes the global's type: it shadows nothing.
 */
export function isGlobalName(scopeManager: ScopeManager, node: Node, name: string): boolean {
  const variable = findVariable(scopeOf(scopeManager, node), name);
  return !variable || isAmbientOnly(variable);
}

/** A variable with no declaration but ambient ones (or none at all): the host's global under a type. */
export function isAmbientOnly(variable: Variable): boolean {
  return variable.defs.every((def) => isAmbient(def.node));
}

/** Inside a `declare` statement or a `declare global` / `declare module` block: a type-only declaration. */
function isAmbient(node: Node): boolean {
  for (let current: Node | undefined = node; current; current = current.parent) {
    if ('declare' in current && current.declare === true) return true;
  }
  return false;
}
