/** Small AST helpers shared by the engine's passes. They work on ESTree from espree and TSESTree alike. */
import type { TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;

/** Expressions that pass their operand's value through unchanged (TS wrappers, optional chains). */
const TRANSPARENT = new Set([
  'ChainExpression',
  'TSNonNullExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'ParenthesizedExpression',
]);

export function isTransparentWrapper(node: Node): boolean {
  return TRANSPARENT.has(node.type);
}

/** Strips TS wrappers and optional-chain containers: `(x as T)!` → `x`. */
export function unwrap(node: Node): Node {
  let current = node;
  while (isTransparentWrapper(current)) current = (current as { expression: Node }).expression;
  return current;
}

/**
 * The value of a string literal, or of a constant expression built from them: `'json' + 'webtoken'`,
 * `` `ver${'ify'}` `` (folded so that splitting a name does not hide it); else undefined.
 */
export function staticString(node: Node | null | undefined): string | undefined {
  return foldString(node, 0, false);
}

function foldString(node: Node | null | undefined, depth: number, numberAllowed: boolean): string | undefined {
  if (!node || depth > 16) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Literal') {
    if (typeof inner.value === 'string') return inner.value;
    // `${1}` is '1'; `1 + 2 + 'x'` is not '12x', so numbers fold only inside templates.
    return numberAllowed && typeof inner.value === 'number' ? String(inner.value) : undefined;
  }
  if (inner.type === 'TemplateLiteral') {
    let text = inner.quasis[0]?.value.cooked ?? undefined;
    for (let index = 0; text !== undefined && index < inner.expressions.length; index++) {
      const part = foldString(inner.expressions[index], depth + 1, true);
      const quasi = inner.quasis[index + 1]?.value.cooked;
      text = part === undefined || quasi == null ? undefined : text + part + quasi;
    }
    return text;
  }
  if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    const left = foldString(inner.left as Node, depth + 1, false);
    const right = left === undefined ? undefined : foldString(inner.right, depth + 1, false);
    return right === undefined ? undefined : left + right;
  }
  return undefined;
}

/** The name a member expression reads: `a.b`, `a['b']`, `` a[`b`] ``; undefined when computed from data. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : undefined;
  return staticString(node.property);
}

/** The key name of an object property or pattern property, when it is static. */
export function propertyKeyName(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  if (!property.computed) {
    if (property.key.type === 'Identifier') return property.key.name;
    if (property.key.type === 'Literal') return String(property.key.value);
    return undefined;
  }
  return staticString(property.key);
}

/** True for `true`, a non-empty string or a non-zero number literal. */
export function isTruthyLiteral(node: Node | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  return inner.type === 'Literal' && Boolean(inner.value);
}

export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && propertyKeyName(property) === name) return property;
  }
  return undefined;
}

export function isFunction(node: Node): node is TSESTree.FunctionLike {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** Is `inner` inside `outer` (by source range)? */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
