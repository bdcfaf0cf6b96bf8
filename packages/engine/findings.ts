/**
 * What each rule reports, as data. The lint rules report these findings and the audit prints them, so
 * the two agree on every site by construction. Each rule's logic and options live in
 * findings/<rule-id>.ts; everything here (ids, option types, defaults) derives from that registry.
 * Message texts live in the rules' `meta.messages`.
 */
import type { Settings } from './settings.js';
import type { FileAnalysis } from './types.js';
import { defaultsOf, type OptionDescriptors, type OptionValues, type RuleFinding } from './findings/define.js';
import { RULE_FINDINGS } from './findings/index.js';

export type { FindingKind, OptionDescriptor, OptionDescriptors, SiteFinding } from './findings/define.js';

type Registry = (typeof RULE_FINDINGS)[number];
export type RuleId = Registry['id'];

export const RULE_IDS: readonly RuleId[] = RULE_FINDINGS.map((module) => module.id);

/** A rule's findings module, by id. */
type ModuleOf<R extends RuleId> = Extract<Registry, { id: R }>;

/** Each rule's options, every one present (defaults applied). */
export type RuleOptions = { [R in RuleId]: OptionValues<ModuleOf<R>['options']> };

const MODULES = new Map<RuleId, Registry>(RULE_FINDINGS.map((module) => [module.id, module]));

function moduleOf<R extends RuleId>(rule: R): ModuleOf<R> {
  return MODULES.get(rule) as ModuleOf<R>;
}

/** The options a rule declares: type, description and default, for its schema and the docs. */
export function ruleOptionDescriptors(rule: RuleId): OptionDescriptors {
  return moduleOf(rule).options;
}

export const DEFAULT_RULE_OPTIONS = Object.fromEntries(RULE_FINDINGS.map((module) => [module.id, defaultsOf<OptionDescriptors>(module.options)])) as {
  readonly [R in RuleId]: RuleOptions[R];
};

export type Finding = RuleFinding<RuleId>;

/** The rule's findings in this file; options not given take the rule's declared defaults. */
export function findingsFor<R extends RuleId>(rule: R, analysis: FileAnalysis, settings: Settings, options: Partial<RuleOptions[R]> = {}): Finding[] {
  const module = moduleOf(rule) as unknown as { find(analysis: FileAnalysis, settings: Settings, options: RuleOptions[R]): ReturnType<Registry['find']> };
  const values = { ...DEFAULT_RULE_OPTIONS[rule], ...options } as RuleOptions[R];
  return module.find(analysis, settings, values).map((finding) => ({ rule, ...finding }));
}
