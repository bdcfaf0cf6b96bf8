import type { TSESLint } from '@typescript-eslint/utils';
import type { Settings } from '../../packages/engine/index.js';
import type { SuggestionSource } from '../../packages/rewrite/suggest.js';
import { analysisOf } from './findings.js';

/** What the rewrite core needs to plan a suggestion: the file as ESLint parsed it, with the rules' shared analysis. */
export function suggestionSource(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, settings: Settings): SuggestionSource {
  const { sourceCode } = context;
  return {
    file: context.filename,
    text: sourceCode.text,
    ast: sourceCode.ast,
    scopeManager: sourceCode.scopeManager!,
    analysis: analysisOf(context, settings),
    settings,
  };
}
