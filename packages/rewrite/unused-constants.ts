/**
 * After the rewrites: local constants that only fed a removed key (`const key = new
 * TextEncoder().encode(process.env.JWT_SECRET)`, `const SECRET = config.jwt.secret`) are removed when
 * nothing references them any more, they were referenced before the migration (so dead code the codemod
 * did not orphan stays), they are not exported, and computing them has no side effect (reads, the key
 * conversions, a function expression): dropping them must not change what the program does. A
 * destructuring of plain names (`const { verify } = jwt`) counts as one constant.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock', 'TSModuleBlock']);

const TS_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

/** Calls that only convert a key's value: `String(x)`, `Buffer.from(x, 'base64')`, `createSecretKey(x)`. */
const CONVERSIONS = new Set(['String', 'Buffer.from', 'createSecretKey', 'crypto.createSecretKey']);

export function isReferenced(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => !reference.init);
}

function calleeName(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const object = calleeName(callee.object);
    return object === undefined ? undefined : `${object}.${callee.property.name}`;
  }
  return undefined;
}

/** `new TextEncoder().encode(x)`. */
function isTextEncoding(call: TSESTree.CallExpression): boolean {
  const { callee } = call;
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'encode' &&
    callee.object.type === 'NewExpression' &&
    calleeName(callee.object.callee) === 'TextEncoder' &&
    callee.object.arguments.length === 0
  );
}

/** Does evaluating `node` only read values (member reads, `process.env`, literals) and convert them? */
export function isSideEffectFree(node: Node | null | undefined): boolean {
  if (!node) return true;
  if (TS_WRAPPERS.has(node.type)) return isSideEffectFree((node as TSESTree.TSAsExpression).expression);
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
    // Creating a function runs none of its body (`const key = () => encode(process.env.JWT_SECRET)`).
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every(isSideEffectFree);
    case 'MemberExpression':
      return isSideEffectFree(node.object) && (!node.computed || isSideEffectFree(node.property));
    case 'ChainExpression':
      return isSideEffectFree(node.expression);
    case 'LogicalExpression':
    case 'BinaryExpression':
      return isSideEffectFree(node.left) && isSideEffectFree(node.right);
    case 'ConditionalExpression':
      return isSideEffectFree(node.test) && isSideEffectFree(node.consequent) && isSideEffectFree(node.alternate);
    case 'UnaryExpression':
      return node.operator !== 'delete' && isSideEffectFree(node.argument);
    case 'CallExpression': {
      const name = calleeName(node.callee);
      const converts = isTextEncoding(node) || (name !== undefined && CONVERSIONS.has(name));
      return converts && node.arguments.every((argument) => argument.type !== 'SpreadElement' && isSideEffectFree(argument));
    }
    default:
      return false;
  }
}

interface Constant {
  /** Stable across the passes: name, how many same-named constants precede it, and its initialiser's text. */
  readonly key: string;
  readonly name: string;
  readonly statement: TSESTree.VariableDeclaration;
  readonly referenced: boolean;
}

function constants(text: string, scopeManager: TSESLint.Scope.ScopeManager): Constant[] {
  const result: Constant[] = [];
  const seen = new Map<string, number>();
  // `const { verify, decode } = jwt` declares several variables in one declarator: it is one constant,
  // referenced when any of them is.
  const byDeclarator = new Map<TSESTree.VariableDeclarator, { statement: TSESTree.VariableDeclaration; variables: TSESLint.Scope.Variable[] }>();
  for (const scope of scopeManager.scopes) {
    for (const variable of scope.variables) {
      const definition = variable.defs[0];
      if (variable.defs.length !== 1 || definition?.type !== 'Variable') continue;
      const declarator = definition.node as TSESTree.VariableDeclarator;
      const statement = definition.parent as TSESTree.VariableDeclaration | null;
      if (!statement || statement.kind !== 'const' || statement.declare || statement.declarations.length !== 1) continue;
      if (!statement.parent || !STATEMENT_LISTS.has(statement.parent.type) || !isPlainBinding(declarator.id)) continue;
      const entry = byDeclarator.get(declarator) ?? { statement, variables: [] };
      entry.variables.push(variable);
      byDeclarator.set(declarator, entry);
    }
  }
  for (const [declarator, { statement, variables }] of byDeclarator) {
    const name = declarator.id.type === 'Identifier' ? declarator.id.name : text.slice(declarator.id.range[0], declarator.id.range[1]).replace(/\s+/g, ' ');
    const ordinal = seen.get(name) ?? 0;
    seen.set(name, ordinal + 1);
    const init = declarator.init ? text.slice(declarator.init.range[0], declarator.init.range[1]) : '';
    result.push({ key: `${name}#${ordinal}#${init}`, name, statement, referenced: variables.some(isReferenced) });
  }
  return result;
}

/** A name, or an object pattern of plain names (`{ verify, decode: jwtDecode }`): no defaults to run, no rest, no nesting. */
function isPlainBinding(id: TSESTree.BindingName): boolean {
  if (id.type === 'Identifier') return true;
  return (
    id.type === 'ObjectPattern' &&
    id.properties.every((property) => property.type === 'Property' && !property.computed && property.value.type === 'Identifier')
  );
}

/** Keys of the local constants the file references before the migration. */
export function usedConstants(text: string, scopeManager: TSESLint.Scope.ScopeManager): Set<string> {
  return new Set(constants(text, scopeManager).filter((constant) => constant.referenced).map((constant) => constant.key));
}

/** The constants used before (`usedBefore`) that nothing references now and that are safe to drop. */
export function orphanedConstants(text: string, scopeManager: TSESLint.Scope.ScopeManager, usedBefore: ReadonlySet<string>): Array<{ name: string; statement: Node }> {
  return constants(text, scopeManager)
    .filter((constant) => !constant.referenced && usedBefore.has(constant.key) && isSideEffectFree(constant.statement.declarations[0]!.init))
    .map(({ name, statement }) => ({ name, statement }));
}
