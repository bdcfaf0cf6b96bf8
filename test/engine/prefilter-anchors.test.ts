import { describe, expect, it } from 'vitest';
import { mightContainSites, prefilterPattern, readSettings } from '../../packages/engine/index.js';
import { anchorsOf } from '../../packages/engine/prefilter.js';

// The word test first looks for a few short anchors, then for the words; every word must hold an anchor,
// or a file naming that word would be dropped.
describe('prefilter anchors', () => {
  it('keeps the shortest literal that each longer one contains, case-insensitively', () => {
    expect(anchorsOf(['@fastify/jwt', 'jwt', 'jwtVerify', 'jose', '@panva/jose', 'JSONWebToken', 'jsonwebtoken/verify'])).toEqual(['jwt', 'jose', 'JSONWebToken']);
  });

  it('never folds a non-ASCII literal into another', () => {
    expect(anchorsOf(['jwt', 'ünïcode-jwt'])).toEqual(['jwt', 'ünïcode-jwt']);
  });

  it('lets through every module name and custom library as the plain word test does', () => {
    const settings = readSettings(
      { 'jwt-ssot': { libraries: [{ module: 'Acme-Tokens', verify: ['check'] }], authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }] } },
      '/project',
    );
    const names = [...settings.libraries.moduleNames, 'ACME-TOKENS', 'internal', 'request.jwtVerify()', 'app.jwt.verify(t)'];
    for (const name of names) {
      const text = `// ${name}\nexport const x = 1;\n`;
      expect(prefilterPattern(settings).test(text)).toBe(true);
      expect(mightContainSites(text, settings), name).toBe(true);
    }
    expect(mightContainSites('// acme\nexport const x = 1;\n', settings)).toBe(false);
  });
});
