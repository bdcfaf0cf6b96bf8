/**
 * The migration of one file, as a pure function of its text: the engine finds the sites exactly as the
 * rules `no-direct-verify` and `no-direct-decode` report them, each site is either rewritten onto the
 * canonical validator or handed to a person with a follow-up comment (`// TODO(jwt-ssot): <reason>`), and
 * the edits are spliced into the original text by range. Then the imports and constants the rewrites
 * orphaned go (litter.ts), and every finding of any rule still in the text gets a follow-up
 * (remaining-findings.ts), so the audit afterwards lists only marked sites. `jwt-ssot migrate` and the jscodeshift transform
 * call this; the lint rules' suggestions plan their sites with the same planFile.
 */
import { analyzeFile, entryImportSpecifier, findingsFor, mightContainSites, parseFile, type Settings } from '../engine/index.js';
import { CanonicalImport, type CanonicalExport } from './canonical-import.js';
import { defaultCanonicalShape, type CanonicalShape } from './canonical-shape.js';
import { existingFollowUp, followUpAnchor, followUpComment, followUpEdit, statementStart } from './follow-ups.js';
import { planFile, rewritableFindings, type FilePlan } from './plan-file.js';
import type { PlanContext } from './plan-context.js';
import { followUp } from './plan.js';
import { applyEdits, detectEol, lineNumber, mapOffset, offsetMapper, reverseMapper, type TextEdit } from './text.js';
import { removeLitter, usedBindings } from './litter.js';
import { markRemainingFindings } from './remaining-findings.js';

export interface MigrateInput {
  readonly file: string;
  readonly text: string;
  readonly settings: Settings;
  /** What the canonical validator looks like; default: `settings.canonical.async`/`.returns`, else sync payload. */
  readonly canonicalShape?: CanonicalShape;
  /** The specifier to import the canonical module by; default: canonicalImportSpecifier (importPath, tsconfig alias, `.js`). */
  readonly specifier?: string;
  /**
   * Sites to hand to a person even though they could be rewritten, keyed by siteKey (their position in
   * this text), with the follow-up's reason: migrate undoes a rewrite this way when it introduced a type error.
   */
  readonly followUpSites?: ReadonlyMap<string, string>;
  /** Migrate only: the type checker's fallback for keys the syntax cannot trace (key-source-typed.ts). */
  readonly typedKeyMatch?: PlanContext['typedKeyMatch'];
}

/** A site's identity within one text: the start of its reported node, `line:column` (as in SiteOutcome). */
export const siteKey = (site: { readonly line: number; readonly column: number }): string => `${site.line}:${site.column}`;

export type EditKind = 'rewrite' | 'follow-up' | 'import' | 'remove-import' | 'remove-constant' | 'entry-import';

export interface MigrateEdit {
  readonly kind: EditKind;
  /** Line in the original text. */
  readonly line: number;
  readonly description: string;
}

export interface FollowUp {
  /** Line of the statement the follow-up comment is above, in the new text. */
  readonly line: number;
  readonly reason: string;
}

export interface SiteOutcome {
  readonly rule: 'no-direct-verify' | 'no-direct-decode';
  /** Position of the reported node in the original text. */
  readonly line: number;
  readonly column: number;
  readonly outcome: 'rewritten' | 'follow-up';
  readonly reason?: string;
  /** The call rewrite (edits of the original text): made, or for a follow-up offered after `check`. */
  readonly rewrite?: readonly TextEdit[];
  readonly check?: string;
  /** For a rewritten site: the range of its rewrite in the returned text. */
  readonly migratedRange?: readonly [number, number];
}

export interface MigrateResult {
  readonly text: string;
  readonly changed: boolean;
  readonly edits: readonly MigrateEdit[];
  readonly followUps: readonly FollowUp[];
  readonly sites: readonly SiteOutcome[];
}

/** The whole migration of one file. Throws ParseError when the input does not parse; never returns unparsable text. */
export function migrateFile(input: MigrateInput): MigrateResult {
  const bom = input.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom ? input.text.slice(1) : input.text;
  const unchanged: MigrateResult = { text: input.text, changed: false, edits: [], followUps: [], sites: [] };
  const { settings, file } = input;
  if (!mightContainSites(text, settings)) return unchanged;
  const { ast, scopeManager } = parseFile(file, text);
  const analysis = analyzeFile({ ast, scopeManager, filename: file, text, settings });
  const eol = detectEol(text);
  // Pass 1: the sites' rewrites and follow-ups, the canonical import, entry imports (none in an exempt file).
  const planned = analysis.exempt ? undefined : planRewrites(input, text, { ast, scopeManager, analysis }, eol);
  const edits = planned?.edits ?? [];
  const described: MigrateEdit[] = [...(planned?.described ?? [])];
  // Pass 2: drop the imports and constants the rewrites left unused (re-parsed on the new text).
  const firstText = applyEdits(text, edits);
  const litter = edits.length > 0 ? removeLitter(file, firstText, settings, usedBindings(text, ast, scopeManager)) : undefined;
  const litterText = litter?.text ?? text;
  const rounds = litter?.rounds ?? [];
  const backThroughEdits = reverseMapper(edits);
  const backThroughRounds = rounds.map(reverseMapper);
  const mapBackToInput = (pos: number, round: number): number => backThroughEdits(backThroughRounds.slice(0, round).reduceRight((offset, back) => back(offset), pos));
  for (const removal of litter?.removals ?? []) {
    described.push({ kind: removal.kind, line: lineNumber(text, mapBackToInput(removal.offset, removal.round)), description: removal.description });
  }
  // Pass 3: every finding still there (of any rule) gets a follow-up, so the audit lists only marked sites.
  const marks = markRemainingFindings({ text: litterText, ast: litter?.ast ?? ast, analysis: litter?.analysis ?? analysis }, settings, eol);
  const markEdits = marks.map((mark) => mark.edit);
  for (const mark of marks) described.push({ kind: 'follow-up', line: lineNumber(text, mapBackToInput(mark.offset, rounds.length)), description: mark.description });
  const finalText = applyEdits(litterText, markEdits);
  if (finalText !== firstText) parseFile(file, finalText);

  // Offsets of the input text (through pass 1) or of pass 1's text, to the returned text. Mappers built
  // once (binary search per position), so a file with thousands of sites is not quadratic.
  const throughEdits = offsetMapper(edits);
  const throughMarks = offsetMapper(markEdits);
  const throughRounds = rounds.map(offsetMapper);
  const afterPass1 = (pos: number): number => throughMarks(throughRounds.reduce((offset, through) => through(offset), pos));
  const followUps: FollowUp[] = [
    ...(planned?.followUpPositions ?? []).map(({ offset, reason }) => ({ line: lineNumber(finalText, afterPass1(throughEdits(offset))), reason })),
    ...marks.map((mark) => ({ line: lineNumber(finalText, throughMarks(mark.offset)), reason: mark.reason })),
  ].sort((a, b) => a.line - b.line);
  described.sort((a, b) => a.line - b.line);
  const outText = bom + finalText;
  const sites = planned?.sites ?? [];
  const located = sites.map((site) => {
    const own = planned?.rewrittenSites.get(site);
    if (!own || own.length === 0) return site;
    const ownStart = Math.min(...own.map((edit) => edit.start));
    // Where the site's own text begins: through every other edit (its own inserts at that point excluded).
    const start = afterPass1(throughEdits(ownStart) - mapOffset(own, ownStart) + ownStart);
    const end = afterPass1(throughEdits(Math.max(...own.map((edit) => edit.end))));
    return { ...site, migratedRange: [bom.length + start, bom.length + end] as const };
  });
  return { text: outText, changed: outText !== input.text, edits: described, followUps, sites: located.sort((a, b) => a.line - b.line || a.column - b.column) };
}

interface PlannedRewrites {
  readonly edits: readonly TextEdit[];
  readonly described: readonly MigrateEdit[];
  readonly sites: readonly SiteOutcome[];
  readonly rewrittenSites: ReadonlyMap<SiteOutcome, readonly TextEdit[]>;
  /** Where pass 1's follow-up comments go (statement starts in the input text), with their reasons. */
  readonly followUpPositions: ReadonlyArray<{ readonly offset: number; readonly reason: string }>;
}

/** Pass 1: plans every verify/decode site of the file and points private auth imports at their entry. */
function planRewrites(input: MigrateInput, text: string, parsed: Pick<PlanContext, 'ast' | 'scopeManager' | 'analysis'>, eol: string): PlannedRewrites {
  const { settings, file } = input;
  const { ast, scopeManager, analysis } = parsed;
  const shape = input.canonicalShape ?? defaultCanonicalShape(settings);
  const canonicalImport = new CanonicalImport(file, settings, text, ast, scopeManager, input.specifier);
  const ctx: PlanContext = { file, settings, text, ast, scopeManager, analysis, shape, canonicalImport, ...(input.typedKeyMatch ? { typedKeyMatch: input.typedKeyMatch } : {}) };
  const findings = rewritableFindings(ctx);
  const entryFindings = findingsFor('no-auth-import-bypass', analysis, settings).filter((finding) => finding.importSite?.authModule);
  const { plans, followUps: planned } = withForcedFollowUps(planFile(ctx, findings, { honourExistingFollowUps: true }), input.followUpSites, text);

  const edits: TextEdit[] = [];
  const described: MigrateEdit[] = [];
  const used = new Set<CanonicalExport>();
  const sites: SiteOutcome[] = [];
  const rewrittenSites = new Map<SiteOutcome, readonly TextEdit[]>();
  for (const [finding, plan] of plans) {
    const rule = finding.rule as SiteOutcome['rule'];
    const { line, column } = finding.node.loc.start;
    if (plan.kind === 'rewrite') {
      edits.push(...plan.edits);
      used.add(plan.uses);
      described.push({ kind: 'rewrite', line, description: plan.description });
      const site: SiteOutcome = { rule, line, column, outcome: 'rewritten', rewrite: plan.edits };
      sites.push(site);
      rewrittenSites.set(site, plan.edits);
    } else if (plan.afterCheck) {
      sites.push({ rule, line, column, outcome: 'follow-up', reason: plan.reason, rewrite: plan.afterCheck.rewrite.edits, check: plan.afterCheck.check });
    } else {
      sites.push({ rule, line, column, outcome: 'follow-up', reason: plan.reason });
    }
  }
  // The import goes first: at the same position as a follow-up comment (top of a file without imports)
  // it must land above the comment, which belongs directly above its statement.
  const importEdit = canonicalImport.importEdit(used, eol);
  if (importEdit) {
    edits.push(importEdit.edit);
    described.push({ kind: 'import', line: lineNumber(text, importEdit.edit.start), description: importEdit.description });
  }
  const followUpPositions: Array<{ offset: number; reason: string }> = [];
  for (const { statement, reasons } of planned) {
    const reason = reasons.join(' ');
    followUpPositions.push({ offset: statementStart(statement), reason });
    if (existingFollowUp(text, ast, statement) !== undefined) continue;
    edits.push(followUpEdit(text, statement, reason, eol));
    described.push({ kind: 'follow-up', line: statement.loc.start.line, description: followUpComment(reason) });
  }
  for (const finding of entryFindings) {
    const site = finding.importSite!;
    const specifier = entryImportSpecifier(site, file);
    if (!specifier || site.source.type !== 'Literal') continue;
    const quote = site.source.raw[0] ?? "'";
    edits.push({ start: site.source.range[0], end: site.source.range[1], text: `${quote}${specifier}${quote}` });
    described.push({ kind: 'entry-import', line: site.source.loc.start.line, description: `${site.specifier} → ${specifier}` });
  }
  return { edits, described, sites, rewrittenSites, followUpPositions };
}

/** The file's plan with the sites in `forced` turned from rewrites into follow-ups with the given reasons. */
function withForcedFollowUps(filePlan: FilePlan, forced: ReadonlyMap<string, string> | undefined, text: string): FilePlan {
  if (!forced || forced.size === 0) return filePlan;
  const plans = new Map(filePlan.plans);
  const followUps = filePlan.followUps.map(({ statement, reasons }) => ({ statement, reasons: [...reasons] }));
  for (const [finding, plan] of plans) {
    const reason = forced.get(siteKey(finding.node.loc.start));
    if (reason === undefined || plan.kind !== 'rewrite') continue;
    plans.set(finding, followUp(reason));
    // A rewrite never contains another site (planFile turns such rewrites into follow-ups), so the new
    // comment cannot land inside a rewrite that stays.
    const statement = followUpAnchor(finding.node, text);
    const shared = followUps.find((entry) => entry.statement === statement);
    if (!shared) followUps.push({ statement, reasons: [reason] });
    else if (!shared.reasons.includes(reason)) shared.reasons.push(reason);
  }
  return { plans, followUps };
}
