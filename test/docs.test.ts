/**
 * Meta-tests for docs/rules/*.md: the doc set equals the rule set, each doc's header, options and samples
 * match the rule's meta, every code block parses, and every example does what its ❌/✅ mark says.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from '@typescript-eslint/typescript-estree';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_ENV, readSettings } from '../packages/engine/index.js';
import plugin from '../packages/plugin/index.js';
import { rules } from '../rules/index.js';

const ROOT = path.join(__dirname, '..');
const DOCS = path.join(ROOT, 'docs', 'rules');
const REQUIRED_H2 = ['Examples', 'Options', 'Settings', 'When Not To Use It', 'Related rules'];
const SETTINGS_KEYS = ['root', 'canonical', 'allow', 'authModules', 'libraries', 'secretEnv'];

/** The README quickstart's settings, rooted at the fixture project (its auth module exists on disk). */
const FIXTURES = path.join(__dirname, 'fixtures');
const SETTINGS = {
  'jwt-ssot': {
    root: FIXTURES,
    canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
    allow: ['test/**'],
    authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }],
  },
};

type RuleId = keyof typeof rules;
const ruleIds = Object.keys(rules).sort() as RuleId[];
const docsOf = (id: RuleId) => rules[id].meta.docs!;

interface CodeBlock {
  readonly lang: string;
  readonly code: string;
  /** The ❌ / ✅ mark of the nearest "Incorrect"/"Correct" line above the block, if any. */
  readonly mark?: 'incorrect' | 'correct';
  readonly section: string;
  readonly line: number;
}

interface Doc {
  readonly text: string;
  readonly lines: readonly string[];
  /** H2 title → its text (up to the next H2). */
  readonly sections: ReadonlyMap<string, string>;
  readonly blocks: readonly CodeBlock[];
}

function readDoc(id: string): Doc {
  const text = fs.readFileSync(path.join(DOCS, `${id}.md`), 'utf8');
  const lines = text.split('\n');
  const sections = new Map<string, string>();
  const blocks: CodeBlock[] = [];
  let section = '';
  let mark: CodeBlock['mark'];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence) {
      const start = index;
      const body: string[] = [];
      for (index++; index < lines.length && !lines[index]!.startsWith('```'); index++) body.push(lines[index]!);
      if (index >= lines.length) throw new Error(`${id}.md:${start + 1}: unclosed code block`);
      blocks.push({ lang: fence[1] ?? '', code: `${body.join('\n')}\n`, mark, section, line: start + 1 });
      if (section) sections.set(section, `${sections.get(section)}${['', ...body, '```'].join('\n')}\n`);
      continue;
    }
    const h2 = /^## (.+)$/.exec(line);
    if (h2) {
      section = h2[1]!.trim();
      sections.set(section, '');
      mark = undefined;
      continue;
    }
    if (/^### /.test(line)) mark = undefined;
    if (line.startsWith('❌')) mark = 'incorrect';
    if (line.startsWith('✅')) mark = 'correct';
    if (section) sections.set(section, `${sections.get(section)}${line}\n`);
  }
  return { text, lines, sections, blocks };
}

function schemaOptions(id: RuleId): Record<string, { default?: unknown }> {
  const schema = rules[id].meta.schema as ReadonlyArray<{ properties?: Record<string, { default?: unknown }> }>;
  return schema[0]?.properties ?? {};
}

/** The header line every doc carries under its description, computed from the rule's meta. */
function expectedPresetLine(id: RuleId): string {
  const { hasSuggestions, fixable } = rules[id].meta;
  const docs = docsOf(id);
  const strict = docs.strictOptions ? `\`strict\` (with \`${JSON.stringify(docs.strictOptions)}\`)` : '`strict`';
  const presets = docs.recommended ? `\`recommended\`, ${strict}` : strict;
  return `> Presets: ${presets} · Suggestions: ${hasSuggestions ? 'yes' : 'no'} · Autofix: ${fixable ? 'yes' : 'no'}`;
}

const linter = new Linter({ cwd: FIXTURES });

function lint(code: string, filename: string): Linter.LintMessage[] {
  return linter.verify(code, [plugin.configs.recommended, { settings: SETTINGS }], { filename: path.join(FIXTURES, filename) });
}

/** An example's file: the `// src/…` comment on its first line, or a neutral file outside the canonical module. */
function exampleFile(block: CodeBlock): string {
  const named = /^\/\/ ((?:[\w.-]+\/)*[\w.-]+\.[cm]?[jt]sx?)\s*$/.exec(block.code.split('\n')[0]!);
  return named?.[1] ?? `src/example.${block.lang}`;
}

const INLINE_CONFIG = /\/\*\s*eslint\s+(jwt-ssot\/[\w-]+)\s*:([\s\S]*?)\*\//g;

describe('rule docs', () => {
  it('has exactly one doc per rule', () => {
    const docs = fs
      .readdirSync(DOCS)
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.slice(0, -3))
      .sort();
    expect(docs).toEqual(ruleIds);
  });

  it('keeps rules/index.ts generated from the rule files', () => {
    expect(() => execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-rules-index.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('lists every rule in the README rules table with its description', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const id of ruleIds) {
      const row = readme.split('\n').find((line) => line.startsWith(`| [\`jwt-ssot/${id}\`](docs/rules/${id}.md)`));
      expect(row, id).toBeDefined();
      const { fixable, hasSuggestions } = rules[id].meta;
      const docs = docsOf(id);
      const [, , description, recommended, strict, fix] = row!.split('|').map((cell) => cell.trim());
      expect(description).toBe(docs.description);
      expect(recommended).toBe(docs.recommended ? 'error' : 'off');
      expect(strict).toMatch(/^error\b/);
      for (const [key, value] of Object.entries(docs.strictOptions ?? {})) expect(strict).toContain(`\`${key}: ${JSON.stringify(value)}\``);
      expect(fix!.includes('autofix'), `${id}: fix column`).toBe(Boolean(fixable));
      expect(fix!.includes('suggestion'), `${id}: suggestion column`).toBe(Boolean(hasSuggestions));
    }
  });

  it('documents every settings key in the README, with the real secretEnv default', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Settings\n'), readme.indexOf('\n## ', readme.indexOf('\n## Settings\n') + 1));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const keyOf = (row: string): string => /^\| `([\w.]+)`/.exec(row)![1]!;
    const documented = rows.map(keyOf).filter((key) => SETTINGS_KEYS.includes(key.split('.')[0]!));
    expect(documented.sort()).toEqual(
      [...SETTINGS_KEYS.filter((key) => key !== 'canonical'), 'canonical.module', 'canonical.exports.verify', 'canonical.exports.decode', 'canonical.importPath', 'canonical.async', 'canonical.returns'].sort(),
    );
    const secretRow = rows.find((row) => keyOf(row) === 'secretEnv')!.replace(/\\\|/g, '|');
    expect(secretRow).toContain(`\`[${DEFAULT_SECRET_ENV.map((pattern) => `'${pattern}'`).join(', ')}]\``);
  });

  it('has a README quickstart whose settings are valid', async () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const quickstart = /```js\n(\/\/ eslint\.config\.js\n[\s\S]*?)```/.exec(readme)![1]!;
    for (const block of readme.matchAll(/```(js|ts)\n([\s\S]*?)```/g)) expect(() => parse(block[2]!), block[2]).not.toThrow();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-readme-'));
    try {
      // Run the quickstart as written, with the package name pointed at this repository's plugin.
      const pluginUrl = pathToFileURL(path.join(ROOT, 'packages', 'plugin', 'index.ts')).href;
      fs.writeFileSync(path.join(dir, 'config.mts'), quickstart.replace("'eslint-plugin-jwt-ssot'", `'${pluginUrl}'`));
      const config = (await import(/* @vite-ignore */ pathToFileURL(path.join(dir, 'config.mts')).href)) as { default: Linter.Config[] };
      const settings = config.default[1]!.settings!;
      expect(() => readSettings(settings, dir)).not.toThrow();
      expect(readSettings(settings, dir).canonical?.file).toBe(path.join(dir, 'src', 'auth', 'jwt-handler.ts'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.each(ruleIds)('%s', (id) => {
    const doc = readDoc(id);

    it('starts with the rule name, its exact description and its presets', () => {
      const [title, blank, description, blank2, presets] = doc.lines;
      expect(title).toBe(`# jwt-ssot/${id}`);
      expect(blank).toBe('');
      expect(description).toBe(docsOf(id).description);
      expect(blank2).toBe('');
      expect(presets).toBe(expectedPresetLine(id));
    });

    it('has the required sections in order', () => {
      const h2 = doc.lines.filter((line) => line.startsWith('## ')).map((line) => line.slice(3).trim());
      expect(h2.filter((title) => REQUIRED_H2.includes(title))).toEqual(REQUIRED_H2);
      const rationale = doc.text.slice(doc.text.indexOf(doc.lines[4]!) + doc.lines[4]!.length, doc.text.indexOf('\n## '));
      expect(rationale.trim().length, 'a rationale paragraph before the first section').toBeGreaterThan(200);
    });

    it('documents exactly the options in the schema, each with its default and a sample', () => {
      const options = schemaOptions(id);
      const section = doc.sections.get('Options') ?? '';
      const headings = [...section.matchAll(/^### (.+)$/gm)].map((match) => match[1]!.trim());
      for (const heading of headings) expect(heading, 'option headings look like ### `name`').toMatch(/^`\w+`$/);
      expect(headings.map((heading) => heading.slice(1, -1)).sort()).toEqual(Object.keys(options).sort());
      if (Object.keys(options).length === 0) {
        expect(section).toContain('This rule has no options.');
        return;
      }
      const parts = section.split(/^### /m).slice(1);
      for (const [name, property] of Object.entries(options)) {
        const part = parts.find((text) => text.startsWith(`\`${name}\``))!;
        expect(part, name).toContain(`Default: \`${JSON.stringify(property.default)}\``);
        const samples = [...part.matchAll(INLINE_CONFIG)];
        expect(samples.length, `a /* eslint jwt-ssot/${id}: … */ sample for ${name}`).toBeGreaterThan(0);
        expect(samples.some((sample) => sample[1] === `jwt-ssot/${id}` && sample[2]!.includes(`"${name}"`))).toBe(true);
      }
    });

    it('has inline-config samples whose options pass the rule schema', () => {
      for (const sample of doc.text.matchAll(INLINE_CONFIG)) {
        expect(sample[1]).toBe(`jwt-ssot/${id}`);
        const messages = lint(`${sample[0]}\n`, 'src/empty.ts');
        expect(messages, sample[0]).toEqual([]);
      }
    });

    it('lists only real settings keys', () => {
      const section = doc.sections.get('Settings') ?? '';
      const keys = [...section.matchAll(/^- `([\w.]+)`/gm)].map((match) => match[1]!.split('.')[0]!);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(SETTINGS_KEYS).toContain(key);
    });

    it('links related rules that exist', () => {
      const links = [...(doc.sections.get('Related rules') ?? '').matchAll(/\]\(\.\/([\w-]+)\.md\)/g)].map((match) => match[1]!);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(ruleIds).toContain(link);
    });

    it('has code blocks that parse', () => {
      const code = doc.blocks.filter((block) => /^(ts|tsx|js|jsx)$/.test(block.lang));
      expect(code.length).toBeGreaterThan(0);
      for (const block of doc.blocks) {
        expect(['ts', 'tsx', 'js', 'jsx', 'json'], `${id}.md:${block.line} names its language`).toContain(block.lang);
      }
      for (const block of code) {
        expect(() => parse(block.code, { jsx: block.lang.endsWith('x'), loc: true }), `${id}.md:${block.line}`).not.toThrow();
      }
    });

    it('has examples that do what their marks say', () => {
      const examples = doc.blocks.filter((block) => block.section === 'Examples');
      expect(examples.some((block) => block.mark === 'incorrect')).toBe(true);
      expect(examples.some((block) => block.mark === 'correct')).toBe(true);
      for (const block of examples) expect(block.mark, `${id}.md:${block.line} is marked ❌ or ✅`).toBeDefined();
      const optionSamples = doc.blocks.filter((block) => block.section === 'Options' && /\/\*\s*eslint\s/.test(block.code));
      for (const block of [...examples, ...optionSamples]) {
        const messages = lint(block.code, exampleFile(block));
        const where = `${id}.md:${block.line} (${exampleFile(block)})`;
        expect(messages.filter((message) => message.fatal || !message.ruleId), where).toEqual([]);
        const own = messages.filter((message) => message.ruleId === `jwt-ssot/${id}`);
        if (block.mark === 'correct') expect(own, where).toEqual([]);
        else expect(own.length, where).toBeGreaterThan(0);
      }
    });

    it('shows its autofix and suggestions on an example, when it has them', () => {
      const { fixable, hasSuggestions } = rules[id].meta;
      const incorrect = doc.blocks.filter((block) => block.section === 'Examples' && block.mark === 'incorrect');
      const correct = doc.blocks.filter((block) => block.section === 'Examples' && block.mark === 'correct').map((block) => block.code);
      const own = (message: Linter.LintMessage): boolean => message.ruleId === `jwt-ssot/${id}`;
      const onlyThisRule: Linter.Config = { ...plugin.configs.recommended, rules: { [`jwt-ssot/${id}`]: 'error' } };
      const suggested = incorrect.some((block) => lint(block.code, exampleFile(block)).some((message) => own(message) && message.suggestions?.length));
      expect(suggested, 'a ❌ example gets a suggestion').toBe(Boolean(hasSuggestions));
      // An autofixed ❌ example must turn into one of the ✅ examples, so the doc shows the fix's result.
      const fixed = incorrect
        .map((block) => linter.verifyAndFix(block.code, [onlyThisRule, { settings: SETTINGS }], { filename: path.join(FIXTURES, exampleFile(block)) }))
        .filter((result) => result.fixed);
      expect(fixed.length > 0, 'a ❌ example gets an autofix').toBe(Boolean(fixable));
      for (const result of fixed) expect(correct).toContain(result.output);
    });
  });
});

describe('CONTRIBUTING.md', () => {
  const text = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');

  it('names only paths that exist, so the map cannot drift from the tree', () => {
    const named = new Set<string>();
    // `packages/engine/resolve.ts`, `test/fixtures/corpus.ts`, `scripts/generate-rules-index.mjs` …
    for (const [, found] of text.matchAll(/`((?:packages|rules|codemods|test|scripts|docs)\/[\w./-]+?)`/g)) named.add(found!);
    // The map's lines: a folder or file at the start of a line, under the folder above it.
    const map = text.slice(text.indexOf('```\n'), text.indexOf('```\n', text.indexOf('```\n') + 4));
    const stack: Array<{ indent: number; dir: string }> = [];
    for (const line of map.split('\n').slice(1)) {
      const match = /^( *)((?:[\w.<>-]+\/)+|[\w.*<>-]+\.(?:ts|mjs|md))(?:,\s*[\w.-]+\.ts)*\s/.exec(line);
      if (!match) continue;
      const indent = match[1]!.length;
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const entry = `${stack.map((level) => level.dir).join('')}${match[2]}`;
      if (entry.endsWith('/')) stack.push({ indent, dir: match[2]! });
      if (!entry.includes('<') && !entry.includes('*')) named.add(entry.replace(/\/$/, ''));
    }
    const missing = [...named].filter((relative) => !fs.existsSync(path.join(ROOT, relative.replace(/<[^>]+>.*$/, ''))));
    expect(missing).toEqual([]);
    expect(named.size).toBeGreaterThan(30);
  });

  it('shows adding a library with the example that exists in the catalogue', () => {
    expect(text).toContain('express-oauth2-jwt-bearer');
    expect(fs.existsSync(path.join(ROOT, 'packages/engine/catalogue/libraries/express-oauth2-jwt-bearer.ts'))).toBe(true);
  });
});
