/**
 * Meta-tests for the plugin object: every rule is exported, the presets are derived from meta.docs and
 * work on their own with ESLint, and every rule's meta follows the conventions (messages, ids, docs url).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../packages/plugin/index.js';
import { rules } from '../rules/index.js';
import { DOCS_BASE_URL } from '../rules/utils/create-rule.js';
import { DEFAULT_RULE_OPTIONS, RULE_IDS } from '../packages/engine/index.js';
import { RULE_FINDINGS } from '../packages/engine/findings/index.js';

const ROOT = path.join(__dirname, '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  repository: { url: string };
};

type RuleId = keyof typeof rules;
const ruleIds = Object.keys(rules).sort() as RuleId[];
const docsOf = (id: RuleId) => rules[id].meta.docs!;
const PRESETS = ['recommended', 'strict'] as const;

const SETTINGS = {
  'jwt-ssot': {
    root: FIXTURES,
    canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
  },
};

interface Sample {
  readonly file: string;
  readonly code: string;
  /** rule id, line, column of each expected finding. */
  readonly expected: ReadonlyArray<readonly [string, number, number]>;
}

// One sample per file flavour: the presets must parse and analyse each of them without extra config.
const SAMPLES: readonly Sample[] = [
  {
    file: 'src/routes/orders.ts',
    code: [
      "import jwt from 'jsonwebtoken';",
      '',
      'export function orderOwner(token: string): string {',
      "  const claims = jwt.verify(token, 'orders-key', { algorithms: ['HS256'] }) as { sub: string };",
      '  return claims.sub;',
      '}',
      '',
    ].join('\n'),
    expected: [
      ['jwt-ssot/no-auth-import-bypass', 1, 1],
      ['jwt-ssot/no-direct-verify', 4, 18],
    ],
  },
  {
    file: 'src/routes/invoices.js',
    code: [
      "import { decodeJwt } from 'jose';",
      '',
      'export const invoiceTenant = (token) => decodeJwt(token).tenant;',
      '',
    ].join('\n'),
    expected: [
      ['jwt-ssot/no-auth-import-bypass', 1, 1],
      ['jwt-ssot/no-direct-decode', 3, 41],
    ],
  },
  {
    file: 'src/legacy/session.cjs',
    code: [
      "const { verify } = require('jsonwebtoken');",
      '',
      'module.exports = function session(token) {',
      '  return verify(token, process.env.SESSION_SECRET, { ignoreExpiration: true });',
      '};',
      '',
    ].join('\n'),
    expected: [
      ['jwt-ssot/no-auth-import-bypass', 1, 20],
      ['jwt-ssot/no-direct-verify', 4, 10],
      ['jwt-ssot/no-jwt-secret-access', 4, 24],
      ['jwt-ssot/no-unsafe-verify-options', 4, 54],
    ],
  },
  {
    file: 'src/ui/Greeting.tsx',
    code: [
      "import { jwtDecode } from 'jwt-decode';",
      '',
      'export function Greeting({ token }: { token: string }) {',
      '  const { name } = jwtDecode<{ name: string }>(token);',
      '  return <p className="greeting">Hello {name}</p>;',
      '}',
      '',
    ].join('\n'),
    expected: [
      ['jwt-ssot/no-auth-import-bypass', 1, 1],
      ['jwt-ssot/no-direct-decode', 4, 20],
    ],
  },
];

function positions(messages: readonly Linter.LintMessage[]): Array<[string | null, number, number]> {
  return messages.map((message) => [message.ruleId, message.line, message.column]);
}

describe('plugin exports', () => {
  it('exports every rule file under its id, and nothing else', async () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'rules'))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.slice(0, -3))
      .sort();
    expect(Object.keys(plugin.rules).sort()).toEqual(files);
    for (const id of files) {
      const module = (await import(/* @vite-ignore */ pathToFileURL(path.join(ROOT, 'rules', `${id}.ts`)).href)) as { default: unknown };
      expect(plugin.rules[id as RuleId], id).toBe(module.default);
    }
  });

  it('has one engine findings module per rule, and the registry lists exactly those', () => {
    const modules = fs
      .readdirSync(path.join(ROOT, 'packages/engine/findings'))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && file !== 'define.ts')
      .map((file) => file.slice(0, -3))
      .sort();
    expect(modules).toEqual(ruleIds);
    expect(RULE_FINDINGS.map((module) => module.id)).toEqual(ruleIds);
    expect([...RULE_IDS]).toEqual(ruleIds);
  });

  it('builds each schema and defaultOptions from the options the findings module declares, once', () => {
    for (const module of RULE_FINDINGS) {
      const schema = rules[module.id].meta.schema as ReadonlyArray<{ properties?: Record<string, unknown> }>;
      expect(schema[0]!.properties, module.id).toEqual(module.options);
      const defaults = Object.fromEntries(Object.entries(module.options as Record<string, { default: unknown }>).map(([name, option]) => [name, option.default]));
      expect(rules[module.id].defaultOptions, module.id).toEqual([defaults]);
      expect(DEFAULT_RULE_OPTIONS[module.id], module.id).toEqual(defaults);
    }
    // The declared defaults are what a rule applies when the user gives no options.
    expect(DEFAULT_RULE_OPTIONS['no-direct-verify']).toEqual({ checkSign: false });
    expect(DEFAULT_RULE_OPTIONS['no-auth-import-bypass']).toEqual({ allowTypeImports: true });
  });

  it('names itself after the package', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'jwt-ssot' });
  });
});

describe('presets', () => {
  it('builds recommended from meta.docs.recommended, as errors', () => {
    const expected = Object.fromEntries(ruleIds.filter((id) => docsOf(id).recommended).map((id) => [`jwt-ssot/${id}`, 'error']));
    expect(plugin.configs.recommended.rules).toEqual(expected);
  });

  it('builds strict from every rule, with its strictOptions', () => {
    const expected = Object.fromEntries(
      ruleIds.map((id) => {
        const { strictOptions } = docsOf(id);
        return [`jwt-ssot/${id}`, strictOptions ? ['error', strictOptions] : 'error'];
      }),
    );
    expect(plugin.configs.strict.rules).toEqual(expected);
    // strictOptions must be real options of the rule, not drift from its schema.
    for (const id of ruleIds) {
      const properties = (rules[id].meta.schema as ReadonlyArray<{ properties?: object }>)[0]?.properties ?? {};
      for (const key of Object.keys(docsOf(id).strictOptions ?? {})) expect(Object.keys(properties), id).toContain(key);
    }
  });

  it.each(PRESETS)('%s is named and self-contained', (preset) => {
    const config = plugin.configs[preset];
    expect(config.name).toBe(`jwt-ssot/${preset}`);
    expect(config.files).toEqual(['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}']);
    expect(config.plugins?.['jwt-ssot']).toBe(plugin);
    const parser = config.languageOptions?.parser as { parseForESLint?: typeof tsParser.parseForESLint; meta?: { name?: string; version?: string } } | undefined;
    expect(parser, 'the preset brings @typescript-eslint/parser').toBeDefined();
    // A stand-in that loads the real parser on first use (packages/plugin/lazy-parser.ts): same meta, same trees.
    expect(parser?.meta).toEqual(tsParser.meta);
    const code = 'import jwt from "jsonwebtoken";\nexport const f = (t: string): unknown => jwt.decode(t);\n';
    const options = { filePath: 'sample.ts', range: true, loc: true, comment: true, tokens: true, ecmaVersion: 'latest' as const, sourceType: 'module' as const };
    expect(parser?.parseForESLint?.(code, options).ast).toEqual(tsParser.parseForESLint(code, options).ast);
  });

  describe.each(PRESETS)('%s on its own', (preset) => {
    it.each(SAMPLES)('lints $file with Linter', (sample) => {
      const linter = new Linter({ cwd: FIXTURES });
      const messages = linter.verify(sample.code, [plugin.configs[preset]], { filename: path.join(FIXTURES, sample.file) });
      expect(positions(messages)).toEqual(sample.expected);
    });

    it.each(SAMPLES)('lints $file with the ESLint class and settings', async (sample) => {
      const eslint = new ESLint({ cwd: FIXTURES, overrideConfigFile: true, overrideConfig: [plugin.configs[preset], { settings: SETTINGS }] });
      const [result] = await eslint.lintText(sample.code, { filePath: path.join(FIXTURES, sample.file) });
      expect(result!.messages.filter((message) => message.fatal)).toEqual([]);
      expect(positions(result!.messages)).toEqual(sample.expected);
      // The bypass rules name the canonical replacement from the settings.
      for (const message of result!.messages.filter((m) => m.ruleId !== 'jwt-ssot/no-unsafe-verify-options')) {
        expect(message.message).toContain('src/auth/jwt-handler.ts');
      }
    });
  });

  it('strict adds sign calls and type-only imports that recommended leaves alone', () => {
    const code = ["import type { JwtPayload } from 'jsonwebtoken';", "import { sign } from 'jsonwebtoken';", '', "export const mint = (claims: JwtPayload) => sign(claims, 'k', { algorithm: 'HS256' });", ''].join('\n');
    const filename = path.join(FIXTURES, 'src/routes/mint.ts');
    const lint = (preset: (typeof PRESETS)[number]) => positions(new Linter({ cwd: FIXTURES }).verify(code, [plugin.configs[preset], { settings: SETTINGS }], { filename }));
    expect(lint('recommended')).toEqual([['jwt-ssot/no-auth-import-bypass', 2, 1]]);
    expect(lint('strict')).toEqual([
      ['jwt-ssot/no-auth-import-bypass', 1, 1],
      ['jwt-ssot/no-auth-import-bypass', 2, 1],
      ['jwt-ssot/no-direct-verify', 4, 45],
    ]);
  });
});

describe.each(ruleIds)('rule %s', (id) => {
  const meta = rules[id].meta;

  it('links its doc', () => {
    expect(docsOf(id).url).toBe(`${DOCS_BASE_URL}/${id}.md`);
    expect(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${id}.md`))).toBe(true);
  });

  it('has camelCase message ids and messages that are sentences', () => {
    const entries = Object.entries(meta.messages);
    expect(entries.length).toBeGreaterThan(0);
    for (const [messageId, text] of entries) {
      expect(messageId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      // A message may open with a placeholder: a library name or code (`require()`) keeps its own spelling.
      expect(text, messageId).toMatch(/^([A-Z]|\{\{\w+\}\})/);
      expect(text, messageId).toMatch(/\.$/);
      expect(text, messageId).not.toMatch(/\s{2}|\s$/);
    }
  });

  it('has a self-describing schema', () => {
    const schema = meta.schema as ReadonlyArray<{ type?: string; additionalProperties?: boolean; properties?: Record<string, { type?: string; description?: string; default?: unknown }> }>;
    expect(schema).toHaveLength(1);
    expect(schema[0]!.type).toBe('object');
    expect(schema[0]!.additionalProperties).toBe(false);
    for (const [name, property] of Object.entries(schema[0]!.properties ?? {})) {
      expect(property.type, name).toBeDefined();
      expect(property.description, name).toBeTruthy();
      expect(property.default, name).toBeDefined();
    }
  });

  it.each(['empty.ts', 'empty.js', 'empty.cjs', 'empty.tsx'])('reports nothing on an empty %s', (file) => {
    const linter = new Linter({ cwd: FIXTURES });
    const config: Linter.Config = {
      files: plugin.configs.recommended.files,
      plugins: { 'jwt-ssot': plugin as never },
      languageOptions: { parser: tsParser as Linter.Parser },
      settings: SETTINGS,
      rules: { [`jwt-ssot/${id}`]: 'error' },
    };
    for (const code of ['', '\n', '// a comment about jwt\n']) {
      expect(linter.verify(code, [config], { filename: path.join(FIXTURES, 'src', file) })).toEqual([]);
    }
  });

  it('renders every finding with its data filled in', () => {
    const linter = new Linter({ cwd: FIXTURES });
    for (const sample of SAMPLES) {
      for (const message of linter.verify(sample.code, [plugin.configs.strict, { settings: SETTINGS }], { filename: path.join(FIXTURES, sample.file) })) {
        expect(message.message).not.toContain('{{');
        expect(message.message).toMatch(/\.$/);
      }
    }
  });
});

describe('package metadata', () => {
  it('points the docs urls at the repository', () => {
    const repository = packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(DOCS_BASE_URL).toBe(`${repository}/blob/main/docs/rules`);
  });
});
