import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, LibraryIndex, parseFile, readSettings, verify, object, type LibraryEntry, type Settings } from '../../packages/engine/index.js';

const ROOT = '/project';

// A library the engine has never heard of: every unsafe check it gets comes from this data alone.
const acmeTokens: LibraryEntry = {
  name: 'acme-tokens',
  modules: ['acme-tokens'],
  namespace: object({
    guard: verify({ optionsArg: 0, checks: { algorithmKeys: ['signingAlgorithm'], requiredOption: 'pinned' } }),
    check: verify({ checks: { minArgs: 4, noVerifyFlagArg: 2 } }),
  }),
};

const settings: Settings = { ...readSettings({}, ROOT), libraries: new LibraryIndex([acmeTokens]) };

function unsafeReasons(code: string): Array<[string, number]> {
  const filename = path.join(ROOT, 'src/app.ts');
  const { ast, scopeManager } = parseFile(filename, code);
  return analyzeFile({ ast, scopeManager, filename, text: code, settings }).unsafe.map((site) => [site.reason, site.node.loc.start.line]);
}

describe('unsafe checks declared as catalogue data', () => {
  it("reads the library's own algorithm keys instead of the common ones", () => {
    const code = [
      "import { guard } from 'acme-tokens';",
      "guard({ pinned: true, signingAlgorithm: 'none' });",
      "guard({ pinned: true, algorithms: ['none'] });",
    ].join('\n');
    expect(unsafeReasons(code)).toEqual([['algorithmNone', 2]]);
  });

  it('reports a missing required option only when the options are a literal without a spread', () => {
    const code = ["import { guard } from 'acme-tokens';", 'guard({ audience });', 'guard({ ...defaults });', 'guard(options);', 'guard();'].join('\n');
    expect(unsafeReasons(code)).toEqual([
      ['unpinnedAlgorithms', 2],
      ['unpinnedAlgorithms', 5],
    ]);
  });

  it('reports too few arguments, and a truthy flag argument as an unverified decode', () => {
    const code = ["import { check } from 'acme-tokens';", 'check(token, key);', "check(token, key, false, 'RS256');", 'check(token, key, true);'].join('\n');
    expect(unsafeReasons(code)).toEqual([
      ['unpinnedAlgorithms', 2],
      ['noVerify', 4],
    ]);
  });

  it('records the flagged call as a decode site', () => {
    const code = "import { check } from 'acme-tokens';\ncheck(token, key, true);\n";
    const filename = path.join(ROOT, 'src/app.ts');
    const { ast, scopeManager } = parseFile(filename, code);
    expect(analyzeFile({ ast, scopeManager, filename, text: code, settings }).calls.map((site) => site.kind)).toEqual(['decode']);
  });
});
