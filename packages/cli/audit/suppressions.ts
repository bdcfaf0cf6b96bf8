/**
 * `eslint-disable` comments, read the way ESLint reads them (its directive grammar, `-- reason`
 * justifications, line comments only for the -line/-next-line forms), so the audit knows which sites
 * ESLint would silence. The audit never drops them: it lists them apart, with their justification.
 */
import type { TSESTree } from '@typescript-eslint/utils';

const DIRECTIVE = /^(eslint-disable(?:-next-line|-line)?|eslint-enable)(?:\s|$)/u;

export interface Suppression {
  readonly directive: string;
  readonly directiveLine: number;
  readonly justification: string | null;
}

interface Directive {
  readonly type: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  readonly label: string;
  /** Rule ids, or null for "every rule". */
  readonly rules: readonly string[] | null;
  readonly line: number;
  readonly column: number;
  /** The line a -line / -next-line directive applies to. */
  readonly targetLine: number;
  readonly startLine: number;
  readonly justification: string | null;
}

function parseDirective(comment: TSESTree.Comment): Directive | undefined {
  const separator = /\s-{2,}\s/u.exec(comment.value);
  const directivePart = (separator ? comment.value.slice(0, separator.index) : comment.value).trim();
  const justification = separator ? comment.value.slice(separator.index + separator[0].length).trim() : '';
  const match = DIRECTIVE.exec(directivePart);
  if (!match) return undefined;
  const label = match[1]!;
  if (comment.type === 'Line' && label !== 'eslint-disable-line' && label !== 'eslint-disable-next-line') return undefined;
  if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) return undefined;
  const rules = directivePart
    .slice(label.length)
    .split(',')
    .map((name) => name.trim().replace(/^(['"]?)(.*)\1$/su, '$2'))
    .filter((name) => name.length > 0);
  const type = label.slice('eslint-'.length) as Directive['type'];
  const useEnd = type === 'disable-next-line';
  return {
    type,
    label,
    rules: rules.length > 0 ? rules : null,
    line: useEnd ? comment.loc.end.line : comment.loc.start.line,
    column: (useEnd ? comment.loc.end.column : comment.loc.start.column) + 1,
    targetLine: type === 'disable-next-line' ? comment.loc.end.line + 1 : comment.loc.start.line,
    startLine: comment.loc.start.line,
    justification: justification.length > 0 ? justification : null,
  };
}

function names(rules: readonly string[] | null, ruleId: string): boolean {
  return rules === null || rules.includes(ruleId);
}

/** Builds the lookup for one file: which directive (if any) silences `ruleId` at a position. */
export function suppressionsOf(comments: readonly TSESTree.Comment[] | undefined): (ruleId: string, line: number, column: number) => Suppression | undefined {
  const directives = (comments ?? []).map(parseDirective).filter((directive): directive is Directive => directive !== undefined);
  if (directives.length === 0) return () => undefined;
  const blocks = directives
    .filter((directive) => directive.type === 'disable' || directive.type === 'enable')
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const lineDirectives = directives.filter((directive) => directive.type === 'disable-line' || directive.type === 'disable-next-line');

  return (ruleId, line, column) => {
    for (const directive of lineDirectives) {
      if (directive.targetLine === line && names(directive.rules, ruleId)) return describe(directive);
    }
    // Replay block directives up to the report's position, as ESLint's disable ranges do.
    let active: Directive | undefined;
    for (const directive of blocks) {
      if (directive.line > line || (directive.line === line && directive.column > column)) break;
      if (!names(directive.rules, ruleId)) continue;
      active = directive.type === 'disable' ? directive : undefined;
    }
    return active && describe(active);
  };
}

function describe(directive: Directive): Suppression {
  return { directive: directive.label, directiveLine: directive.startLine, justification: directive.justification };
}
