/**
 * Hand-rolled decoding: base64 of a token's `split('.')` segment, the classic "parseJwt" idiom.
 * `atob(t.split('.')[1])`, `Buffer.from(part, 'base64url')`, also through `const [, p] = t.split('.')`,
 * `const parts = t.split('.')` and `.replace(/-/g, '+')` chains.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName, staticString, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, isGlobalName, scopeOf } from '../ast/scope.js';
import type { CallSite } from '../types.js';

const STRING_TRANSFORMS = new Set(['replace', 'replaceAll', 'padEnd', 'padStart', 'trim', 'toString', 'concat']);
const BASE64_ENCODINGS = new Set(['base64', 'base64url']);
const MAX_HOPS = 4;

export function findHandRolledDecodes(calls: readonly TSESTree.CallExpression[], scopeManager: TSESLint.Scope.ScopeManager): CallSite[] {
  const sites: CallSite[] = [];
  for (const call of calls) {
    const decoder = base64Decoder(call, scopeManager);
    if (!decoder) continue;
    const token = segmentToken(call.arguments[0], scopeManager, 0);
    if (!token) continue;
    sites.push({ kind: 'decode', library: 'hand-rolled', api: decoder, form: 'hand-rolled', node: call, args: [token], token });
  }
  return sites;
}

/** `atob(x)` / `globalThis.atob(x)` → 'atob'; `Buffer.from(x, 'base64'|'base64url')` → 'Buffer.from'. */
function base64Decoder(call: TSESTree.CallExpression, scopeManager: TSESLint.Scope.ScopeManager): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') {
    return callee.name === 'atob' && isGlobalName(scopeManager, callee, 'atob') ? 'atob' : undefined;
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const object = unwrap(callee.object);
  const name = memberName(callee);
  if (object.type !== 'Identifier') return undefined;
  if (name === 'atob' && ['window', 'globalThis', 'self'].includes(object.name)) return 'atob';
  if (name === 'from' && object.name === 'Buffer' && isGlobalName(scopeManager, object, 'Buffer')) {
    const encoding = staticString(call.arguments[1]);
    return encoding !== undefined && BASE64_ENCODINGS.has(encoding) ? 'Buffer.from' : undefined;
  }
  return undefined;
}

/** The token expression when `node` is one of its `split('.')` segments, else undefined. */
function segmentToken(node: Node | undefined, scopeManager: TSESLint.Scope.ScopeManager, hops: number): Node | undefined {
  if (!node || hops > MAX_HOPS) return undefined;
  const expression = unwrap(node);
  switch (expression.type) {
    case 'CallExpression': {
      const callee = unwrap(expression.callee);
      if (callee.type !== 'MemberExpression') return undefined;
      const name = memberName(callee);
      if (name === 'at') return splitToken(callee.object, scopeManager, hops);
      return name && STRING_TRANSFORMS.has(name) ? segmentToken(callee.object, scopeManager, hops) : undefined;
    }
    case 'BinaryExpression':
      return expression.operator === '+' ? segmentToken(expression.left, scopeManager, hops) : undefined;
    case 'MemberExpression': {
      if (!expression.computed) return undefined;
      const index = unwrap(expression.property);
      if (index.type !== 'Literal' || typeof index.value !== 'number') return undefined;
      return splitToken(expression.object, scopeManager, hops);
    }
    case 'Identifier': {
      // token.split('.').map((part) => atob(part))
      const mapped = mappedSplitToken(expression, scopeManager, hops);
      if (mapped) return mapped;
      const declarator = declaratorOf(expression, scopeManager);
      if (!declarator?.init) return undefined;
      if (declarator.id.type === 'Identifier') return segmentToken(declarator.init, scopeManager, hops + 1);
      // const [, payload] = token.split('.')
      if (declarator.id.type === 'ArrayPattern') return splitToken(declarator.init, scopeManager, hops + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The token when `node` is `token.split('.')` (or a variable holding it). */
function splitToken(node: Node, scopeManager: TSESLint.Scope.ScopeManager, hops: number): Node | undefined {
  if (hops > MAX_HOPS) return undefined;
  const expression = unwrap(node);
  if (expression.type === 'Identifier') {
    const declarator = declaratorOf(expression, scopeManager);
    return declarator?.init && declarator.id.type === 'Identifier' ? splitToken(declarator.init, scopeManager, hops + 1) : undefined;
  }
  if (expression.type !== 'CallExpression') return undefined;
  const callee = unwrap(expression.callee);
  if (callee.type !== 'MemberExpression' || memberName(callee) !== 'split') return undefined;
  return separatorOf(expression.arguments[0], scopeManager) === '.' ? callee.object : undefined;
}

function declaratorOf(identifier: TSESTree.Identifier, scopeManager: TSESLint.Scope.ScopeManager): TSESTree.VariableDeclarator | undefined {
  const variable = findVariable(scopeOf(scopeManager, identifier), identifier.name);
  const def = variable?.defs[0];
  return def?.node.type === 'VariableDeclarator' ? def.node : undefined;
}

/** The split separator: a string literal, or a `const` holding one (`const SEP = '.'`). */
function separatorOf(node: Node | undefined, scopeManager: TSESLint.Scope.ScopeManager): string | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  if (value.type !== 'Identifier') return staticString(value);
  const declarator = declaratorOf(value, scopeManager);
  return declarator?.parent?.type === 'VariableDeclaration' && declarator.parent.kind === 'const' ? staticString(declarator.init) : undefined;
}

const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'flatMap']);

/** The token when `identifier` is the element parameter of a callback over its split: `t.split('.').map((p) => …)`. */
function mappedSplitToken(identifier: TSESTree.Identifier, scopeManager: TSESLint.Scope.ScopeManager, hops: number): Node | undefined {
  const def = findVariable(scopeOf(scopeManager, identifier), identifier.name)?.defs[0];
  if (def?.type !== 'Parameter') return undefined;
  const callback = def.node;
  if (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression') return undefined;
  if (callback.params[0] !== def.name) return undefined;
  const call = callback.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== callback) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || !ELEMENT_CALLBACKS.has(memberName(callee) ?? '')) return undefined;
  return splitToken(callee.object, scopeManager, hops + 1);
}
