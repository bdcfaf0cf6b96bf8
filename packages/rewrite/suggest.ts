/**
 * The lint rules' suggestion for a site: the very rewrite migrate would make (planned by planFile on the
 * same file), plus the import it needs. A site migrate hands to a person is still offered when only a
 * check stands between it and the rewrite (a recipe's `confirm`, a key or options not provably the
 * canonical module's own), with a message that says what to check; every other site gets no suggestion.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FileAnalysis, Finding, Settings } from '../engine/index.js';
import { CanonicalImport } from './canonical-import.js';
import { learnCanonicalShapeFromSyntax } from './canonical-shape.js';
import { planFile, rewritableFindings } from './plan-file.js';
import type { PlanContext } from './plan-context.js';
import type { Plan } from './plan.js';
import { detectEol } from './text.js';

export interface SuggestionSource {
  readonly file: string;
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly analysis: FileAnalysis;
  readonly settings: Settings;
}

export interface SuggestionMessageIds<M extends string> {
  /** The rewrite migrate makes too. */
  readonly replace: M;
  /** The rewrite migrate leaves as a follow-up until a person checks `{{check}}`. */
  readonly replaceAfterCheck: M;
}

interface FileSuggestions {
  readonly analysis: FileAnalysis;
  readonly ctx: PlanContext;
  readonly bySite: ReadonlyMap<TSESTree.Node, Plan>;
}

// Several rules (and several sites) of one file share one plan.
const planned = new WeakMap<TSESTree.Program, FileSuggestions>();

function planOf(source: SuggestionSource): FileSuggestions {
  const cached = planned.get(source.ast);
  if (cached && cached.analysis === source.analysis) return cached;
  const { file, text, ast, scopeManager, analysis, settings } = source;
  const shape = learnCanonicalShapeFromSyntax(settings).shape;
  const canonicalImport = new CanonicalImport(file, settings, text, ast, scopeManager);
  const ctx: PlanContext = { file, settings, text, ast, scopeManager, analysis, shape, canonicalImport };
  const { plans } = planFile(ctx, rewritableFindings(ctx), { honourExistingFollowUps: false });
  const bySite = new Map<TSESTree.Node, Plan>();
  for (const [finding, plan] of plans) bySite.set(finding.call!.node, plan);
  const result = { analysis, ctx, bySite };
  planned.set(ast, result);
  return result;
}

export function canonicalSuggestion<M extends string>(source: SuggestionSource, finding: Finding, messageIds: SuggestionMessageIds<M>): TSESLint.SuggestionReportDescriptor<M>[] {
  const canonical = source.settings.canonical;
  if (!finding.call || !canonical) return [];
  const { ctx, bySite } = planOf(source);
  const plan = bySite.get(finding.call.node);
  if (!plan) return [];
  const rewrite = plan.kind === 'rewrite' ? plan : plan.afterCheck?.rewrite;
  if (!rewrite) return [];
  const name = rewrite.uses;
  const importEdit = ctx.canonicalImport.importEdit(new Set([rewrite.uses]), detectEol(ctx.text));
  const edits = importEdit ? [...rewrite.edits, importEdit.edit] : rewrite.edits;
  const check = plan.kind === 'follow-up' ? plan.afterCheck?.check : undefined;
  return [
    {
      messageId: check === undefined ? messageIds.replace : messageIds.replaceAfterCheck,
      data: { name, module: canonical.module, ...(check === undefined ? {} : { check }) },
      fix: (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
    },
  ];
}
