/** `canonical.exports.verify` as one name or a list: validated with errors that name the entry, resolved to `verifyFunctions`. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCanonical, readSettings } from '../../packages/engine/index.js';

const ROOT = path.join(__dirname, '../fixtures');
const read = (verify: unknown) => readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/tokens.ts', exports: { verify, decode: 'decodeToken' } } } }, ROOT);

describe('canonical.exports.verify', () => {
  it('one name: verifyFunctions lists it, exports.verify keeps it', () => {
    const canonical = read('validateToken').canonical!;
    expect(canonical.verifyFunctions).toEqual(['validateToken']);
    expect(canonical.exports).toEqual({ verify: 'validateToken', decode: 'decodeToken' });
  });

  it('a list: verifyFunctions in settings order, exports.verify is the first', () => {
    const canonical = read(['validateAccessToken', 'validateRefreshToken']).canonical!;
    expect(canonical.verifyFunctions).toEqual(['validateAccessToken', 'validateRefreshToken']);
    expect(canonical.exports.verify).toBe('validateAccessToken');
  });

  it('messages name every verify function', () => {
    expect(describeCanonical(read(['validateAccessToken', 'validateRefreshToken']), 'verify')).toBe('validateAccessToken / validateRefreshToken from src/auth/tokens.ts');
    expect(describeCanonical(read('validateToken'), 'verify')).toBe('validateToken from src/auth/tokens.ts');
  });

  const invalid: Array<[string, unknown, string]> = [
    ['an empty list', [], "Invalid settings['jwt-ssot'].canonical.exports.verify: expected a non-empty string or a non-empty array of strings, got an empty array"],
    ['a list with a non-string entry', ['validateAccessToken', 7], "Invalid settings['jwt-ssot'].canonical.exports.verify[1]: expected a non-empty string, got a number"],
    ['a list with an empty name', ['validateAccessToken', ''], "Invalid settings['jwt-ssot'].canonical.exports.verify[1]: expected a non-empty string, got the string \"\""],
    ['a name listed twice', ['validateAccessToken', 'validateAccessToken'], 'Invalid settings[\'jwt-ssot\'].canonical.exports.verify: "validateAccessToken" is listed twice'],
    ['neither a name nor a list', { access: 'validateAccessToken' }, "Invalid settings['jwt-ssot'].canonical.exports.verify: expected a non-empty string, got an object"],
  ];
  for (const [name, verify, message] of invalid) {
    it(`rejects ${name}`, () => {
      expect(() => read(verify)).toThrow(message);
    });
  }
});
