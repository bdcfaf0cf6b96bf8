/**
 * What to do with one site: rewrite it onto the canonical function, or hand it to a person (a follow-up).
 * Driven only by the catalogue's data on the site (`shape.rewrite`, `keyArg`, `optionsArg`): no library
 * is named here. Hand-rolled decoding (`JSON.parse(atob(t.split('.')[1]))`) is the one recipe-less form.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findVariable, scopeOf, type CallSite, type RewriteRecipe } from '../engine/index.js';
import { awaitAround, enclosingFunction, typeHandling, valueText } from './call-text.js';
import { payloadMemberRewrite, thenCallbackOf, thenRewrite, type PlannedEdits } from './payload-member.js';
import { algorithmProblem, recipeInputs, truthyFlag, type RecipeInputs } from './recipe-inputs.js';
import { shapeForVerifier, type VerifierShape } from './canonical-shape.js';
import type { CanonicalExport } from './canonical-import.js';
import { keyCheck, optionsCheck, type Check } from './equivalence.js';
import { sourceOf, type PlanContext } from './plan-context.js';
import type { TextEdit } from './text.js';

type Node = TSESTree.Node;

export interface Rewrite {
  readonly kind: 'rewrite';
  /** Edits of the original text (the import is planned separately, by CanonicalImport). */
  readonly edits: readonly TextEdit[];
  /** The whole range the rewrite replaces (for overlap checks). */
  readonly range: readonly [number, number];
  /** The name of the canonical export the rewrite calls. */
  readonly uses: CanonicalExport;
  readonly description: string;
}

export interface FollowUpPlan {
  readonly kind: 'follow-up';
  readonly reason: string;
  /** The rewrite a person may apply once they have checked `check` (the editor offers it as a suggestion). */
  readonly afterCheck?: { readonly rewrite: Rewrite; readonly check: string };
}

export type Plan = Rewrite | FollowUpPlan;

export const followUp = (reason: string, afterCheck?: FollowUpPlan['afterCheck']): FollowUpPlan =>
  afterCheck ? { kind: 'follow-up', reason, afterCheck } : { kind: 'follow-up', reason };

const FORM_WORDS: Record<CallSite['form'], string> = {
  call: 'a call',
  new: 'constructed with new',
  indirect: 'called through call/apply',
  reference: 'handed on as a value',
  computed: 'a computed member',
  ambient: 'a framework decorator',
  'hand-rolled': 'hand-rolled decoding',
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

function rewrite(node: Node, edits: TextEdit[], uses: CanonicalExport, description: string): Rewrite {
  return { kind: 'rewrite', edits, range: [node.range[0], node.range[1]], uses, description };
}


const fromEdits = (planned: PlannedEdits | string, uses: CanonicalExport): Rewrite | string =>
  typeof planned === 'string' ? planned : rewrite(planned.node, planned.edits, uses, planned.description);

/** The canonical function's name for a site, or the follow-up that says none is configured. */
function canonicalName(ctx: PlanContext, site: CallSite, to: CanonicalExport): string | FollowUpPlan {
  const exportsSetting = ctx.settings.canonical?.exports;
  if (to === 'verify' || site.kind !== 'decode') {
    return exportsSetting?.verify ?? followUp(`No canonical validator is configured (settings['jwt-ssot'].canonical); verify through one module.`);
  }
  if (exportsSetting?.decode) return exportsSetting.decode;
  return followUp(
    exportsSetting?.verify
      ? `No canonical decode is configured (settings['jwt-ssot'].canonical.exports.decode); verify with ${exportsSetting.verify} or add a decode export.`
      : `No canonical module is configured (settings['jwt-ssot'].canonical); decode through one module.`,
  );
}

/** The catalogue's follow-up text for an API no recipe expresses (middleware, strategies, decorators). */
function shapeFollowUp(site: CallSite, name: string): FollowUpPlan | undefined {
  const text = site.shape?.followUp;
  return text === undefined ? undefined : followUp(`${text.replaceAll('{{name}}', name)}.`);
}

/** The recipe for a site: a call the engine counts as a decode (its noVerify flag set) takes the recipe's `noVerify`. */
function recipeOf(site: CallSite): RewriteRecipe | undefined {
  const recipe = site.shape?.rewrite;
  return site.kind === 'decode' && recipe?.to === 'verify' ? recipe.noVerify : recipe;
}

/** The plan for one call site of a JWT library (or a hand-rolled decode). */
export function planSite(ctx: PlanContext, site: CallSite): Plan {
  const recipe = recipeOf(site);
  const to: CanonicalExport = recipe?.to ?? (site.kind === 'decode' ? 'decode' : 'verify');
  const name = canonicalName(ctx, site, to);
  if (typeof name !== 'string') return name;
  if (site.form === 'hand-rolled') return planHandRolled(ctx, site, name);
  const how = site.note ? ` (${site.note})` : '';
  const verb = site.kind === 'decode' ? 'decode' : 'verify';
  if (site.form !== 'call' || site.node.type !== 'CallExpression') {
    return shapeFollowUp(site, name) ?? followUp(`${site.library} \`${site.api}\`${how} is ${FORM_WORDS[site.form]}; move this ${verb === 'decode' ? 'decoding' : 'verification'} to ${name} by hand.`);
  }
  if (!recipe) return shapeFollowUp(site, name) ?? followUp(`${site.library} \`${site.api}\`${how} has no automatic rewrite; ${verb} with ${name} instead.`);
  return planRecipe(ctx, site, site.node, recipe, name);
}

function planRecipe(ctx: PlanContext, site: CallSite, call: TSESTree.CallExpression, recipe: RewriteRecipe, name: string): Plan {
  const args = call.arguments;
  const label = `${site.library} \`${site.api}\``;
  const hasSpread = args.some((arg) => arg.type === 'SpreadElement');
  if (recipe.to === 'decode' && (hasSpread || args.length > recipe.maxArgs || args.length <= recipe.tokenArg)) {
    const extra = args.filter((_, index) => index !== recipe.tokenArg).map((arg) => sourceOf(ctx, arg)).join(', ');
    return followUp(`${label} with options (${extra || 'spread'}) that ${name} cannot express; rewrite by hand.`);
  }
  if (hasSpread) return followUp(`Spread arguments to ${label}; rewrite by hand with ${name}.`);
  if (args.some((arg) => arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') || (recipe.callbackForm && args.length > recipe.maxArgs)) {
    return followUp(`Callback form of ${label}; rewrite the callback to use the result of ${name}.`);
  }
  if (args.length > recipe.maxArgs) return followUp(`${label} with more arguments than ${name} takes; rewrite by hand.`);
  const token = args[recipe.tokenArg] as Node | undefined;
  // A decode reads no key: whatever key argument the call has (jwt-simple's noVerify form) is unused.
  const keyArg = recipe.to === 'decode' ? undefined : site.shape?.keyArg;
  if (!token || (keyArg !== undefined && !args[keyArg])) return followUp(`${label} without a key; rewrite by hand with ${name}.`);
  const flag = truthyFlag(ctx, call, recipe);
  if (flag !== undefined) return followUp(`${label} with \`${flag}\`, which may turn verification off; rewrite by hand with ${name}.`);
  const optionsArg = site.shape?.optionsArg;
  if (recipe.callbackForm && optionsArg !== undefined && args[optionsArg] && args[optionsArg].type !== 'ObjectExpression') {
    return followUp(`The ${ORDINALS[optionsArg] ?? `#${optionsArg + 1}`} argument of ${label} may be options or a callback; rewrite by hand with ${name}.`);
  }
  const inputs = recipeInputs(ctx, call, recipe, keyArg, recipe.to === 'decode' && !recipe.factory ? undefined : optionsArg, label, name);
  if (typeof inputs === 'string') return followUp(inputs);
  const verifiers = recipe.to === 'verify' ? ctx.shape.verifiers : undefined;
  if (!verifiers || verifiers.length < 2) return planOnto(ctx, { site, call, recipe, inputs, label }, name).plan;
  return planOntoOneOf(ctx, { site, call, recipe, inputs, label }, verifiers);
}

/** A recipe call whose key and options were found: what planOnto needs besides the canonical function. */
interface RecipeCall {
  readonly site: CallSite;
  readonly call: TSESTree.CallExpression;
  readonly recipe: RewriteRecipe;
  readonly inputs: RecipeInputs;
  readonly label: string;
}

/**
 * Several verify functions (one per token kind): the site is planned against each, in settings order, and
 * goes to the first whose key and options are the site's own. None: the first with the site's key (its
 * options then differ), else the first function, whose plan names the key that no function uses.
 */
function planOntoOneOf(ctx: PlanContext, recipeCall: RecipeCall, verifiers: readonly VerifierShape[]): Plan {
  const candidates = verifiers.map((verifier) => planOnto({ ...ctx, shape: shapeForVerifier(ctx.shape, verifier) }, recipeCall, verifier.name));
  const differsIn = (candidate: PlannedOnto, about: Check['about']): boolean => candidate.checks.some((check) => check.about === about);
  const same = candidates.find((candidate) => !differsIn(candidate, 'key') && !differsIn(candidate, 'options'));
  const sameKey = candidates.find((candidate) => !differsIn(candidate, 'key'));
  return (same ?? sameKey ?? candidates[0]!).plan;
}

interface PlannedOnto {
  readonly plan: Plan;
  /** What stands between the site and the rewrite onto this function (empty: it checks the same). */
  readonly checks: readonly Check[];
}

/** The plan of a recipe call onto the canonical function `name` (whose shape is `ctx.shape`). */
function planOnto(ctx: PlanContext, { site, call, recipe, inputs, label }: RecipeCall, name: string): PlannedOnto {
  const args = call.arguments;
  const token = args[recipe.tokenArg] as Node;
  const promise = Boolean(recipe.promise || inputs.promise);

  // Problems a person can settle by looking: the site stays a follow-up, the editor offers the rewrite.
  const checks: Check[] = [];
  if (recipe.confirm) {
    const confirm = recipe.confirm.replaceAll('{{name}}', name);
    checks.push({ about: 'confirm', reason: `${label} is not a drop-in for ${name}: ${confirm}.`, check: confirm });
  }
  if (inputs.options) {
    const problem = optionsCheck(ctx, inputs.options, name);
    if (problem) checks.push(problem);
  }
  const algorithm = algorithmProblem(ctx, call, recipe, name);
  if (algorithm) checks.push({ about: 'options', ...algorithm });
  for (const key of inputs.keys) {
    const problem = keyCheck(ctx, key, name);
    if (problem) checks.push(problem);
  }
  if (inputs.keys.length === 0 && recipe.implicitKey && recipe.to === 'verify') {
    const implicit = recipe.implicitKey.replaceAll('{{name}}', name);
    checks.push({ about: 'key', reason: `${label} verifies with ${implicit}, which cannot be proved to be the key ${name} uses; check it, then call ${name}.`, check: `${implicit} is the key ${name} verifies with` });
  }
  if (recipe.implicitOptions && recipe.to === 'verify') {
    const implicit = recipe.implicitOptions.replaceAll('{{name}}', name);
    checks.push({ about: 'confirm', reason: `${label} also verifies with what its module registration configures; check that ${implicit}, then call ${name}.`, check: implicit });
  }
  // A hard problem after a key or options problem keeps the older reason (a person must look anyway).
  const decline = (reason: string): PlannedOnto => ({ plan: followUp(checks.find((check) => check.about !== 'confirm')?.reason ?? reason), checks });

  const awaitNode = awaitAround(call);
  const asyncCanonical = recipe.to === 'verify' ? ctx.shape.verifyAsync : ctx.shape.decodeAsync;
  const local = ctx.canonicalImport.local(name);
  const generic = recipe.to === 'verify' ? ctx.shape.verifyGeneric : ctx.shape.decodeGeneric;
  const { typeArgs, asType } = typeHandling(ctx, call, generic);
  const callText = `${local}${typeArgs}(${sourceOf(ctx, token)})`;
  const returns = recipe.to === 'verify' ? ctx.shape.verifyReturns : 'payload';
  const thenCallback = recipe.thenForm && !awaitNode ? thenCallbackOf(call) : undefined;
  let planned: Rewrite | string;
  if (thenCallback) {
    planned = fromEdits(thenRewrite(site, call, thenCallback, { to: recipe.to, name, asyncCanonical, returns, asType, callText, awaited: false }), name);
  } else {
    if (asyncCanonical && !awaitNode && !enclosingFunction(call)?.async) {
      return decline(`${name} is async but this caller is not; make the caller async, then await ${name}.`);
    }
    if (promise && !awaitNode) return decline(`The promise from ${label} is not awaited here; rewrite by hand with ${name}.`);
    const value = awaitNode ?? call;
    if (recipe.result === 'payload') {
      const awaitIt = promise ? asyncCanonical : Boolean(awaitNode) || asyncCanonical;
      planned = rewrite(value, [{ start: value.range[0], end: value.range[1], text: valueText(ctx, value, callText, awaitIt, returns, asType) }], name, `${site.api}(…) → ${name}(…)`);
    } else {
      planned = fromEdits(payloadMemberRewrite(ctx, site, value, { to: recipe.to, name, asyncCanonical, returns, asType, callText, awaited: Boolean(awaitNode) }), name);
    }
  }
  if (typeof planned === 'string') return decline(planned);
  if (checks.length === 0) return { plan: planned, checks };
  return { plan: followUp(checks[0]!.reason, { rewrite: planned, check: checks.map((check) => check.check).join('; ') }), checks };
}

/** The `JSON.parse(…)` around a hand-rolled base64 decode: `JSON.parse(atob(x))`, `JSON.parse(Buffer.from(x, 'base64').toString())`. */
function jsonParseAround(node: Node): TSESTree.CallExpression | undefined {
  let current: Node = node;
  const parent = current.parent;
  // Buffer.from(…).toString() / .toString('utf8')
  if (parent?.type === 'MemberExpression' && parent.object === current && !parent.computed && parent.property.type === 'Identifier' && parent.property.name === 'toString') {
    const call = parent.parent;
    if (call?.type !== 'CallExpression' || call.callee !== parent) return undefined;
    current = call;
  }
  const outer = current.parent;
  if (outer?.type !== 'CallExpression' || outer.arguments.length !== 1 || outer.arguments[0] !== current) return undefined;
  const callee = outer.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier' || callee.object.name !== 'JSON') return undefined;
  return callee.property.type === 'Identifier' && callee.property.name === 'parse' ? outer : undefined;
}

/** A token expression found through a variable can be copied to the decode site only when it cannot have changed. */
function isStableToken(ctx: PlanContext, token: Node, site: Node): boolean {
  if (site.range[0] <= token.range[0] && token.range[1] <= site.range[1]) return true;
  if (token.type !== 'Identifier') return false;
  const variable = findVariable(scopeOf(ctx.scopeManager, site), token.name);
  if (!variable || variable !== findVariable(scopeOf(ctx.scopeManager, token), token.name)) return false;
  return variable.references.filter((reference) => reference.isWrite() && !reference.init).length === 0;
}

function planHandRolled(ctx: PlanContext, site: CallSite, name: string): Plan {
  const parse = jsonParseAround(site.node);
  const token = site.token;
  if (!parse || !token) return followUp(`Hand-rolled decoding that is not JSON.parse(…) of one token segment; use ${name} by hand.`);
  if (!isStableToken(ctx, token, parse)) return followUp(`The decoded token \`${sourceOf(ctx, token)}\` may change before this line; use ${name} by hand.`);
  const awaitNode = awaitAround(parse);
  if (ctx.shape.decodeAsync && !awaitNode && !enclosingFunction(site.node)?.async) {
    return followUp(`${name} is async but this caller is not; make the caller async, then await ${name}.`);
  }
  const local = ctx.canonicalImport.local(name);
  const replaced = awaitNode ?? parse;
  const value = valueText(ctx, replaced, `${local}(${sourceOf(ctx, token)})`, Boolean(awaitNode) || ctx.shape.decodeAsync, 'payload');
  return rewrite(replaced, [{ start: replaced.range[0], end: replaced.range[1], text: value }], name, `${site.api}(…) → ${name}(…)`);
}
