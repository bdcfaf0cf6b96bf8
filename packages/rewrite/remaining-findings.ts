/**
 * The last step of a file's migration: every finding of every rule still in the migrated text (an import
 * kept for `sign`, a secret read, unsafe options, an `import()` of a computed path…) gets a follow-up
 * comment, so the audit that follows lists only sites a person has been told about. One comment per
 * statement; a statement that already carries one is left alone, which keeps a second run a no-op.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findingsFor, RULE_IDS, type FileAnalysis, type Settings } from '../engine/index.js';
import { existingFollowUp, followUpAnchor, followUpComment, followUpEdit, statementStart } from './follow-ups.js';
import { reasonFor } from './follow-up-reasons.js';
import type { TextEdit } from './text.js';

type Node = TSESTree.Node;

export interface FindingMark {
  readonly edit: TextEdit;
  /** Where the marked statement starts, in the text the edit applies to. */
  readonly offset: number;
  readonly line: number;
  readonly reason: string;
  readonly description: string;
}

export interface AnalysedText {
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly analysis: FileAnalysis;
}

/** Follow-up comments for the findings of `parsed` whose statement has none yet. */
export function markRemainingFindings(parsed: AnalysedText, settings: Settings, eol: string): FindingMark[] {
  const { text, ast, analysis } = parsed;
  const byStatement = new Map<Node, string[]>();
  for (const rule of RULE_IDS) {
    for (const finding of findingsFor(rule, analysis, settings)) {
      const statement = followUpAnchor(finding.node, text);
      if (existingFollowUp(text, ast, statement) !== undefined) continue;
      const reasons = byStatement.get(statement) ?? [];
      const reason = reasonFor(finding, analysis, settings);
      if (!reasons.includes(reason)) reasons.push(reason);
      byStatement.set(statement, reasons);
    }
  }
  return [...byStatement].map(([statement, reasons]) => {
    const reason = reasons.join(' ');
    return {
      edit: followUpEdit(text, statement, reason, eol),
      offset: statementStart(statement),
      line: statement.loc.start.line,
      reason,
      description: followUpComment(reason),
    };
  });
}
