/**
 * Every evasion in the corpus is linted with `configs.recommended`. A case marked 'caught' must be
 * reported by its rule on its line; a case marked 'gap' must NOT be (so closing a gap fails here until
 * the mark is flipped). docs/security.md must carry the same rate, table and gap list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../packages/engine/index.js';
import { EVASIONS, type EvasionCase } from './corpus.js';
import { caughtRate, extractSection, rateSentence, renderSection } from './report.js';
import { lint, type LintMessage } from './lint.js';

const SECURITY_DOC = path.join(__dirname, '..', '..', 'docs', 'security.md');

const results = new Map<string, LintMessage[]>();
function messagesOf(entry: EvasionCase): LintMessage[] {
  let messages = results.get(entry.id);
  if (!messages) {
    messages = lint(entry.filename, entry.code);
    results.set(entry.id, messages);
  }
  return messages;
}

function isCaught(entry: EvasionCase): boolean {
  return messagesOf(entry).some((message) => message.rule === entry.rule && message.line === entry.line);
}

function describeMessages(messages: readonly LintMessage[]): string {
  return messages.map((message) => `${message.rule}:${message.messageId}@${message.line}`).join(', ') || 'no findings';
}

describe('the evasion corpus', () => {
  it('has at least 60 well-formed cases with unique ids', () => {
    expect(EVASIONS.length).toBeGreaterThanOrEqual(60);
    const ids = EVASIONS.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of EVASIONS) {
      expect(entry.id, entry.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(RULE_IDS, entry.id).toContain(entry.rule);
      expect(entry.line, entry.id).toBeGreaterThanOrEqual(1);
      expect(entry.line, entry.id).toBeLessThanOrEqual(entry.code.split('\n').length);
      // A gap explains itself and its mitigation; a caught case needs no excuse.
      if (entry.expected === 'gap') expect(entry.gapReason?.length ?? 0, entry.id).toBeGreaterThan(20);
      else expect(entry.gapReason, entry.id).toBeUndefined();
    }
  });
});

describe.each(EVASIONS.filter((entry) => entry.expected === 'caught'))('caught: $id', (entry) => {
  it(`is reported by ${entry.rule} on line ${entry.line}`, () => {
    expect(isCaught(entry), `${entry.description}: got ${describeMessages(messagesOf(entry))}`).toBe(true);
  });
});

describe.each(EVASIONS.filter((entry) => entry.expected === 'gap'))('gap: $id', (entry) => {
  it(`is not reported by ${entry.rule} on line ${entry.line} (flip the mark when this fails)`, () => {
    expect(
      isCaught(entry),
      `${entry.id} is now caught: mark it 'caught' in test/evasions/corpus.ts and regenerate docs/security.md (JWT_SSOT_UPDATE_DOCS=1)`,
    ).toBe(false);
  });
});

describe('docs/security.md', () => {
  it('states the caught rate and lists every evasion and gap as the corpus does', () => {
    const expected = renderSection(EVASIONS);
    let document = fs.readFileSync(SECURITY_DOC, 'utf8');
    if (process.env.JWT_SSOT_UPDATE_DOCS === '1') {
      const current = extractSection(document);
      document = current ? document.replace(current, expected) : `${document.trimEnd()}\n\n${expected}\n`;
      fs.writeFileSync(SECURITY_DOC, document);
    }
    const section = extractSection(document);
    expect(section, 'docs/security.md lacks the generated evasion section').toBeDefined();
    expect(section).toBe(expected);
    expect(document).toContain(rateSentence(caughtRate(EVASIONS)));
    for (const gap of EVASIONS.filter((entry) => entry.expected === 'gap')) expect(section).toContain(`| \`${gap.id}\` |`);
  });
});
