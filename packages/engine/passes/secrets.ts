/**
 * Reads of JWT secrets from the environment: `process.env.X`, `process.env['X']`, `const { X } =
 * process.env`, `const env = process.env; env.X`, `import.meta.env.X`, `Bun.env.X`, `Deno.env.get('X')`.
 * A name is a secret when it matches `secretEnv`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isTransparentWrapper, memberName, propertyKeyName, staticString, unwrap, type Node } from '../ast/nodes.js';
import { isAmbientOnly, isGlobalName } from '../ast/scope.js';
import { isSecretName } from '../secret-names.js';
import type { Settings } from '../settings.js';
import type { SecretSite } from '../types.js';

export function findSecretReads(
  envObjects: readonly TSESTree.MemberExpression[],
  calls: readonly TSESTree.CallExpression[],
  scopeManager: TSESLint.Scope.ScopeManager,
  settings: Settings,
): SecretSite[] {
  const sites: SecretSite[] = [];
  const isSecret = (name: string): boolean => isSecretName(name, settings.secretEnv);
  const describeHost = (env: TSESTree.MemberExpression): string => {
    const host = unwrap(env.object);
    if (host.type === 'Identifier') return `${host.name}.env`;
    if (host.type === 'MemberExpression') {
      const object = unwrap(host.object);
      return `${object.type === 'Identifier' ? object.name : '…'}.${memberName(host) ?? ''}.env`;
    }
    return 'import.meta.env';
  };

  const readsOf = (envValue: Node, source: string, depth: number): void => {
    let node = envValue;
    while (node.parent && isTransparentWrapper(node.parent)) node = node.parent;
    const parent = node.parent;
    if (!parent) return;
    if (parent.type === 'MemberExpression' && parent.object === node) {
      const name = memberName(parent);
      if (name !== undefined && isSecret(name) && !isWriteOnly(parent)) sites.push({ name, node: parent, source });
      return;
    }
    if (parent.type === 'VariableDeclarator' && parent.init === node) {
      if (parent.id.type === 'ObjectPattern') {
        for (const property of parent.id.properties) {
          if (property.type !== 'Property') continue;
          const name = propertyKeyName(property);
          if (name !== undefined && isSecret(name)) sites.push({ name, node: property, source });
        }
      } else if (parent.id.type === 'Identifier' && depth < 2) {
        // const env = process.env; env.JWT_SECRET
        const [variable] = scopeManager.getDeclaredVariables(parent);
        for (const reference of variable?.references ?? []) {
          if (reference.isRead()) readsOf(reference.identifier as Node, source, depth + 1);
        }
      }
    }
  };

  for (const env of envObjects) {
    const host = unwrap(env.object);
    if (host.type === 'Identifier' && !isGlobalName(scopeManager, host, host.name)) continue;
    readsOf(env, describeHost(env), 0);
  }
  // const { env } = process; env.JWT_SECRET  —  const { env: { JWT_SECRET } } = process
  for (const host of globalHostReferences(scopeManager)) {
    let node: Node = host;
    while (node.parent && isTransparentWrapper(node.parent)) node = node.parent;
    const declarator = node.parent;
    if (declarator?.type !== 'VariableDeclarator' || declarator.init !== node || declarator.id.type !== 'ObjectPattern') continue;
    const source = `${host.name}.env`;
    for (const property of declarator.id.properties) {
      if (property.type !== 'Property' || propertyKeyName(property) !== 'env') continue;
      const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      if (value.type === 'ObjectPattern') {
        for (const inner of value.properties) {
          const name = inner.type === 'Property' ? propertyKeyName(inner) : undefined;
          if (name !== undefined && isSecret(name)) sites.push({ name, node: inner, source });
        }
      } else if (value.type === 'Identifier') {
        const variable = scopeManager.getDeclaredVariables(declarator).find((candidate) => candidate.name === value.name);
        for (const reference of variable?.references ?? []) {
          if (reference.isRead()) readsOf(reference.identifier as Node, source, 1);
        }
      }
    }
  }
  for (const call of calls) {
    // Deno.env.get('JWT_SECRET')
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression' || memberName(callee) !== 'get') continue;
    const env = unwrap(callee.object);
    if (env.type !== 'MemberExpression' || memberName(env) !== 'env') continue;
    const host = unwrap(env.object);
    if (host.type !== 'Identifier' || host.name !== 'Deno') continue;
    const name = staticString(call.arguments[0]);
    if (name !== undefined && isSecret(name)) sites.push({ name, node: call, source: 'Deno.env' });
  }
  return sites.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** Reads of the global `process` / `Bun` (unresolved, or resolved to a configured global without a declaration). */
function globalHostReferences(scopeManager: TSESLint.Scope.ScopeManager): TSESTree.Identifier[] {
  const globalScope = scopeManager.globalScope;
  if (!globalScope) return [];
  const hosts: TSESTree.Identifier[] = [];
  const isHost = (name: string): boolean => name === 'process' || name === 'Bun';
  for (const reference of globalScope.through) if (isHost(reference.identifier.name)) hosts.push(reference.identifier as TSESTree.Identifier);
  // `declare const process: …` at the top of a module or script types the global without shadowing it.
  const topScopes = [globalScope, ...globalScope.childScopes.filter((scope) => scope.type === 'module')];
  for (const scope of topScopes) {
    for (const name of ['process', 'Bun']) {
      const variable = scope.set.get(name);
      if (variable && isAmbientOnly(variable)) for (const reference of variable.references) hosts.push(reference.identifier as TSESTree.Identifier);
    }
  }
  return hosts;
}

/** `process.env.X = v` and `delete process.env.X` set or clear the variable without reading it. */
function isWriteOnly(member: TSESTree.MemberExpression): boolean {
  let node: Node = member;
  while (node.parent && isTransparentWrapper(node.parent)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'AssignmentExpression') return parent.left === node && parent.operator === '=';
  return parent?.type === 'UnaryExpression' && parent.operator === 'delete';
}
