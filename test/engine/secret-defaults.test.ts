/**
 * The default `secretEnv` patterns: JWT secrets and keys match, other providers' secrets do not, and no
 * pattern nests quantifiers (every environment read of every file is tested against them, so matching
 * must stay linear in the name's length).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_ENV, readSettings } from '../../packages/engine/index.js';

const patterns = readSettings({}, '/project').secretEnv;
const isSecret = (name: string): boolean => patterns.some((pattern) => pattern.test(name));

/** True when a quantified group contains a quantifier itself: `(a+)+`, `(\w*x)*`, `(a|b?){2,}`. */
function nestsQuantifiers(source: string): boolean {
  const groups: boolean[] = [];
  let quantifiedInside = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '(') {
      groups.push(quantifiedInside);
      quantifiedInside = false;
    } else if (char === ')') {
      const inner: boolean = quantifiedInside;
      quantifiedInside = groups.pop() ?? false;
      const next: string | undefined = source[index + 1];
      const quantified: boolean = next === '*' || next === '+' || next === '{' || (next === '?' && inner);
      if (quantified && inner) return true;
      quantifiedInside ||= inner || quantified;
    } else if (char === '*' || char === '+' || char === '{') {
      quantifiedInside = true;
    }
  }
  return false;
}

describe('default secretEnv patterns', () => {
  it('match JWT secrets and keys', () => {
    for (const name of ['JWT_SECRET', 'JWT_PUBLIC_KEY', 'VITE_JWT_KEY', 'JWT_PASSPHRASE', 'AUTH_SECRET', 'NEXTAUTH_SECRET', 'TOKEN_SECRET', 'ACCESS_TOKEN_SECRET', 'REFRESH_TOKEN_PRIVATE_KEY', 'TOKEN_SIGNING_KEY', 'SESSION_SECRET', 'JWKS_PRIVATE_KEY']) {
      expect(isSecret(name), name).toBe(true);
    }
  });

  it("leave JWT configuration and other providers' secrets alone", () => {
    for (const name of ['JWT_EXPIRES_IN', 'JWT_ISSUER', 'STRIPE_WEBHOOK_SIGNING_SECRET', 'COOKIE_SESSION_SECRET', 'EXPRESS_SESSION_SECRET', 'TWITTER_ACCESS_TOKEN_SECRET', 'GITHUB_TOKEN_SECRET', 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', 'AWS_SECRET_ACCESS_KEY']) {
      expect(isSecret(name), name).toBe(false);
    }
  });

  it('nest no quantifiers', () => {
    for (const pattern of DEFAULT_SECRET_ENV) expect(nestsQuantifiers(pattern), pattern).toBe(false);
    // The checker itself tells the shapes that backtrack.
    expect(nestsQuantifiers('/(a+)+$/')).toBe(true);
    expect(nestsQuantifiers('/(\\w*_)*KEY/')).toBe(true);
    expect(nestsQuantifiers('/^((ACCESS|ID)_)?TOKEN$/')).toBe(false);
  });
});
