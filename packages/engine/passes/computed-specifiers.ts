/**
 * Computed `import()` specifiers. Plugin and theme loaders (`` import(`./themes/${name}`) ``) name modules
 * at run time and are no bypass; a computed specifier is worth a finding only when the text the code spells
 * out could make it a JWT library or a private auth-module path. The specifier becomes a few patterns
 * (strings with holes for what is unknown), following variables to the constants written to them.
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticString, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, scopeOf } from '../ast/scope.js';
import type { Settings } from '../settings.js';

/** Text the code does not spell out. */
const HOLE = Symbol('hole');
type Piece = string | typeof HOLE;
type Pattern = readonly Piece[];

/** Past this many alternatives a specifier counts as wholly unknown (it matches nothing). */
const MAX_PATTERNS = 32;
const UNKNOWN: readonly Pattern[] = [[HOLE]];

type ScopeManager = TSESLint.Scope.ScopeManager;

/** Can this computed specifier evaluate to a JWT library or a private path of an auth module? */
export function mayNameJwtModule(specifier: Node, fromFile: string, settings: Settings, scopeManager: ScopeManager): boolean {
  const patterns = patternsOf(specifier, scopeManager, new Set());
  return patterns.some((pattern) => hasSpelledText(pattern) && (mayNameLibrary(pattern, settings) || mayNameAuthPath(pattern, fromFile, settings)));
}

/** A pattern made of holes only (`import(name)` with `name` unknown) says nothing about the module. */
function hasSpelledText(pattern: Pattern): boolean {
  return pattern.some((piece) => piece !== HOLE && piece.length > 0);
}

function mayNameLibrary(pattern: Pattern, settings: Settings): boolean {
  const matcher = new RegExp(`^${pattern.map((piece) => (piece === HOLE ? '[^]*' : escapeRegExp(piece))).join('')}$`);
  // `name/*` entries stand for any subpath: one sample subpath is enough to tell a prefix-shaped pattern.
  return settings.libraries.libraries.some((library) =>
    library.modules.some((module) => matcher.test(module.endsWith('/*') ? `${module.slice(0, -1)}index` : module)),
  );
}

/**
 * A relative or absolute pattern can reach a private path when the folder its spelled-out prefix names
 * contains an auth module or lies inside one (and the importing file is not in that module itself).
 */
function mayNameAuthPath(pattern: Pattern, fromFile: string, settings: Settings): boolean {
  const first = pattern[0];
  if (first === HOLE || first === undefined || !(first.startsWith('.') || first.startsWith('/'))) return false;
  const prefix = pattern.length === 1 ? first : first.slice(0, first.lastIndexOf('/') + 1);
  if (prefix === '') return false;
  const folder = path.resolve(path.dirname(fromFile), prefix);
  const file = path.resolve(fromFile);
  return settings.authModules.some((authModule) => {
    if (file.startsWith(authModule.folder + path.sep)) return false;
    return isWithin(authModule.folder, folder) || isWithin(folder, authModule.folder);
  });
}

function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer + path.sep);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The alternatives a specifier expression can produce, as patterns. */
function patternsOf(node: Node, scopeManager: ScopeManager, visiting: Set<Node>): readonly Pattern[] {
  const value = staticString(node);
  if (value !== undefined) return [[value]];
  const inner = unwrap(node);
  if (visiting.has(inner)) return UNKNOWN;
  visiting.add(inner);
  try {
    return limit(patternsOfExpression(inner, scopeManager, visiting));
  } finally {
    visiting.delete(inner);
  }
}

function patternsOfExpression(node: Node, scopeManager: ScopeManager, visiting: Set<Node>): readonly Pattern[] {
  switch (node.type) {
    case 'TemplateLiteral': {
      let result: readonly Pattern[] = [[node.quasis[0]?.value.cooked ?? '']];
      node.expressions.forEach((expression, index) => {
        result = concat(result, patternsOf(expression, scopeManager, visiting));
        result = concat(result, [[node.quasis[index + 1]?.value.cooked ?? '']]);
      });
      return result;
    }
    case 'BinaryExpression':
      if (node.operator !== '+') return UNKNOWN;
      return concat(patternsOf(node.left, scopeManager, visiting), patternsOf(node.right, scopeManager, visiting));
    case 'ConditionalExpression':
      return [...patternsOf(node.consequent, scopeManager, visiting), ...patternsOf(node.alternate, scopeManager, visiting)];
    case 'LogicalExpression':
      return [...patternsOf(node.left, scopeManager, visiting), ...patternsOf(node.right, scopeManager, visiting)];
    case 'Identifier':
      return patternsOfVariable(node, scopeManager, visiting);
    case 'MemberExpression':
      return patternsOfElement(node, scopeManager, visiting);
    default:
      return UNKNOWN;
  }
}

/** A variable: every value written to it (its initialiser and assignments); a parameter is unknown. */
function patternsOfVariable(identifier: TSESTree.Identifier, scopeManager: ScopeManager, visiting: Set<Node>): readonly Pattern[] {
  const variable = findVariable(scopeOf(scopeManager, identifier), identifier.name);
  if (!variable || variable.defs.some((def) => def.type !== 'Variable')) return UNKNOWN;
  const written = variable.references.flatMap((reference) => (reference.writeExpr ? [reference.writeExpr as Node] : []));
  if (written.length === 0) return UNKNOWN;
  return written.flatMap((expression) => patternsOf(expression, scopeManager, visiting));
}

/** `names[i]` of a `const names = ['a', 'b']`, `table[key]` of a `const table = { a: 'x' }`: any of the elements. */
function patternsOfElement(access: TSESTree.MemberExpression, scopeManager: ScopeManager, visiting: Set<Node>): readonly Pattern[] {
  const object = unwrap(access.object);
  if (object.type !== 'Identifier') return UNKNOWN;
  const variable = findVariable(scopeOf(scopeManager, object), object.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== 'VariableDeclarator' || def.parent?.type !== 'VariableDeclaration' || def.parent.kind !== 'const' || !def.node.init) return UNKNOWN;
  const container = unwrap(def.node.init);
  const elements: Node[] = [];
  if (container.type === 'ArrayExpression') {
    for (const element of container.elements) {
      if (!element || element.type === 'SpreadElement') return UNKNOWN;
      elements.push(element);
    }
  } else if (container.type === 'ObjectExpression') {
    for (const property of container.properties) {
      if (property.type !== 'Property') return UNKNOWN;
      elements.push(property.value);
    }
  } else {
    return UNKNOWN;
  }
  return elements.flatMap((element) => patternsOf(element, scopeManager, visiting));
}

function concat(left: readonly Pattern[], right: readonly Pattern[]): readonly Pattern[] {
  return limit(left.flatMap((head) => right.map((tail) => [...head, ...tail])));
}

function limit(patterns: readonly Pattern[]): readonly Pattern[] {
  return patterns.length > MAX_PATTERNS ? UNKNOWN : patterns;
}
