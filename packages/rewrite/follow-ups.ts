/**
 * Follow-ups: a site the core does not rewrite is handed to a person with a comment right above its
 * statement, `// TODO(jwt-ssot): <reason>`. The comment text is what users' code already contains, so it
 * never changes; a site that has one stays a follow-up on every later run.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { indentAt, lineStart, type TextEdit } from './text.js';

type Node = TSESTree.Node;

export const FOLLOW_UP_PREFIX = 'TODO(jwt-ssot):';

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock', 'TSModuleBlock']);

/** Members that may carry a line comment of their own when they start their line. */
const MEMBER_LISTS = new Set(['ClassBody', 'ObjectExpression']);

/**
 * Where a follow-up goes: the statement (in a statement list) that contains `node`, or a class member /
 * object property that starts its own line, so the comment sits next to the site rather than above a
 * whole class or object.
 */
export function followUpAnchor(node: Node, text: string): Node {
  let current = node;
  while (current.parent && !STATEMENT_LISTS.has(current.parent.type)) {
    if (MEMBER_LISTS.has(current.parent.type) && text.slice(lineStart(text, current.range[0]), current.range[0]).trim() === '') return current;
    current = current.parent;
  }
  return current;
}

/**
 * Where a statement begins for its comments: `@Injectable() export class X` starts at its decorators,
 * although the parser starts the export declaration at `export` (a comment put there would sit between
 * the decorator and the class).
 */
export function statementStart(statement: Node): number {
  let start = statement.range[0];
  const owners = [statement, (statement as { declaration?: Node | null }).declaration];
  for (const owner of owners) {
    for (const decorator of (owner as { decorators?: readonly Node[] } | null | undefined)?.decorators ?? []) start = Math.min(start, decorator.range[0]);
  }
  return start;
}

/** Comments directly above `statement` (only blank space between), nearest first. */
function commentsAbove(text: string, ast: TSESTree.Program, statement: Node): TSESTree.Comment[] {
  const above: TSESTree.Comment[] = [];
  const comments = ast.comments ?? [];
  let cursor = statementStart(statement);
  // Comments are in source order: start from the last one ending before the statement (binary search,
  // so a file with thousands of sites and comments is not quadratic).
  for (let index = lastCommentEndingBy(comments, cursor); index >= 0; index--) {
    const comment = comments[index]!;
    if (text.slice(comment.range[1], cursor).trim() !== '') break;
    above.push(comment);
    cursor = comment.range[0];
  }
  return above;
}

function lastCommentEndingBy(comments: readonly TSESTree.Comment[], position: number): number {
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comments[middle]!.range[1] <= position) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** The reason of a follow-up comment right above the statement, if it has one. */
export function existingFollowUp(text: string, ast: TSESTree.Program, statement: Node): string | undefined {
  for (const comment of commentsAbove(text, ast, statement)) {
    const value = comment.value.trim();
    if (value.startsWith(FOLLOW_UP_PREFIX)) return value.slice(FOLLOW_UP_PREFIX.length).trim();
  }
  return undefined;
}

/** The start of the follow-up comments right above a statement (they must stay next to it), else its start. */
export function startAboveFollowUps(text: string, ast: TSESTree.Program, statement: Node): number {
  let position = statementStart(statement);
  for (const comment of commentsAbove(text, ast, statement)) {
    if (comment.value.trim().startsWith(FOLLOW_UP_PREFIX)) position = comment.range[0];
  }
  return position;
}

export function followUpComment(reason: string): string {
  // A line comment ends at the first line break: a reason quoting multi-line code or a compiler message
  // would spill into the code and break it, so its whitespace runs become single spaces.
  return `// ${FOLLOW_UP_PREFIX} ${reason.replace(/\s+/gu, ' ').trim()}`;
}

/** Inserts the follow-up comment on its own line above the statement (or before it, when it shares its line). */
export function followUpEdit(text: string, statement: Node, reason: string, eol: string): TextEdit {
  const start = statementStart(statement);
  const lineBegin = lineStart(text, start);
  const indent = indentAt(text, start);
  const comment = followUpComment(reason);
  if (text.slice(lineBegin, start).trim() === '') return { start: lineBegin, end: lineBegin, text: `${indent}${comment}${eol}` };
  return { start, end: start, text: `${comment}${eol}${indent}` };
}
