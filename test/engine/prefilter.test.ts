import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, mightContainSites, parseFile, readSettings, type FileAnalysis } from '../../packages/engine/index.js';
import { CORPUS } from '../fixtures/corpus.js';
import { rules } from '../../rules/index.js';
import { FIXTURES, SETTINGS, settingsWith } from '../rule-tester.js';

function analyse(filename: string, code: string, extra?: Readonly<Record<string, unknown>>) {
  const settings = readSettings(settingsWith(extra), FIXTURES);
  const file = path.join(FIXTURES, filename);
  const { ast, scopeManager } = parseFile(file, code);
  return { settings, analysis: analyzeFile({ ast, scopeManager, filename: file, text: code, settings }) };
}

function findsAnything(analysis: FileAnalysis): boolean {
  return (
    analysis.calls.length + analysis.imports.length + analysis.secrets.length + analysis.unsafe.length > 0 ||
    (analysis.mentionsJwt && analysis.unresolvedModules.length > 0)
  );
}

describe('prefilter never drops a real site', () => {
  for (const sample of CORPUS) {
    it(sample.name, () => {
      const { settings, analysis } = analyse(sample.filename, sample.code, sample.settings);
      // Every corpus sample is there because some rule reports on it, so the engine must find something…
      expect(findsAnything(analysis)).toBe(true);
      // …and the prefilter must let the file through.
      expect(mightContainSites(sample.code, settings)).toBe(true);
    });
  }
});

describe('prefilter drops look-alike files', () => {
  const lookAlikes: Array<[string, string]> = [
    ['argon2 password check', "import argon2 from 'argon2';\nexport const ok = (hash: string, pw: string) => argon2.verify(hash, pw);\n"],
    ['TextDecoder', 'export const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);\n'],
    ['crypto.verify', "import crypto from 'node:crypto';\ncrypto.verify('sha256', data, key, signature);\n"],
    ['a local verify on a token-free object', 'const signer = { verify: (x: string) => x };\nsigner.verify(input);\n'],
    ['an unrelated require of a computed name', "const plugin = require(name);\nplugin.verify(token);\n"],
  ];
  for (const [name, code] of lookAlikes) {
    it(name, () => {
      const { settings, analysis } = analyse('src/lookalike.ts', code);
      expect(mightContainSites(code, settings)).toBe(false);
      // Consistency: the engine agrees there is nothing to report.
      expect(findsAnything(analysis)).toBe(false);
    });
  }

  it('lets through a module name that only a settings.libraries entry knows', () => {
    const code = "import { check } from 'acme-tokens';\ncheck(t);\n";
    expect(mightContainSites(code, readSettings(settingsWith(), FIXTURES))).toBe(false);
    const { settings, analysis } = analyse('src/custom.ts', code, { libraries: [{ module: 'acme-tokens', verify: ['check'] }] });
    expect(analysis.calls).toHaveLength(1);
    expect(mightContainSites(code, settings)).toBe(true);
  });

  it('lets through a private auth-module path', () => {
    const code = "import { sessionTtl } from './auth/internal/session';\n";
    expect(mightContainSites(code, readSettings(settingsWith(), FIXTURES))).toBe(true);
  });
});

describe('rules register no listeners on files the prefilter rules out', () => {
  const contextFor = (text: string) =>
    ({
      id: 'rule',
      settings: SETTINGS,
      cwd: FIXTURES,
      filename: path.join(FIXTURES, 'src/app.ts'),
      options: [],
      sourceCode: { text, parserServices: undefined },
    }) as unknown as Parameters<(typeof rules)[keyof typeof rules]['create']>[0];

  for (const [id, rule] of Object.entries(rules)) {
    it(id, () => {
      const create = rule.create as (context: unknown) => Record<string, unknown>;
      expect(Object.keys(create(contextFor('export const add = (a: number, b: number) => a + b;\n')))).toEqual([]);
      expect(Object.keys(create(contextFor("import jwt from 'jsonwebtoken';\n")))).toEqual(['Program']);
    });
  }
});
