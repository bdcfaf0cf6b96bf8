/**
 * When a decode on a verify's failure path is a real fallback. It is one only when the decoded value can
 * reach acceptance: returned, assigned to something that outlives the failure branch, passed to a call
 * other than a logger, or tested in a condition whose branch goes on. A decode that only feeds a log line
 * before the error is rethrown, or one in the success branch of a verify callback, accepts nothing.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { contains, isFunction, memberName, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, scopeOf } from '../ast/scope.js';

type ScopeManager = TSESLint.Scope.ScopeManager;

/** Method and function names that only record: `console.warn`, `logger.info`, `log.debug`, `debug(…)`. */
const LOGGER_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly']);
const LOGGER_OBJECTS = /^(console|logger|log|_?logger|debug)$/i;

/** Does the value `decoded` (a decode call, or a helper call that decodes) flow to acceptance? */
export function reachesAcceptance(decoded: Node, failurePath: Node, scopeManager: ScopeManager): boolean {
  return valueReachesAcceptance(decoded, failurePath, scopeManager, new Set());
}

function valueReachesAcceptance(node: Node, failurePath: Node, scopeManager: ScopeManager, seen: Set<Node>): boolean {
  if (seen.has(node)) return false;
  seen.add(node);
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case 'AwaitExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'ChainExpression':
    case 'TemplateLiteral':
    case 'BinaryExpression':
    case 'Property':
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'SpreadElement':
      // The value becomes part of a larger one: follow that.
      return valueReachesAcceptance(parent, failurePath, scopeManager, seen);
    case 'MemberExpression':
      return parent.object === node ? valueReachesAcceptance(parent, failurePath, scopeManager, seen) : true;
    case 'LogicalExpression':
      // `claims && next(claims)`: the left operand guards the right, like an `if`.
      if (parent.left === node && parent.operator !== '??' && !rejectsOnly(parent.right)) return true;
      return valueReachesAcceptance(parent, failurePath, scopeManager, seen);
    case 'ConditionalExpression':
      return parent.test === node ? conditionGoesOn(parent) : valueReachesAcceptance(parent, failurePath, scopeManager, seen);
    case 'ExpressionStatement':
      return false;
    case 'ThrowStatement':
      return false;
    case 'NewExpression':
      // new Error(`rejected ${claims.sub}`): an error carrying the claims is thrown, not accepted.
      return !isErrorConstructor(parent.callee) || valueReachesAcceptance(parent, failurePath, scopeManager, seen);
    case 'CallExpression':
      if (parent.callee === node) return true;
      return !isLoggerCall(parent);
    case 'VariableDeclarator':
      return parent.init === node ? bindingReachesAcceptance(parent.id, failurePath, scopeManager, seen) : true;
    case 'AssignmentExpression':
      if (parent.right !== node) return true;
      return assignmentReachesAcceptance(parent, failurePath, scopeManager, seen);
    case 'IfStatement':
      return parent.test === node ? statementGoesOn(parent.consequent) || (parent.alternate != null && statementGoesOn(parent.alternate)) : true;
    case 'UnaryExpression':
      return parent.operator === '!' ? valueReachesAcceptance(parent, failurePath, scopeManager, seen) : true;
    default:
      // Returned, yielded, an arrow's body, an argument we cannot name: it may be accepted.
      return true;
  }
}

/** `const claims = decode(t)`: the claims reach acceptance when one of the variable's reads does. */
function bindingReachesAcceptance(pattern: TSESTree.Node, failurePath: Node, scopeManager: ScopeManager, seen: Set<Node>): boolean {
  if (pattern.type !== 'Identifier') return true;
  const variable = findVariable(scopeOf(scopeManager, pattern), pattern.name);
  if (!variable) return true;
  return variable.references.some((reference) => reference.isRead() && valueReachesAcceptance(reference.identifier as Node, failurePath, scopeManager, seen));
}

/** `user = decode(t)` outside the branch, `req.user = …`, `this.user = …`: the claims outlive the failure. */
function assignmentReachesAcceptance(assignment: TSESTree.AssignmentExpression, failurePath: Node, scopeManager: ScopeManager, seen: Set<Node>): boolean {
  const left = unwrap(assignment.left);
  if (left.type !== 'Identifier') return true;
  const variable = findVariable(scopeOf(scopeManager, left), left.name);
  const declaredInside = variable !== undefined && variable.defs.length > 0 && variable.defs.every((def) => contains(failurePath, def.name as Node));
  if (!declaredInside) return true;
  return bindingReachesAcceptance(left, failurePath, scopeManager, seen) || valueReachesAcceptance(assignment, failurePath, scopeManager, seen);
}

function isLoggerCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return LOGGER_OBJECTS.test(callee.name) || LOGGER_METHODS.has(callee.name);
  if (callee.type !== 'MemberExpression') return false;
  const method = memberName(callee);
  if (method === undefined || !LOGGER_METHODS.has(method)) return false;
  const object = unwrap(callee.object);
  const objectName = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? memberName(object) : undefined;
  return objectName !== undefined && LOGGER_OBJECTS.test(objectName);
}

function isErrorConstructor(callee: Node): boolean {
  const inner = unwrap(callee);
  return inner.type === 'Identifier' && /Error$|Exception$/.test(inner.name);
}

/** A condition on the claims leads to acceptance when one of its branches does more than throw or log. */
function conditionGoesOn(conditional: TSESTree.ConditionalExpression): boolean {
  return !rejectsOnly(conditional.consequent) || !rejectsOnly(conditional.alternate);
}

function statementGoesOn(statement: TSESTree.Statement): boolean {
  return !rejectsOnly(statement);
}

/** A branch that only throws, logs or returns nothing. */
function rejectsOnly(node: Node): boolean {
  const inner = unwrap(node);
  switch (inner.type) {
    case 'BlockStatement':
      return inner.body.every((statement) => rejectsOnly(statement));
    case 'ThrowStatement':
      return true;
    case 'ReturnStatement':
      return inner.argument == null;
    case 'ExpressionStatement':
      return rejectsOnly(inner.expression);
    case 'CallExpression':
      return isLoggerCall(inner);
    default:
      return false;
  }
}

/**
 * In a verify callback `(err, payload) => { … }`, is `node` on the success side: the `else` of `if (err)`,
 * the body of `if (!err)`, or after an `if (err) return/throw …` that leaves the callback on failure?
 */
export function inCallbackSuccessBranch(node: Node, callback: Node): boolean {
  if (!isFunction(callback)) return false;
  const errorParameter = callback.params[0];
  if (errorParameter?.type !== 'Identifier') return false;
  const error = errorParameter.name;
  for (let child: Node = node, parent = node.parent; parent && child !== callback; child = parent, parent = parent.parent) {
    if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') {
      const test = errorTest(parent.test, error);
      if (test === 'failed' && parent.alternate === child) return true;
      if (test === 'succeeded' && parent.consequent === child) return true;
      if (test !== undefined) return false;
    }
    if (parent.type === 'BlockStatement') {
      const index = parent.body.indexOf(child as TSESTree.Statement);
      const earlier = parent.body.slice(0, Math.max(index, 0));
      if (earlier.some((statement) => statement.type === 'IfStatement' && errorTest(statement.test, error) === 'failed' && leaves(statement.consequent))) return true;
    }
  }
  return false;
}

/** 'failed' for `err`, `err != null`, `err !== null`; 'succeeded' for `!err`, `err == null`, `err === null`. */
function errorTest(test: Node, error: string): 'failed' | 'succeeded' | undefined {
  const inner = unwrap(test);
  if (inner.type === 'Identifier') return inner.name === error ? 'failed' : undefined;
  if (inner.type === 'UnaryExpression' && inner.operator === '!') {
    const negated = errorTest(inner.argument, error);
    return negated === 'failed' ? 'succeeded' : negated === 'succeeded' ? 'failed' : undefined;
  }
  if (inner.type === 'BinaryExpression') {
    const left = unwrap(inner.left as Node);
    const right = unwrap(inner.right);
    const nullish = (side: Node): boolean => (side.type === 'Literal' && side.value === null) || (side.type === 'Identifier' && side.name === 'undefined');
    const onError = (left.type === 'Identifier' && left.name === error && nullish(right)) || (right.type === 'Identifier' && right.name === error && nullish(left));
    if (!onError) return undefined;
    if (inner.operator === '!=' || inner.operator === '!==') return 'failed';
    if (inner.operator === '==' || inner.operator === '===') return 'succeeded';
  }
  return undefined;
}

/** A branch that always leaves the function: ends in `return` or `throw`. */
function leaves(statement: TSESTree.Statement): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement') {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && leaves(last);
  }
  return false;
}
