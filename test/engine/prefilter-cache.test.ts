import { describe, expect, it } from 'vitest';
import { mightContainSites, prefilterPattern, readSettings } from '../../packages/engine/index.js';

// mightContainSites remembers its last answer (ESLint asks once per rule for the same text); the answer
// must always be the pattern's, whatever the order of texts and settings.
describe('prefilter: last-answer memo', () => {
  const plain = readSettings(undefined, '/project');
  const custom = readSettings({ 'jwt-ssot': { libraries: [{ module: 'acme-tokens', verify: ['check'] }] } }, '/project');
  const withLibrary = "import { check } from 'acme-tokens';\ncheck(t);\n";
  const withJwt = "import jwt from 'jsonwebtoken';\n";
  const clean = 'export const x = new TextDecoder().decode(bytes);\n';

  it('answers like the pattern for every (text, settings) sequence, repeated or not', () => {
    const sequence: Array<[string, ReturnType<typeof readSettings>]> = [
      [withLibrary, plain],
      [withLibrary, plain],
      [withLibrary, custom],
      [withLibrary, custom],
      [withLibrary, plain],
      [clean, custom],
      [withJwt, custom],
      [withJwt, plain],
      [clean, plain],
      [clean, plain],
      // An equal string that is a different object.
      [`${withLibrary.slice(0, 5)}${withLibrary.slice(5)}`, custom],
    ];
    for (const [text, settings] of sequence) {
      expect(mightContainSites(text, settings)).toBe(prefilterPattern(settings).test(text));
    }
    expect(mightContainSites(withLibrary, plain)).toBe(false);
    expect(mightContainSites(withLibrary, custom)).toBe(true);
  });
});
