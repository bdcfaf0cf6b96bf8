/**
 * The proof that the audit may parse with oxc-parser: on every code sample the project has, the findings
 * from oxc's tree equal those from typescript-estree's (the lint rules' parser) — rule, messageId, start,
 * end, data, library, api, kind — and the audit's reports on whole trees (the bench generator's, the
 * audit/ESLint agreement tree) are identical. Each comparison also checks that oxc really parsed the
 * files, so a silent fallback cannot make the test pass by comparing typescript-estree with itself.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseTypescript } from '@typescript-eslint/typescript-estree';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFile, findingsFor, parseFile, readSettings, type ParserName, type Settings } from '../../packages/engine/index.js';
import { scanFiles, type ScanResult } from '../../packages/cli/audit/scan.js';
import { presetRules } from '../../packages/cli/audit/rules.js';
import { CORPUS } from '../fixtures/corpus.js';
import { EVASIONS } from '../evasions/corpus.js';
import { SETTINGS as EVASION_SETTINGS, PROJECT_ROOT as EVASION_ROOT } from '../evasions/lint.js';
import { allSpecs, buildProgram, FILLERS } from '../property/programs.js';
import { FIXTURES, SETTINGS as FIXTURE_SETTINGS, settingsWith } from '../rule-tester.js';
import { AGREEMENT_SETTINGS, AGREEMENT_TREE } from '../cli/agreement-tree.js';
import { REPO, removeTree, writeTree } from '../cli/helpers.js';

/** Every rule, with the strict preset's options. */
const RULES = presetRules('strict');
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/u;

interface Sample {
  readonly file: string;
  readonly code: string;
  readonly settings: Settings;
  readonly options?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** What a finding says, in the audit's terms; the node itself only by its position. */
function findingsWith(sample: Sample, parser: ParserName): { parser: ParserName; findings: unknown[] } {
  const parsed = parseFile(sample.file, sample.code, { preferOxc: parser === 'oxc-parser' });
  const analysis = analyzeFile({ ast: parsed.ast, scopeManager: parsed.scopeManager, filename: sample.file, text: sample.code, settings: sample.settings });
  const findings = RULES.flatMap((rule) =>
    findingsFor(rule.id, analysis, sample.settings, { ...rule.options, ...sample.options?.[rule.id] }).map((finding) => ({
      rule: finding.rule,
      messageId: finding.messageId,
      start: finding.node.loc.start,
      end: finding.node.loc.end,
      range: finding.node.range,
      data: finding.data,
      library: finding.library,
      api: finding.api,
      kind: finding.kind,
      replacement: finding.replacement,
    })),
  );
  return { parser: parsed.parser, findings };
}

/**
 * Compares the two parsers on each sample; returns how many oxc parsed. A sample typescript-estree
 * rejects is no evidence either way and is left out (the scan tests cover errors).
 */
function compareSamples(samples: readonly Sample[]): number {
  let parsedByOxc = 0;
  for (const sample of samples) {
    let reference: ReturnType<typeof findingsWith>;
    try {
      reference = findingsWith(sample, 'typescript-estree');
    } catch {
      continue;
    }
    const candidate = findingsWith(sample, 'oxc-parser');
    expect(candidate.findings, `${sample.file}\n${sample.code}`).toEqual(reference.findings);
    if (candidate.parser === 'oxc-parser') parsedByOxc++;
  }
  return parsedByOxc;
}

function sourceFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFilesUnder(full));
    else if (SOURCE_FILE.test(entry.name)) files.push(full);
  }
  return files.sort();
}

/**
 * The code strings of the rule suites (`code: '…'` and the strings of `valid: […]`), read from the test
 * files' own trees: the RuleTester cases run through ESLint, so this is how the audit's parser meets them.
 */
function ruleTesterCode(): string[] {
  const codes: string[] = [];
  for (const file of sourceFilesUnder(path.join(REPO, 'test/rules'))) {
    const stack: unknown[] = [parseTypescript(fs.readFileSync(file, 'utf8'), { filePath: file })];
    while (stack.length > 0) {
      const node = stack.pop() as Record<string, unknown> | null;
      if (!node || typeof node !== 'object') continue;
      if (node.type === 'Property' && (node.key as { name?: string }).name === 'code') {
        const text = literalText(node.value);
        if (text !== undefined) codes.push(text);
      }
      for (const value of Object.values(node)) if (value && typeof value === 'object') stack.push(value);
    }
  }
  return codes;
}

function literalText(node: unknown): string | undefined {
  const value = node as { type: string; value?: unknown; quasis?: Array<{ value: { cooked: string } }>; expressions?: unknown[] };
  if (value.type === 'Literal' && typeof value.value === 'string') return value.value;
  if (value.type === 'TemplateLiteral' && value.expressions?.length === 0) return value.quasis?.[0]?.value.cooked;
  return undefined;
}

/** Keys only one parser sets, and which nothing downstream reads: oxc's offsets, typescript-estree's tokens. */
const ONE_SIDED_KEYS = new Set(['start', 'end', 'tokens', 'parent']);

/**
 * The first place two trees differ, or undefined. `null` and `undefined` count as equal: typescript-estree
 * leaves absent type annotations undefined where oxc writes null, and the engine tests both as falsy.
 */
function treeDifference(reference: unknown, candidate: unknown, at = 'Program'): string | undefined {
  if (reference === candidate || (reference == null && candidate == null)) return undefined;
  if (reference instanceof RegExp || typeof reference === 'bigint') return String(reference) === String(candidate) ? undefined : at;
  if (typeof reference !== 'object' || typeof candidate !== 'object' || reference === null || candidate === null) {
    return `${at}: ${String(reference)} ≠ ${String(candidate)}`;
  }
  const left = reference as Record<string, unknown>;
  const right = candidate as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (ONE_SIDED_KEYS.has(key)) continue;
    const difference = treeDifference(left[key], right[key], `${at}.${key}`);
    if (difference) return difference;
  }
  return undefined;
}

/** Shapes where the two trees needed care (offsets, locations, ranges); written for this test. */
const ADAPTER_EDGES: ReadonlyArray<{ file: string; code: string }> = [
  {
    file: 'src/unicode.ts',
    code: "// naïve 🤨 — ünïcode before the site\nimport jwt from 'jsonwebtoken';\nconst é = '日本語 🤨'; export const v = (t: string) => jwt.verify(t, é);\n",
  },
  { file: 'src/crlf.ts', code: "import jwt from 'jsonwebtoken';\r\nconst s = 'a\\u2028b';\r\n\r\nexport const v = (t: string) => jwt.decode(t);\r\n" },
  { file: 'src/separators.js', code: "const jwt = require('jsonwebtoken');\u2028const a = 1;\u2029module.exports = (t) => jwt.verify(t, process.env.JWT_SECRET);\n" },
  {
    file: 'src/nest.ts',
    code: [
      "import { Controller, Get, Inject, Param } from '@nestjs/common';",
      "import { JwtService } from '@nestjs/jwt';",
      '@Controller()',
      'export class C {',
      "  constructor(@Inject('jwt') private readonly jwt: JwtService) {}",
      "  @Get() read(@Param('t') /* token */ t: string = 'x', @Param() // next",
      '    u: string) { return this.jwt.verify(t) ?? this.jwt.decode(u); }',
      '}',
      '',
    ].join('\n'),
  },
  {
    file: 'src/view.tsx',
    code: "import jwt from 'jsonwebtoken';\nexport const V = ({ t }: { t: string }) => <p title=\"é\" data-c={jwt.decode(t)}>{'🤨'} text<br /><>x</></p>;\n",
  },
  { file: 'src/module.mjs', code: "(async () => {\n  const { default: lib } = await import('jsonwebtoken');\n  lib.verify(process.argv[2], 'k');\n})();\n" },
  { file: 'src/legacy.cts', code: "import jwt = require('jsonwebtoken');\nexport = { v: (t: string) => jwt.verify(t, 'k', { ignoreExpiration: true }) };\n" },
  {
    file: 'src/shapes.ts',
    code: [
      "import * as jose from 'jose';",
      'const re = /[\\u{1F600}]+/gu, big = 12n, n = 0x1f;',
      "const o = { 'é': 1, [`k${n}`]: 2, get g() { return 1; } } satisfies object as unknown;",
      'export async function f(t: string, key: CryptoKey) {',
      '  const r = await (jose).jwtVerify((t), key, { algorithms: [("none")] });',
      '  return r?.payload?.["sub"]! ?? (jose.decodeJwt)(t);',
      '}',
      'enum E { A = 1 } namespace N { export const a = 1; } declare module "m" { export const b: 1; }',
      '',
    ].join('\n'),
  },
];

describe('oxc-parser and typescript-estree give the audit the same findings', () => {
  it('on every sample of the rule corpus', () => {
    const samples = CORPUS.map((sample) => ({
      file: path.join(FIXTURES, sample.filename),
      code: sample.code,
      settings: readSettings(settingsWith(sample.settings), FIXTURES),
      options: sample.options,
    }));
    expect(compareSamples(samples)).toBe(samples.length);
  });

  it('on every case of the evasion corpus', () => {
    const settings = readSettings(EVASION_SETTINGS, EVASION_ROOT);
    const samples = EVASIONS.map((sample) => ({ file: path.join(EVASION_ROOT, sample.filename), code: sample.code, settings }));
    expect(compareSamples(samples)).toBe(samples.length);
  });

  it('on every source file of the fixtures and the golden-path example', () => {
    const settings = readSettings(FIXTURE_SETTINGS, FIXTURES);
    const files = [...sourceFilesUnder(FIXTURES), ...sourceFilesUnder(path.join(REPO, 'packages/golden-path-example'))];
    const samples = files.map((file) => ({ file, code: fs.readFileSync(file, 'utf8').replace(/^\uFEFF/u, ''), settings }));
    expect(samples.length).toBeGreaterThan(100);
    expect(compareSamples(samples)).toBeGreaterThan(samples.length * 0.95);
  });

  it('on the code of every RuleTester case', () => {
    const settings = readSettings(FIXTURE_SETTINGS, FIXTURES);
    const codes = ruleTesterCode();
    expect(codes.length).toBeGreaterThan(100);
    const samples = codes.flatMap((code) => [
      { file: path.join(FIXTURES, 'src/app.ts'), code, settings },
      { file: path.join(FIXTURES, 'src/app.tsx'), code, settings },
    ]);
    expect(compareSamples(samples)).toBeGreaterThan(samples.length * 0.9);
  });

  it('on every program the property tests generate', () => {
    const settings = readSettings(EVASION_SETTINGS, EVASION_ROOT);
    // Every third combination (the whole set takes tens of seconds), each with its own fillers.
    const specs = allSpecs()
      .filter((_, index) => index % 3 === 0)
      .map((spec, index) => ({ ...spec, before: [index % FILLERS.length], after: [(index + 3) % FILLERS.length] }));
    const samples = specs.map((spec, index) => ({ file: path.join(EVASION_ROOT, `src/p${index}.ts`), code: buildProgram(spec).code, settings }));
    expect(samples.length).toBeGreaterThan(100);
    expect(compareSamples(samples)).toBe(samples.length);
  });

  it('on the shapes the adapter rewrites (offsets, line ends, decorated parameters, JSX, module kinds)', () => {
    const settings = readSettings(FIXTURE_SETTINGS, FIXTURES);
    const samples = ADAPTER_EDGES.map((sample) => ({ file: path.join(FIXTURES, sample.file), code: sample.code, settings }));
    expect(compareSamples(samples)).toBe(samples.length);
  });
});

describe('oxc-parser and typescript-estree build the same tree', () => {
  it('for the shapes the adapter rewrites and every sample of the rule corpus', () => {
    const samples = [...ADAPTER_EDGES, ...CORPUS.map((sample) => ({ file: sample.filename, code: sample.code }))];
    for (const sample of samples) {
      const reference = parseFile(sample.file, sample.code, { preferOxc: false });
      const candidate = parseFile(sample.file, sample.code, { preferOxc: true });
      expect(candidate.parser, sample.file).toBe('oxc-parser');
      expect(treeDifference(reference.ast, candidate.ast), `${sample.file}\n${sample.code}`).toBeUndefined();
    }
  });
});

describe('the audit reports the same on whole trees with either parser', () => {
  const made: string[] = [];
  afterAll(() => made.forEach(removeTree));

  async function scanBoth(root: string, settings: Settings): Promise<Record<ParserName, ScanResult>> {
    const files = sourceFilesUnder(path.join(root, 'src'));
    const scan = (parser: ParserName) => scanFiles({ files, root, settingsFor: async () => settings, preset: 'strict', parser });
    return { 'typescript-estree': await scan('typescript-estree'), 'oxc-parser': await scan('oxc-parser') };
  }

  it('on a generated benchmark tree', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-differential-')));
    made.push(root);
    execFileSync(process.execPath, [path.join(REPO, 'scripts/bench/generate.mjs'), '--files', '400', '--seed', '14', '--out', root]);
    const settings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } } } }, root);
    const result = await scanBoth(root, settings);
    const reference = result['typescript-estree'];
    const candidate = result['oxc-parser'];
    expect(reference.violations.length).toBeGreaterThan(5);
    expect(candidate.filesParsedWithOxc).toBe(candidate.filesParsed);
    expect(reference.filesParsedWithOxc).toBe(0);
    expect({ ...candidate, filesParsedWithOxc: 0 }).toEqual(reference);
  }, 120_000);

  it('on the audit/ESLint agreement tree (every file flavour, suppressions, BOM, CRLF)', async () => {
    const root = writeTree(AGREEMENT_TREE, 'jwt-ssot-differential-');
    made.push(root);
    const result = await scanBoth(root, readSettings({ 'jwt-ssot': AGREEMENT_SETTINGS }, root));
    const candidate = result['oxc-parser'];
    expect(result['typescript-estree'].violations.length).toBeGreaterThan(5);
    expect(candidate.filesParsedWithOxc).toBeGreaterThan(candidate.filesParsed / 2);
    expect({ ...candidate, filesParsedWithOxc: 0 }).toEqual(result['typescript-estree']);
  });
});

describe('a file oxc-parser rejects', () => {
  // TypeScript reports the modifier order as a grammar diagnostic and still builds the tree; oxc refuses it.
  const code = [
    "import jwt from 'jsonwebtoken';",
    'export abstract class Reader {',
    '  abstract protected key(): string;',
    '  read(t: string) { return jwt.verify(t, this.key()); }',
    '}',
    '',
  ].join('\n');

  it('is parsed by typescript-estree and analysed all the same', () => {
    const file = path.join(FIXTURES, 'src/reader.ts');
    const parsed = parseFile(file, code, { preferOxc: true });
    expect(parsed.parser).toBe('typescript-estree');
    const settings = readSettings(FIXTURE_SETTINGS, FIXTURES);
    const analysis = analyzeFile({ ast: parsed.ast, scopeManager: parsed.scopeManager, filename: file, text: code, settings });
    expect(findingsFor('no-direct-verify', analysis, settings).map((finding) => [finding.messageId, finding.node.loc.start])).toEqual([
      ['directVerify', { line: 4, column: 27 }],
    ]);
  });

  it('is reported by the audit, next to a file oxc parsed', async () => {
    const root = writeTree({ 'src/reader.ts': code, 'src/plain.ts': "import jwt from 'jsonwebtoken';\nexport const d = (t: string) => jwt.decode(t);\n" }, 'jwt-ssot-fallback-');
    try {
      const settings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } } } }, root);
      const result = await scanFiles({ files: [path.join(root, 'src/plain.ts'), path.join(root, 'src/reader.ts')], root, settingsFor: async () => settings, parser: 'oxc-parser' });
      expect(result.errors).toEqual([]);
      expect(result.filesParsed).toBe(2);
      expect(result.filesParsedWithOxc).toBe(1);
      expect(result.violations.map((violation) => [violation.file, violation.messageId, violation.line, violation.column])).toEqual([
        ['src/plain.ts', 'libraryImport', 1, 1],
        ['src/plain.ts', 'directDecode', 2, 33],
        ['src/reader.ts', 'libraryImport', 1, 1],
        ['src/reader.ts', 'directVerify', 4, 28],
      ]);
    } finally {
      removeTree(root);
    }
  });
});
