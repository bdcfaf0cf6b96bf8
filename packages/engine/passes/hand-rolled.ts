/**
 * Hand-rolled decoding: base64 of a token's `split('.')` segment, the classic "parseJwt" idiom.
 * `atob(t.split('.')[1])`, `Buffer.from(part, 'base64url')`, `Uint8Array.fromBase64(part)`, and the
 * decoders of base64 packages (`base64url.decode(part)`, js-base64's `Base64.decode`, jose's
 * `base64url.decode`, Deno's `decodeBase64Url`), also through `const [, p] = t.split('.')`,
 * `const parts = t.split('.')` and `.replace(/-/g, '+')` chains.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName, staticString, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, isGlobalName, scopeOf } from '../ast/scope.js';
import { isCreateRequireCall } from '../ast/collect.js';
import { normaliseSpecifier } from '../catalogue/index.js';
import type { CallSite } from '../types.js';

const STRING_TRANSFORMS = new Set(['replace', 'replaceAll', 'padEnd', 'padStart', 'trim', 'toString', 'concat']);
const BASE64_ENCODINGS = new Set(['base64', 'base64url']);
const MAX_HOPS = 4;

/**
 * Base64 decoders of packages, by module: each path is what a call reaches from the module's namespace
 * (a default export's members count as the namespace's, as CommonJS interop gives them).
 */
const PACKAGE_DECODERS: Readonly<Record<string, readonly string[]>> = {
  base64url: ['decode', 'toBuffer'],
  'js-base64': ['decode', 'fromBase64', 'atob', 'toUint8Array', 'Base64.decode', 'Base64.fromBase64', 'Base64.atob', 'Base64.toUint8Array'],
  jose: ['base64url.decode'],
  '@std/encoding': ['decodeBase64Url', 'decodeBase64'],
  '@std/encoding/base64url': ['decodeBase64Url', 'decode'],
  '@std/encoding/base64': ['decodeBase64', 'decode'],
};
/** The last name of every decoder path: a member call ending in any other name needs no scope lookup. */
const DECODER_NAMES = new Set(Object.values(PACKAGE_DECODERS).flatMap((paths) => paths.map((decoderPath) => decoderPath.slice(decoderPath.lastIndexOf('.') + 1))));
/** Deno's standard library by URL: `https://deno.land/std@0.224.0/encoding/base64url.ts`. */
const DENO_STD_ENCODING = /^https:\/\/deno\.land\/std(?:@[^/]+)?\/encoding\/(base64url|base64)\.ts$/;

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
    return callee.name === 'atob' && isGlobalName(scopeManager, callee, 'atob') ? 'atob' : packageDecoder(callee, scopeManager);
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const object = unwrap(callee.object);
  const name = memberName(callee);
  const fromPackage = packageDecoder(callee, scopeManager);
  if (fromPackage) return fromPackage;
  if (object.type !== 'Identifier') return undefined;
  if (name === 'atob' && ['window', 'globalThis', 'self'].includes(object.name)) return 'atob';
  if (name === 'fromBase64' && object.name === 'Uint8Array' && isGlobalName(scopeManager, object, 'Uint8Array')) return 'Uint8Array.fromBase64';
  if (name === 'from' && object.name === 'Buffer' && isGlobalName(scopeManager, object, 'Buffer')) {
    const encoding = staticString(call.arguments[1]);
    return encoding !== undefined && BASE64_ENCODINGS.has(encoding) ? 'Buffer.from' : undefined;
  }
  return undefined;
}

/** `base64url.decode(x)`, `Base64.decode(x)`, `jose.base64url.decode(x)`: the package decoder the callee names. */
function packageDecoder(callee: Node, scopeManager: TSESLint.Scope.ScopeManager): string | undefined {
  const members: string[] = [];
  let base: Node = unwrap(callee);
  while (base.type === 'MemberExpression') {
    const name = memberName(base);
    if (name === undefined) return undefined;
    members.unshift(name);
    base = unwrap(base.object);
  }
  if (base.type !== 'Identifier' || !mayNameDecoder(members)) return undefined;
  const origin = importOrigin(base, scopeManager);
  if (!origin) return undefined;
  const path = [...origin.path, ...members].filter((name) => name !== 'default').join('.');
  const module = DENO_STD_ENCODING.exec(origin.module)?.[1] ?? normaliseSpecifier(origin.module);
  const decoders = PACKAGE_DECODERS[module] ?? PACKAGE_DECODERS[`@std/encoding/${module}`];
  return decoders?.includes(path) ? `${module} ${path}` : undefined;
}

/**
 * Can a call through these members reach a package decoder? The decoder path ends in the last member
 * that is not `default` (when there is one), so any other last name rules the call out before the
 * scope lookup, which most of a file's member calls would otherwise pay for.
 */
function mayNameDecoder(members: readonly string[]): boolean {
  for (let index = members.length - 1; index >= 0; index--) {
    const member = members[index]!;
    if (member !== 'default') return DECODER_NAMES.has(member.slice(member.lastIndexOf('.') + 1));
  }
  return true;
}

/** The module and imported name an identifier is bound to: `import { Base64 } from 'js-base64'`, `const b = require('base64url')`. */
function importOrigin(identifier: TSESTree.Identifier, scopeManager: TSESLint.Scope.ScopeManager): { module: string; path: string[] } | undefined {
  const def = findVariable(scopeOf(scopeManager, identifier), identifier.name)?.defs[0];
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    const declaration = def.parent;
    if (declaration?.type !== 'ImportDeclaration') return undefined;
    const specifier = def.node;
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
      return { module: declaration.source.value, path: [imported] };
    }
    return specifier.type === 'ImportDefaultSpecifier' || specifier.type === 'ImportNamespaceSpecifier' ? { module: declaration.source.value, path: [] } : undefined;
  }
  if (def.node.type !== 'VariableDeclarator' || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  if (init.type !== 'CallExpression' || !isRequire(init.callee, scopeManager)) return undefined;
  const module = staticString(init.arguments[0]);
  if (module === undefined) return undefined;
  if (def.node.id.type === 'Identifier') return { module, path: [] };
  // const { Base64 } = require('js-base64')
  if (def.node.id.type !== 'ObjectPattern') return undefined;
  for (const property of def.node.id.properties) {
    if (property.type === 'Property' && property.value.type === 'Identifier' && property.value.name === identifier.name && !property.computed && property.key.type === 'Identifier') {
      return { module, path: [property.key.name] };
    }
  }
  return undefined;
}

function isRequire(callee: Node, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  const node = unwrap(callee);
  return (node.type === 'Identifier' && node.name === 'require' && isGlobalName(scopeManager, node, 'require')) || isCreateRequireCall(node);
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
