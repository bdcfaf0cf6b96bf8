/**
 * Verification that does not verify what it seems to: `ignoreExpiration: true`, `'none'` among the
 * algorithms, libraries left to trust the token's own `alg`, a verify told not to verify, and the
 * fallback pattern (a verify whose failure path decodes the same token, directly or through a local
 * helper). What is unsafe for which API is data in the catalogue (`ApiShape.checks`); this pass names no
 * library.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { contains, findProperty, isFunction, isTruthyLiteral, memberName, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, scopeOf } from '../ast/scope.js';
import { COMMON_ALGORITHM_KEYS, EXPIRY_BYPASS_KEYS, type ClockToleranceOption } from '../catalogue/index.js';
import type { CallSite, UnsafeSite } from '../types.js';
import { inCallbackSuccessBranch, reachesAcceptance } from './fallback-flow.js';

export function findUnsafeSites(calls: readonly CallSite[], scopeManager: TSESLint.Scope.ScopeManager): UnsafeSite[] {
  const sites: UnsafeSite[] = [];
  const add = (reason: UnsafeSite['reason'], node: Node, site: CallSite, verifySite?: CallSite, decodeSite?: CallSite): void => {
    sites.push({ reason, node, library: site.library, api: site.api, verifySite, decodeSite });
  };
  for (const site of calls) {
    if (site.form === 'reference' || site.form === 'computed' || site.form === 'hand-rolled') continue;
    const checks = site.shape?.checks ?? {};
    // A verify API whose flag argument turned the call into a decode (the engine recorded it as one).
    if (checks.noVerifyFlagArg !== undefined && site.shape?.kind === 'verify' && site.kind === 'decode') {
      add('noVerify', site.node, site);
      continue;
    }
    const optionsArg = site.shape?.optionsArg;
    const options = optionsArg === undefined ? undefined : objectLiteral(site.args[optionsArg], scopeManager);
    if (options) {
      for (const key of checks.expiryBypassKeys ?? EXPIRY_BYPASS_KEYS) {
        const property = findProperty(options, key);
        if (property && isTruthyLiteral(property.value)) add('ignoreExpiration', property, site);
      }
      for (const key of checks.clockTolerance?.keys ?? []) {
        const property = findProperty(options, key);
        const seconds = property && toleranceSeconds(property.value, checks.clockTolerance!);
        // Every leeway is recorded; the rule compares it with its `maxClockTolerance`.
        if (property && seconds !== undefined && seconds > 0) sites.push({ reason: 'clockTolerance', node: property, library: site.library, api: site.api, toleranceSeconds: seconds });
      }
      for (const key of checks.algorithmKeys ?? COMMON_ALGORITHM_KEYS) {
        const property = findProperty(options, key);
        if (property && listsNone(property.value)) add(site.kind === 'sign' ? 'signsUnsigned' : 'algorithmNone', property, site);
      }
    }
    if (site.kind !== 'verify') continue;
    if (checks.requiredOption !== undefined) {
      const argument = optionsArg === undefined ? undefined : site.args[optionsArg];
      // Only a literal we can read proves the option is missing; an opaque variable might set it.
      if (!argument || (options && !findProperty(options, checks.requiredOption) && !hasSpread(options))) add('unpinnedAlgorithms', site.node, site);
    }
    if (checks.minArgs !== undefined && site.args.length < checks.minArgs) add('unpinnedAlgorithms', site.node, site);
  }
  for (const fallback of findFallbacks(calls, scopeManager)) add('fallbackDecode', fallback.node, fallback.decodeSite, fallback.verifySite, fallback.decodeSite);
  return sites.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

const SECONDS_PER_UNIT: ReadonlyArray<[RegExp, number]> = [
  [/^(?:s|secs?|seconds?)$/, 1],
  [/^(?:m|mins?|minutes?)$/, 60],
  [/^(?:h|hrs?|hours?)$/, 3600],
  [/^(?:d|days?)$/, 86_400],
  [/^(?:w|weeks?)$/, 604_800],
  [/^(?:y|yrs?|years?)$/, 31_557_600],
];
/** A timespan as jose reads it: `'30 s'`, `'2 hours'`, `'1.5d'`. */
const TIMESPAN = /^\+?\s*(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** A leeway option's value in seconds: a number (in the API's unit, constant arithmetic too) or a timespan. */
function toleranceSeconds(node: Node, option: ClockToleranceOption): number | undefined {
  const value = unwrap(node);
  if (option.timespans && value.type === 'Literal' && typeof value.value === 'string') {
    const match = TIMESPAN.exec(value.value.trim());
    const unit = match && SECONDS_PER_UNIT.find(([pattern]) => pattern.test(match[2]!.toLowerCase()));
    return match && unit ? Number(match[1]) * unit[1] : undefined;
  }
  const number = constantNumber(value, 0);
  return number === undefined ? undefined : option.unit === 'milliseconds' ? number / 1000 : number;
}

/** `86400`, `60 * 60 * 24`, `Infinity`, `Number.MAX_SAFE_INTEGER`: a number the code spells out. */
function constantNumber(node: Node, depth: number): number | undefined {
  const value = unwrap(node);
  if (depth > 8) return undefined;
  if (value.type === 'Literal') return typeof value.value === 'number' ? value.value : undefined;
  if (value.type === 'Identifier') return value.name === 'Infinity' ? Infinity : undefined;
  if (value.type === 'MemberExpression' && value.object.type === 'Identifier' && value.object.name === 'Number') {
    const name = memberName(value);
    return name === 'MAX_SAFE_INTEGER' || name === 'MAX_VALUE' || name === 'POSITIVE_INFINITY' ? Number[name] : undefined;
  }
  if (value.type !== 'BinaryExpression' || value.left.type === 'PrivateIdentifier') return undefined;
  const left = constantNumber(value.left, depth + 1);
  const right = left === undefined ? undefined : constantNumber(value.right, depth + 1);
  if (left === undefined || right === undefined) return undefined;
  switch (value.operator) {
    case '*':
      return left * right;
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '/':
      return left / right;
    case '**':
      return left ** right;
    default:
      return undefined;
  }
}

function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement');
}

function listsNone(node: Node): boolean {
  const value = unwrap(node);
  if (value.type === 'Literal') return typeof value.value === 'string' && value.value.toLowerCase() === 'none';
  if (value.type === 'ArrayExpression') return value.elements.some((element) => element !== null && element.type !== 'SpreadElement' && listsNone(element));
  return false;
}

/** An options argument as an object literal, through one `const opts = { … }` hop. */
function objectLiteral(node: Node | undefined, scopeManager: TSESLint.Scope.ScopeManager): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  if (value.type === 'ObjectExpression') return value;
  if (value.type !== 'Identifier') return undefined;
  const variable = findVariable(scopeOf(scopeManager, value), value.name);
  const def = variable?.defs[0];
  if (def?.node.type !== 'VariableDeclarator' || def.node.id.type !== 'Identifier' || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  return init.type === 'ObjectExpression' ? init : undefined;
}

/** A key that identifies the same token expression: `token`, `req.headers.token`, `this.token`. */
export function expressionKey(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  if (value.type === 'Identifier') return value.name;
  if (value.type === 'ThisExpression') return 'this';
  if (value.type === 'MemberExpression') {
    const object = expressionKey(value.object);
    const name = memberName(value);
    return object !== undefined && name !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}

/** The places where a verification failure ends up: catch blocks, `.catch()`, error callbacks. */
function failurePaths(site: CallSite): Node[] {
  const paths: Node[] = [];
  for (let child: Node = site.node, parent = site.node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'TryStatement' && parent.block === child && parent.handler) paths.push(parent.handler);
    if (isFunction(parent)) {
      // new Promise((resolve, reject) => verify(t, k, cb)): the executor's failure surfaces where the promise is awaited.
      const created = parent.parent;
      const isExecutor =
        created?.type === 'NewExpression' && created.arguments[0] === parent && created.callee.type === 'Identifier' && created.callee.name === 'Promise';
      if (!isExecutor) break;
    }
  }
  // verify(t).catch(() => decode(t)); verify(t).then(ok, () => decode(t)); verify(t).then(ok).catch(…):
  // a rejection travels down the whole promise chain, so every later handler is a failure path.
  let outer: Node = site.node;
  for (;;) {
    while (outer.parent && (outer.parent.type === 'ChainExpression' || outer.parent.type === 'AwaitExpression')) outer = outer.parent;
    const access = outer.parent;
    if (access?.type !== 'MemberExpression' || access.object !== outer || access.parent?.type !== 'CallExpression' || access.parent.callee !== access) break;
    const name = memberName(access);
    const handler = name === 'catch' ? access.parent.arguments[0] : name === 'then' ? access.parent.arguments[1] : undefined;
    if (handler) paths.push(handler);
    if (name !== 'then' && name !== 'catch' && name !== 'finally') break;
    outer = access.parent;
  }
  // verify(t, key, (err, decoded) => { if (err) return decode(t) })
  const callback = site.args[site.args.length - 1];
  if (callback && isFunction(callback as Node) && site.args.length > 1) paths.push(callback as Node);
  return paths;
}

/** A local function that decodes its own parameter: `function peek(token) { return jwt.decode(token) }`. */
interface DecodingHelper {
  readonly fn: TSESTree.FunctionLike;
  readonly name: string;
  readonly parameterIndex: number;
  readonly decodeSite: CallSite;
}

function decodingHelpers(decodes: readonly CallSite[]): DecodingHelper[] {
  const helpers: DecodingHelper[] = [];
  for (const decodeSite of decodes) {
    const token = decodeSite.token ?? decodeSite.args[0];
    const parameter = token && unwrap(token);
    if (parameter?.type !== 'Identifier') continue;
    let fn: Node | undefined = decodeSite.node.parent;
    while (fn && !isFunction(fn)) fn = fn.parent;
    if (!fn || !isFunction(fn)) continue;
    const parameterIndex = fn.params.findIndex((param) => param.type === 'Identifier' && param.name === parameter.name);
    const name =
      fn.type === 'FunctionDeclaration' ? fn.id?.name : fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' ? fn.parent.id.name : undefined;
    if (parameterIndex >= 0 && name) helpers.push({ fn, name, parameterIndex, decodeSite });
  }
  return helpers;
}

/** Calls inside `root` to one of the helpers (resolved through scope, so a shadowing name does not count). */
function helperCalls(root: Node, helpers: readonly DecodingHelper[], scopeManager: TSESLint.Scope.ScopeManager): Array<[TSESTree.CallExpression, DecodingHelper]> {
  const found: Array<[TSESTree.CallExpression, DecodingHelper]> = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
      const callee = node.callee;
      const helper = helpers.find((candidate) => candidate.name === callee.name);
      const def = helper && findVariable(scopeOf(scopeManager, node), callee.name)?.defs[0];
      if (helper && def && (def.node === helper.fn || def.node === helper.fn.parent)) found.push([node, helper]);
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as Node).type === 'string') stack.push(item as Node);
      }
    }
  }
  return found;
}

interface Fallback {
  /** Where the failure path decodes: the decode itself, or the call of a helper that decodes. */
  readonly node: Node;
  readonly decodeSite: CallSite;
  readonly verifySite: CallSite;
}

/** A decode on a failure path is a fallback only off a callback's success branch, and when its claims can be accepted. */
function acceptsOnFailure(decoded: Node, failurePath: Node, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  return !inCallbackSuccessBranch(decoded, failurePath) && reachesAcceptance(decoded, failurePath, scopeManager);
}

function findFallbacks(calls: readonly CallSite[], scopeManager: TSESLint.Scope.ScopeManager): Fallback[] {
  const decodes = calls.filter((site) => site.kind === 'decode');
  if (decodes.length === 0) return [];
  const helpers = decodingHelpers(decodes);
  const fallbacks: Fallback[] = [];
  const seen = new Set<Node>();
  for (const verifySite of calls) {
    if (verifySite.kind !== 'verify' || verifySite.form === 'reference') continue;
    const token = expressionKey(verifySite.args[0]);
    if (token === undefined) continue;
    for (const failurePath of failurePaths(verifySite)) {
      for (const decodeSite of decodes) {
        if (seen.has(decodeSite.node) || !contains(failurePath, decodeSite.node)) continue;
        const decoded = decodeSite.token ?? decodeSite.args[0];
        if (expressionKey(decoded) === token && acceptsOnFailure(decodeSite.node, failurePath, scopeManager)) {
          seen.add(decodeSite.node);
          fallbacks.push({ node: decodeSite.node, decodeSite, verifySite });
        }
      }
      // One call deep: catch (error) { return readClaimsUnverified(token) }
      if (helpers.length === 0) continue;
      for (const [call, helper] of helperCalls(failurePath, helpers, scopeManager)) {
        if (seen.has(call) || expressionKey(call.arguments[helper.parameterIndex]) !== token || !acceptsOnFailure(call, failurePath, scopeManager)) continue;
        seen.add(call);
        fallbacks.push({ node: call, decodeSite: helper.decodeSite, verifySite });
      }
    }
  }
  return fallbacks;
}
