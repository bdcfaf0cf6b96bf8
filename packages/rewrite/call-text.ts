/** The text that replaces a library call: `await`, `.payload`, type arguments, parentheses where the slot needs them. */
import type { TSESTree } from '@typescript-eslint/utils';
import { sourceOf, type PlanContext } from './plan-context.js';

type Node = TSESTree.Node;

/** Parents in which `await x` / `x as T` need no parentheses. */
function isSafeSlot(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node;
    case 'AssignmentExpression':
    case 'AssignmentPattern':
      return parent.right === node;
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee !== node;
    case 'ReturnStatement':
    case 'ExpressionStatement':
    case 'ArrayExpression':
    case 'SpreadElement':
    case 'JSXExpressionContainer':
    case 'TemplateLiteral':
    case 'ThrowStatement':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return true;
    case 'Property':
      return parent.value === node;
    case 'ArrowFunctionExpression':
      return parent.body === node;
    case 'ConditionalExpression':
      return parent.test !== node;
    case 'IfStatement':
    case 'WhileStatement':
      return parent.test === node;
    default:
      return false;
  }
}

function isFunctionNode(node: Node): node is TSESTree.FunctionLike {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The nearest function around `node`, or undefined at module level / in a class field or static block. */
export function enclosingFunction(node: Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
    if (current.type === 'PropertyDefinition' || current.type === 'StaticBlock') return undefined;
  }
  return undefined;
}

/** The `await` directly around `node`, if any. */
export function awaitAround(node: Node): TSESTree.AwaitExpression | undefined {
  return node.parent?.type === 'AwaitExpression' && node.parent.argument === node ? node.parent : undefined;
}

function isParenthesized(ctx: PlanContext, node: Node): boolean {
  const before = ctx.text.slice(0, node.range[0]).trimEnd();
  const after = ctx.text.slice(node.range[1]).trimStart();
  return before.endsWith('(') && after.startsWith(')') && node.parent?.type !== 'CallExpression' && node.parent?.type !== 'NewExpression';
}

/** Text of a value expression replacing `target`, in parentheses when its slot needs them. */
export function valueText(ctx: PlanContext, target: Node, call: string, awaitIt: boolean, returns: 'payload' | 'result', asType?: string): string {
  let value = returns === 'payload' ? (awaitIt ? `await ${call}` : call) : awaitIt ? `(await ${call}).payload` : `${call}.payload`;
  if (asType) value = `${value} as ${asType}`;
  const bare = value.startsWith('await ') || asType !== undefined;
  return bare && !isSafeSlot(target) && !isParenthesized(ctx, target) ? `(${value})` : value;
}

/** Type arguments on the original call: kept on a generic canonical function, else turned into `as T`. */
export function typeHandling(ctx: PlanContext, call: TSESTree.CallExpression, generic: boolean): { typeArgs: string; asType?: string } {
  const typeArguments = call.typeArguments;
  if (!typeArguments) return { typeArgs: '' };
  if (generic) return { typeArgs: sourceOf(ctx, typeArguments) };
  const first = typeArguments.params[0];
  return { typeArgs: '', asType: first ? sourceOf(ctx, first) : undefined };
}
