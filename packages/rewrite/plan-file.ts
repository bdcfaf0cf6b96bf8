/**
 * The plans of every site of one file, decided together: a decode on a verification's failure path and a
 * rewrite that would swallow another site or a follow-up comment become follow-ups. Migrate applies the
 * result; the lint rules read the plan of the site they report, so both make the same rewrite.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findingsFor, type Finding } from '../engine/index.js';
import { existingFollowUp, followUpAnchor } from './follow-ups.js';
import { followUp, planSite, type Plan, type Rewrite } from './plan.js';
import type { PlanContext } from './plan-context.js';

type Node = TSESTree.Node;

export interface FilePlan {
  /** The findings of no-direct-verify and no-direct-decode that have a call site, with their plans. */
  readonly plans: ReadonlyMap<Finding, Plan>;
  /** Where follow-up comments go, and their reasons (each statement once). */
  readonly followUps: ReadonlyArray<{ readonly statement: Node; readonly reasons: readonly string[] }>;
}

export interface PlanFileOptions {
  /** A site with a follow-up comment above it stays a follow-up (migrate: what keeps a second run a no-op). */
  readonly honourExistingFollowUps: boolean;
}

/** The sites migrate handles, exactly as the rules report them (with default options). */
export function rewritableFindings(ctx: PlanContext): Finding[] {
  return [...findingsFor('no-direct-verify', ctx.analysis, ctx.settings), ...findingsFor('no-direct-decode', ctx.analysis, ctx.settings)].filter((finding) => finding.call);
}

export function planFile(ctx: PlanContext, findings: readonly Finding[], options: PlanFileOptions): FilePlan {
  const { text, ast, analysis } = ctx;
  // A decode on a verification's failure path is a policy (keep a fallback or not), never a rewrite:
  // moving it onto the canonical decode would keep accepting forged tokens and hide it from the rules.
  const fallbackDecodes = new Set<Node>();
  for (const unsafe of analysis.unsafe) {
    if (unsafe.reason === 'fallbackDecode' && unsafe.decodeSite) fallbackDecodes.add(unsafe.decodeSite.node);
  }
  const plans = new Map<Finding, Plan>();
  for (const finding of findings) {
    const call = finding.call!;
    const existing = options.honourExistingFollowUps ? existingFollowUp(text, ast, followUpAnchor(finding.node, text)) : undefined;
    if (existing !== undefined) {
      plans.set(finding, followUp(existing));
      continue;
    }
    if (fallbackDecodes.has(call.node)) {
      plans.set(finding, followUp('This decode is a fallback for a failed verification of the same token: it accepts exactly the tokens the verification rejects; remove the fallback or justify it.'));
      continue;
    }
    plans.set(finding, planSite(ctx, call));
  }

  // Rewrites must not swallow another site or a follow-up position; such rewrites become follow-ups.
  const swallowsSite = (finding: Finding, [start, end]: readonly [number, number]): boolean =>
    findings.some((other) => other !== finding && start <= other.node.range[0] && other.node.range[1] <= end);
  let followUps: Array<{ statement: Node; reasons: string[] }> = [];
  for (let changed = true; changed; ) {
    changed = false;
    const rewrites = [...plans.entries()].filter((entry): entry is [Finding, Rewrite] => entry[1].kind === 'rewrite');
    const byStatement = new Map<Node, string[]>();
    for (const [finding, plan] of plans) {
      if (plan.kind !== 'follow-up') continue;
      const statement = followUpAnchor(finding.node, text);
      const reasons = byStatement.get(statement) ?? [];
      if (!reasons.includes(plan.reason)) reasons.push(plan.reason);
      byStatement.set(statement, reasons);
    }
    followUps = [...byStatement].map(([statement, reasons]) => ({ statement, reasons }));
    for (const [finding, plan] of rewrites) {
      const [start, end] = plan.range;
      const overlapsRewrite = rewrites.some(([other, otherPlan]) => other !== finding && otherPlan.range[0] < end && start < otherPlan.range[1] && other.node.range[0] < finding.node.range[0]);
      const swallowsFollowUp = followUps.some(({ statement }) => start < statement.range[0] && statement.range[0] < end);
      if (swallowsSite(finding, plan.range) || overlapsRewrite || swallowsFollowUp) {
        plans.set(finding, followUp(`Another JWT call is nested in this one; migrate both by hand.`));
        changed = true;
      }
    }
  }
  // The same for a rewrite offered after a check: it must not swallow another site either.
  for (const [finding, plan] of plans) {
    if (plan.kind === 'follow-up' && plan.afterCheck && swallowsSite(finding, plan.afterCheck.rewrite.range)) plans.set(finding, followUp(plan.reason));
  }
  return { plans, followUps };
}
