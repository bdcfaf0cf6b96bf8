/**
 * Which jwt-ssot rules the audit applies to a file, at which severity and with which options: those the
 * user's ESLint config gives the file (as `calculateConfigForFile` merges them), so a rule turned off is
 * not reported and a `warn` rule reports warnings. A config that never names a jwt-ssot rule gets the
 * recommended preset, as if it spread `configs.recommended`; `--preset` replaces the config's entries.
 */
import { DEFAULT_RULE_OPTIONS, RULE_IDS, type RuleId, type RuleOptions } from '../../engine/index.js';
import plugin, { NAMESPACE } from '../../plugin/index.js';
import type { CliConfig, RuleEntry } from '../config.js';
import type { Severity } from './types.js';

export type Preset = 'recommended' | 'strict';

export interface ActiveRule {
  readonly id: RuleId;
  readonly eslintId: string;
  readonly severity: Severity;
  readonly options: RuleOptions[RuleId];
  readonly messages: Readonly<Record<string, string>>;
  readonly description: string;
  readonly helpUri?: string;
}

/** Where the rules come from: each file's config entries, or one preset for every file. */
export type RuleSource = { readonly kind: 'config' } | { readonly kind: 'preset'; readonly preset: Preset };

/** ESLint's severities: 0/'off', 1/'warn', 2/'error'; undefined for off (or anything ESLint would reject). */
function severityOf(value: unknown): Severity | undefined {
  if (value === 2 || value === 'error') return 'error';
  if (value === 1 || value === 'warn') return 'warning';
  return undefined;
}

/** The active rules of a set of rule entries (`'jwt-ssot/<id>'` → `severity` or `[severity, options]`). */
export function activeRules(entries: Readonly<Record<string, RuleEntry>>): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const id of RULE_IDS) {
    const eslintId = `${NAMESPACE}/${id}`;
    const entry = entries[eslintId];
    if (entry === undefined) continue;
    const [level, ruleOptions] = Array.isArray(entry) ? (entry as unknown[]) : [entry, undefined];
    const severity = severityOf(level);
    if (severity === undefined) continue;
    active.push({
      id,
      eslintId,
      severity,
      // createRule merges the user's options over the declared defaults the same way.
      options: { ...DEFAULT_RULE_OPTIONS[id], ...(ruleOptions as object | undefined) } as RuleOptions[RuleId],
      messages: plugin.rules[id].meta.messages as Record<string, string>,
      description: plugin.rules[id].meta.docs?.description ?? id,
      helpUri: plugin.rules[id].meta.docs?.url,
    });
  }
  return active;
}

/** The preset's rules with the options it sets, as the lint run would see them. */
export function presetRules(preset: Preset = 'recommended'): ActiveRule[] {
  return activeRules((plugin.configs[preset].rules ?? {}) as Record<string, RuleEntry>);
}

/**
 * Whether the config names any jwt-ssot rule for any of the files (even to turn it off). Asking stops at
 * the first file that does; files under the same config entries share one cached answer in CliConfig.
 */
export async function configNamesRules(config: CliConfig, files: readonly string[]): Promise<boolean> {
  for (const file of files) {
    if (Object.keys(await config.ruleEntriesFor(file)).length > 0) return true;
  }
  return false;
}

/** The rules for each file under `source`; one list per distinct config result. */
export function ruleSelector(source: RuleSource, config: CliConfig): (file: string) => Promise<readonly ActiveRule[]> {
  if (source.kind === 'preset') {
    const rules = presetRules(source.preset);
    return async () => rules;
  }
  const byEntries = new WeakMap<object, ActiveRule[]>();
  return async (file) => {
    const entries = await config.ruleEntriesFor(file);
    let rules = byEntries.get(entries);
    if (!rules) {
      rules = activeRules(entries);
      byEntries.set(entries, rules);
    }
    return rules;
  };
}
