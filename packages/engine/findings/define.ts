/**
 * What every rule's findings module declares, and the helpers they share. A module is
 * `findings/<rule-id>.ts`: its id, its options (type, description and default, declared only here: the
 * rule's schema, its defaultOptions and the audit's presets are built from them) and `find`, which turns
 * the file's analysis into findings with structured fields the audit prints without reading messages.
 */
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { describeCanonical, type Settings } from '../settings.js';
import { toPosix } from '../paths.js';
import type { CallSite, FileAnalysis, ImportSite } from '../types.js';

/** What a site does with JWTs; the audit's `kind` column. */
export type FindingKind = 'verify' | 'decode' | 'sign' | 'import' | 'secret' | 'unsafe-options' | 'unanalysable';

/** One reported site, as the rule reports it and the audit prints it. */
export interface SiteFinding {
  readonly kind: FindingKind;
  /** The library (or `(auth module)`, `(environment)`, `(unknown)`) the site uses: the audit's per-library totals. */
  readonly library: string;
  readonly api: string;
  readonly node: TSESTree.Node;
  /** What to use instead, in the words the audit's JSON and markdown show. */
  readonly replacement: string;
  readonly messageId: string;
  /** The placeholders of the rule's message `messageId`: for the message text only. */
  readonly data: Record<string, string>;
  /** The call this finding is about: fixes and the rewrite core start from it. */
  readonly call?: CallSite;
  /** The import this finding is about: the entry-import fix starts from it. */
  readonly importSite?: ImportSite;
}

export interface RuleFinding<Id extends string = string> extends SiteFinding {
  readonly rule: Id;
}

export type OptionDescriptor =
  | { readonly type: 'boolean'; readonly description: string; readonly default: boolean }
  | { readonly type: 'string'; readonly description: string; readonly default: string }
  | { readonly type: 'number'; readonly description: string; readonly default: number };

export type OptionDescriptors = Readonly<Record<string, OptionDescriptor>>;

/** The option values a rule's `find` receives: every option present, defaults applied. */
export type OptionValues<O extends OptionDescriptors> = {
  readonly [K in keyof O]: O[K]['default'] extends boolean ? boolean : O[K]['default'] extends number ? number : string;
};

export interface RuleFindings<Id extends string = string, O extends OptionDescriptors = OptionDescriptors> {
  readonly id: Id;
  readonly options: O;
  find(analysis: FileAnalysis, settings: Settings, options: OptionValues<O>): SiteFinding[];
}

/** Keeps the id and option names literal, so RuleId and RuleOptions derive from the registry. */
export function defineRuleFindings<const Id extends string, const O extends OptionDescriptors>(module: RuleFindings<Id, O>): RuleFindings<Id, O> {
  return module;
}

export function defaultsOf<O extends OptionDescriptors>(options: O): OptionValues<O> {
  return Object.fromEntries(Object.entries(options).map(([name, option]) => [name, option.default])) as OptionValues<O>;
}

/** Paths in messages are relative to `root`, like the settings that name them. */
export function relativeToRoot(settings: Settings, file: string): string {
  return toPosix(path.relative(settings.root, file));
}

/** The canonical module as messages name it. */
export function canonicalModule(settings: Settings): string {
  return settings.canonical?.module ?? `the canonical module (set settings['jwt-ssot'].canonical)`;
}

/** The canonical module as replacements name it (the audit's words since its first version). */
export function canonicalModuleForReplacement(settings: Settings): string {
  return settings.canonical?.module ?? `the canonical module (settings['jwt-ssot'].canonical)`;
}

/** A call to verify, decode or sign: kind, library and api come from the call itself. */
export function callFinding(call: CallSite, settings: Settings, messageId: string, which: 'verify' | 'decode'): SiteFinding {
  const replacement = call.kind === 'sign' ? `issue tokens through ${canonicalModuleForReplacement(settings)}` : describeCanonical(settings, call.kind === 'decode' ? 'decode' : 'verify');
  return {
    kind: call.kind,
    library: call.library,
    api: call.api,
    node: call.node,
    replacement,
    messageId,
    data: {
      library: call.library,
      api: call.api,
      // A callable module (koa-jwt, jwt-decode v3) is named once, not as "koa-jwt `koa-jwt`".
      target: call.api === call.library ? call.library : `${call.library} \`${call.api}\``,
      how: call.note ? ` (${call.note})` : '',
      replacement: describeCanonical(settings, which),
      module: canonicalModule(settings),
    },
    call,
  };
}
