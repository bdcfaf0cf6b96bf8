/**
 * The editor and the codemod make the same rewrite: every sample of the rule corpus (and of the evasion
 * corpus) is linted with the plugin and migrated with the core, and for each site the rule's suggestion
 * is exactly migrate's call rewrite (its import aside, which the two place the same way but the
 * codemod may merge with clean-ups), or both decline. Where migrate leaves a follow-up, a suggestion is
 * allowed only with the "after checking" message that carries the check.
 */
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../packages/plugin/index.js';
import { readSettings, type Settings } from '../../packages/engine/index.js';
import { applyEdits, MigrationProject, type SiteOutcome } from '../../packages/rewrite/index.js';
import { CORPUS } from '../fixtures/corpus.js';
import { EVASIONS } from '../evasions/corpus.js';
import { PROJECT_ROOT, SETTINGS as EVASION_SETTINGS } from '../evasions/lint.js';
import { FIXTURES, settingsWith } from '../rule-tester.js';

interface Case {
  readonly label: string;
  readonly file: string;
  readonly code: string;
  readonly rawSettings: Record<string, unknown>;
  readonly cwd: string;
}

const MESSAGE_IDS: Record<SiteOutcome['rule'], { replace: string; afterCheck: string }> = {
  'no-direct-verify': { replace: 'useCanonicalVerify', afterCheck: 'useCanonicalVerifyAfterCheck' },
  'no-direct-decode': { replace: 'useCanonicalDecode', afterCheck: 'useCanonicalDecodeAfterCheck' },
};

/** The text without the lines that import the canonical module (added or merged into). */
function withoutCanonicalImport(text: string, settings: Settings): string {
  const stem = path.basename(settings.canonical!.module).replace(/\.[cm]?[jt]sx?$/, '');
  return text
    .split('\n')
    .filter((line) => !(line.includes(stem) && /\b(import|require)\b/.test(line)))
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .replace(/^\n/, '');
}

function checkAgreement(testCase: Case): number {
  const settings = readSettings(testCase.rawSettings, testCase.cwd);
  const linter = new Linter({ cwd: testCase.cwd });
  const config: Linter.Config[] = [plugin.configs.recommended as Linter.Config, { settings: testCase.rawSettings }];
  const messages = linter.verify(testCase.code, config, { filename: testCase.file });
  const result = new MigrationProject(settings).migrate(testCase.file, testCase.code);
  let compared = 0;
  for (const site of result.sites) {
    const label = `${testCase.label}: ${site.rule} at ${site.line}:${site.column + 1}`;
    const message = messages.find((candidate) => candidate.ruleId === `jwt-ssot/${site.rule}` && candidate.line === site.line && candidate.column === site.column + 1);
    expect(message, label).toBeDefined();
    const suggestions = message!.suggestions ?? [];
    if (!site.rewrite) {
      expect(suggestions, `${label}: migrate declines (${site.reason}), so must the rule`).toEqual([]);
      continue;
    }
    expect(suggestions, label).toHaveLength(1);
    const [suggestion] = suggestions;
    const ids = MESSAGE_IDS[site.rule];
    if (site.outcome === 'rewritten') {
      expect(suggestion!.messageId, label).toBe(ids.replace);
    } else {
      expect(suggestion!.messageId, `${label}: a follow-up (${site.reason}) is offered only with its check`).toBe(ids.afterCheck);
      expect(suggestion!.desc, label).toContain(site.check!);
    }
    const suggested = applyEdits(testCase.code, [{ start: suggestion!.fix.range[0], end: suggestion!.fix.range[1], text: suggestion!.fix.text }]);
    const migrated = applyEdits(testCase.code, site.rewrite);
    expect(withoutCanonicalImport(suggested, settings), label).toBe(withoutCanonicalImport(migrated, settings));
    compared++;
  }
  // No suggestion without a site migrate planned.
  const suggested = messages.filter((message) => (message.suggestions ?? []).length > 0).length;
  expect(suggested, testCase.label).toBe(result.sites.filter((site) => site.rewrite).length);
  return compared;
}

describe('rule suggestions and migrate make the same rewrite', () => {
  it(`on every sample of the rule corpus (${CORPUS.length})`, () => {
    let compared = 0;
    for (const sample of CORPUS) {
      compared += checkAgreement({
        label: `${sample.name} (${sample.filename})`,
        file: path.join(FIXTURES, sample.filename),
        code: sample.code,
        rawSettings: settingsWith(sample.settings ?? {}),
        cwd: FIXTURES,
      });
    }
    // The corpus exercises suggestions, not only declines.
    expect(compared).toBeGreaterThan(40);
  });

  it('on every sample of the rule corpus with an async canonical function (settings canonical.async)', () => {
    let compared = 0;
    for (const sample of CORPUS) {
      const rawSettings = settingsWith(sample.settings ?? {});
      const canonical = rawSettings['jwt-ssot'].canonical as Record<string, unknown> | undefined;
      if (canonical) rawSettings['jwt-ssot'].canonical = { ...canonical, async: true };
      compared += checkAgreement({ label: `${sample.name} (async)`, file: path.join(FIXTURES, sample.filename), code: sample.code, rawSettings, cwd: FIXTURES });
    }
    expect(compared).toBeGreaterThan(20);
  });

  it(`on every case of the evasion corpus (${EVASIONS.length})`, () => {
    let compared = 0;
    for (const evasion of EVASIONS) {
      compared += checkAgreement({
        label: evasion.id,
        file: path.join(PROJECT_ROOT, evasion.filename),
        code: evasion.code,
        rawSettings: EVASION_SETTINGS,
        cwd: PROJECT_ROOT,
      });
    }
    expect(compared).toBeGreaterThan(5);
  });
});
