/**
 * Code handed to the runtime as a constant string (`eval`, `new Function`, `vm`): analysed like any other
 * code, and what it reaches is reported at the call that runs it.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Collected } from '../ast/collect.js';
import { findProperty, isTruthyLiteral, memberName, staticString, unwrap, type Node } from '../ast/nodes.js';
import { isGlobalName } from '../ast/scope.js';
import { parseFile } from '../parse.js';
import { mightContainSites } from '../prefilter.js';
import type { AnalyzeInput, CallSite, FileAnalysis, ImportSite, UnresolvedModuleSite } from '../types.js';

type ScopeManager = TSESLint.Scope.ScopeManager;

const MAX_CODE_STRING_DEPTH = 2;
const VM_RUNNERS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);

/**
 * Code handed to the runtime as a constant string: `eval(code)`, `new Function(…, body)`, `vm.runIn…`,
 * `new vm.Script(code)`, `new Worker(code, { eval: true })`, `setTimeout(code)`. `body` code is a
 * function body (it may `return`).
 */
function codeStringOf(call: TSESTree.CallExpression | TSESTree.NewExpression, scopeManager: ScopeManager): { argument: Node; body: boolean } | undefined {
  const callee = unwrap(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
  if (!name) return undefined;
  const args = call.arguments;
  const first = args[0];
  if (!first) return undefined;
  const isGlobal = callee.type !== 'Identifier' || isGlobalName(scopeManager, callee, name);
  if (name === 'Function' && isGlobal) return { argument: args[args.length - 1]!, body: true };
  if (VM_RUNNERS.has(name) && callee.type === 'MemberExpression') return { argument: first, body: name === 'compileFunction' };
  if (call.type === 'NewExpression') {
    if (name === 'Script') return { argument: first, body: false };
    const options = args[1] && unwrap(args[1]);
    const evalOption = options?.type === 'ObjectExpression' ? findProperty(options, 'eval') : undefined;
    if (name === 'Worker' && evalOption && isTruthyLiteral(evalOption.value)) return { argument: first, body: false };
    return undefined;
  }
  if ((name === 'eval' || name === 'setTimeout' || name === 'setInterval') && isGlobal) return { argument: first, body: false };
  return undefined;
}

export interface CodeStringSites {
  readonly calls: CallSite[];
  readonly imports: ImportSite[];
  readonly unresolved: UnresolvedModuleSite[];
}

/**
 * Analyses constant code strings like any other code and reports what they reach at the call that runs
 * them. `analyze` is the whole-file analysis (passed in, so this pass does not import its orchestrator).
 */
export function analyzeCodeStrings(input: AnalyzeInput, collected: Collected, analyze: (input: AnalyzeInput) => FileAnalysis): CodeStringSites {
  const found: CodeStringSites = { calls: [], imports: [], unresolved: [] };
  const depth = input.codeStringDepth ?? 0;
  if (depth >= MAX_CODE_STRING_DEPTH) return found;
  for (const call of [...collected.calls, ...collected.news]) {
    const target = codeStringOf(call, input.scopeManager);
    const code = target && staticString(target.argument);
    if (!target || code === undefined || !mightContainSites(code, input.settings)) continue;
    let parsed;
    try {
      // A script (require is a global there), parsed as JavaScript.
      parsed = parseFile(`${input.filename}.code-string.cjs`, target.body ? `(function () {\n${code}\n})` : code);
    } catch {
      continue;
    }
    const inner = analyze({ ...parsed, filename: input.filename, text: code, settings: input.settings, codeStringDepth: depth + 1 });
    const seen = new Set<string>();
    for (const site of inner.calls) {
      const key = `${site.kind}:${site.library}:${site.api}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.calls.push({ kind: site.kind, library: site.library, api: site.api, form: 'reference', node: call, args: [], note: 'inside a code string' });
    }
    for (const site of inner.imports) {
      if (seen.has(site.specifier)) continue;
      seen.add(site.specifier);
      found.imports.push({ ...site, node: call, source: target.argument });
    }
    for (const site of inner.unresolvedModules) found.unresolved.push({ node: call, form: site.form });
  }
  return found;
}

