import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  analyzeFile,
  findingsFor,
  mightContainSites,
  type FileAnalysis,
  type Finding,
  type RuleId,
  type RuleOptions,
  type Settings,
} from '../../packages/engine/index.js';
import { getSettings } from './settings.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

// Five rules share one analysis of each file.
const analyses = new WeakMap<TSESTree.Program, { settings: Settings; analysis: FileAnalysis }>();

export function analysisOf(context: Context, settings: Settings): FileAnalysis {
  const { sourceCode } = context;
  const cached = analyses.get(sourceCode.ast);
  if (cached && cached.settings === settings) return cached.analysis;
  const services = sourceCode.parserServices;
  const analysis = analyzeFile({
    ast: sourceCode.ast,
    scopeManager: sourceCode.scopeManager!,
    filename: context.filename,
    text: sourceCode.text,
    settings,
    parserServices: services?.program ? services : undefined,
  });
  analyses.set(sourceCode.ast, { settings, analysis });
  return analysis;
}

/**
 * The whole `create` of a rule: skip files the prefilter rules out (no listeners at all), otherwise
 * report the engine's findings for this rule. `describe` adds fixes and suggestions.
 */
export function reportFindings<R extends RuleId>(
  context: Context,
  rule: R,
  /** As createRule hands them over: the user's options merged onto the declared defaults. */
  options: Partial<RuleOptions[R]>,
  describe?: (finding: Finding, settings: Settings) => Partial<TSESLint.ReportDescriptor<string>>,
): TSESLint.RuleListener {
  const settings = getSettings(context);
  const typed = Boolean(context.sourceCode.parserServices?.program);
  if (!typed && !mightContainSites(context.sourceCode.text, settings)) return {};
  return {
    Program() {
      for (const finding of findingsFor(rule, analysisOf(context, settings), settings, options)) {
        context.report({
          node: finding.node,
          messageId: finding.messageId,
          data: finding.data,
          ...describe?.(finding, settings),
        } as TSESLint.ReportDescriptor<string>);
      }
    },
  };
}
