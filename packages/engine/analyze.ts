/**
 * The engine's entry: runs every pass over one parsed file. The lint rules, the audit and the codemods all
 * take their sites from `analyzeFile`.
 */
import type { ParserServices } from '@typescript-eslint/utils';
import { collect } from './ast/collect.js';
import { MENTIONS_JWT } from './prefilter.js';
import { ValueTracker } from './passes/bindings.js';
import { analyzeCodeStrings } from './passes/code-strings.js';
import { findAmbientCalls } from './passes/decorators.js';
import { findHandRolledDecodes } from './passes/hand-rolled.js';
import { findModuleSites } from './passes/modules.js';
import { findSecretReads } from './passes/secrets.js';
import { resolveCallsWithTypes } from './passes/typed.js';
import { findUnsafeSites } from './passes/unsafe-options.js';
import type { AnalyzeInput, FileAnalysis } from './types.js';

export type { AnalyzeInput } from './types.js';

/** Runs every pass over one parsed file. Pure: same tree and settings, same result. */
export function analyzeFile(input: AnalyzeInput): FileAnalysis {
  const collected = collect(input.ast);
  const tracker = new ValueTracker(input.scopeManager, collected);
  const modules = findModuleSites(input, collected, tracker);
  findAmbientCalls(tracker, collected.calls, modules.importedLibraries, input);
  const calls = [...tracker.calls];
  for (const site of findHandRolledDecodes(collected.calls, input.scopeManager)) {
    if (!tracker.hasSiteAt(site.node)) calls.push(site);
  }
  const services = input.parserServices;
  if (services?.program && services.esTreeNodeToTSNodeMap) {
    const known = new Set(calls.map((site) => site.node));
    for (const site of resolveCallsWithTypes(collected, services as ParserServices, input.settings)) {
      if (!known.has(site.node)) calls.push(site);
    }
  }
  const codeStrings = analyzeCodeStrings(input, collected, analyzeFile);
  calls.push(...codeStrings.calls);
  calls.sort((a, b) => a.node.range[0] - b.node.range[0]);
  const imports = [...modules.imports, ...codeStrings.imports].sort((a, b) => a.node.range[0] - b.node.range[0]);
  return {
    calls,
    imports,
    secrets: findSecretReads(collected.envObjects, collected.calls, input.scopeManager, input.settings),
    unsafe: findUnsafeSites(calls, input.scopeManager),
    unresolvedModules: [...modules.unresolvedModules, ...codeStrings.unresolved],
    exempt: input.settings.isExempt(input.filename),
    mentionsJwt: MENTIONS_JWT.test(input.text),
  };
}
