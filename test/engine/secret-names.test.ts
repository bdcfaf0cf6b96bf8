/** Secret-name matching does bounded work per name, whatever the patterns, and agrees with the patterns on real names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFile, parseFile, readSettings } from '../../packages/engine/index.js';
import { mightContainSites } from '../../packages/engine/prefilter.js';
import { isSecretName, MAX_SECRET_NAME_LENGTH } from '../../packages/engine/secret-names.js';

/** A pattern that records the length of every string it is tested on. */
class RecordingPattern extends RegExp {
  static longest = 0;
  override test(input: string): boolean {
    RecordingPattern.longest = Math.max(RecordingPattern.longest, input.length);
    return super.test(input);
  }
}

describe('isSecretName', () => {
  it('agrees with the patterns on names up to the length limit', () => {
    const patterns = readSettings(undefined, '/project').secretEnv;
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z_]{1,80}$/), (name) => {
        expect(isSecretName(name, patterns)).toBe(patterns.some((pattern) => new RegExp(pattern.source, pattern.flags).test(name)));
      }),
      { seed: 42 },
    );
    expect(isSecretName('JWT_SECRET', patterns)).toBe(true);
    expect(isSecretName('PORT', patterns)).toBe(false);
  });

  it('resets lastIndex, so a /g pattern gives the same answer every time', () => {
    const patterns = [/SECRET/g];
    expect([isSecretName('A_SECRET', patterns), isSecretName('B_SECRET', patterns), isSecretName('C_SECRET', patterns)]).toEqual([true, true, true]);
  });

  it('never hands a pattern more than the limit, in the engine and the prefilter, for a crafted 200 KB name', () => {
    RecordingPattern.longest = 0;
    const settings = readSettings({ secretEnv: [] }, '/project');
    const patterns = [new RecordingPattern('JWT.*(SECRET|KEY|PASS)', 'i')];
    const crafted = { ...settings, secretEnv: patterns };
    const name = `JWT_SECRET_${'JWT'.repeat(70_000)}`;
    const text = `export const value = process.env['${name}'];\nexport const other = process.env.${name};\n`;
    expect(mightContainSites(text, crafted)).toBe(true);
    const { ast, scopeManager } = parseFile('/project/a.ts', text);
    const analysis = analyzeFile({ ast, scopeManager, filename: '/project/a.ts', text, settings: crafted });
    expect(analysis.secrets.map((secret) => secret.name.length)).toEqual([name.length, name.length]);
    expect(RecordingPattern.longest).toBe(MAX_SECRET_NAME_LENGTH);
  });
});
