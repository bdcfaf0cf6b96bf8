/**
 * The plans of every site of one file, decided together: a decode on a verification's failure path and a
 * rewrite that would swallow another site or a follow-up comment become follow-ups. Migrate applies the
 * result; the lint rules read the plan of the site they report, so both make the same rewrite.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findingsFor, type Finding } from '../engine/index.js';
import { existingFollowUp, followUpAnchor, statementStart } from './follow-ups.js';
import { followUp, planSite, type Plan, type Rewrite } from './plan.js';
import type { PlanContext } from './plan-context.js';
import { lowerBound } from './text.js';

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
  // Sites sorted by start, so each check looks only at the sites that start inside the range.
  const byStart = [...findings].sort((a, b) => a.node.range[0] - b.node.range[0]);
  const starts = byStart.map((finding) => finding.node.range[0]);
  const swallowsSite = (finding: Finding, [start, end]: readonly [number, number]): boolean => {
    for (let index = lowerBound(starts, start); index < byStart.length && starts[index]! <= end; index++) {
      const other = byStart[index]!;
      if (other !== finding && other.node.range[1] <= end) return true;
    }
    return false;
  };
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
    const followUpStarts = followUps.map(({ statement }) => statementStart(statement)).sort((a, b) => a - b);
    const overlapsEarlierRewrite = earlierOverlaps(rewrites);
    for (const [finding, plan] of rewrites) {
      const [start, end] = plan.range;
      const next = lowerBound(followUpStarts, start + 1);
      const swallowsFollowUp = next < followUpStarts.length && followUpStarts[next]! < end;
      if (swallowsSite(finding, plan.range) || overlapsEarlierRewrite.has(finding) || swallowsFollowUp) {
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

/**
 * The rewrites whose range overlaps the range of a rewrite of a site that starts earlier: of two
 * overlapping rewrites the later site yields. A sweep over the ranges in start order, O(R log R).
 */
function earlierOverlaps(rewrites: ReadonlyArray<readonly [Finding, Rewrite]>): Set<Finding> {
  const overlapping = new Set<Finding>();
  const sorted = [...rewrites].sort((a, b) => a[1].range[0] - b[1].range[0]);
  // Rewrites whose range is still open at the sweep position (few: ranges rarely nest).
  let open: Array<readonly [Finding, Rewrite]> = [];
  for (const entry of sorted) {
    const [finding, plan] = entry;
    open = open.filter(([, other]) => other.range[1] > plan.range[0]);
    for (const [other] of open) {
      // Both overlap: the one whose site starts later yields.
      if (other.node.range[0] < finding.node.range[0]) overlapping.add(finding);
      else if (finding.node.range[0] < other.node.range[0]) overlapping.add(other);
    }
    open.push(entry);
  }
  return overlapping;
}
