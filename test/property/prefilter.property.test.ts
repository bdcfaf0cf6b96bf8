/**
 * Property: the text prefilter never drops a file the engine finds a site in, however the site spells its
 * words. Each generated file names a JWT library, a private auth-module path or a secret's environment key
 * in a string spelt with escapes (`\x6A`, `\u006A`, `\u{6A}`, identity escapes, line continuations), split into pieces the engine folds (`+` with parentheses, comments and `as` casts
 * between them, template literals), and reaches it through an import, `require`, `import()`, a `const`,
 * a re-export, an `eval` string or `process.env[…]`. The engine must find the site (so the sample is a real
 * one) and the prefilter must let the file through. (Octal escapes are decoded too, but the parser rejects
 * them, so no file that has one can hold a site the engine finds.)
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFile, LIBRARIES, mightContainSites, parseFile, readSettings } from '../../packages/engine/index.js';
import { FIXTURES, settingsWith } from '../rule-tester.js';
import { LONG } from './programs.js';

const NUM_RUNS = LONG ? 5000 : 300;
const settings = readSettings(settingsWith(), FIXTURES);

/** Every exact module name of the catalogue, and one subpath of each `name/*` entry. */
// A multi-purpose SDK's import is a site only when it reaches a token surface (issue 12), so a bare
// import of one proves nothing about the prefilter: only single-purpose JWT libraries are generated.
const MODULE_NAMES = [
  ...new Set(LIBRARIES.filter((library) => !library.multiPurpose).flatMap((library) => library.modules.map((module) => module.replace(/\/\*$/, '/sub')))),
];

type Target = { readonly kind: 'module'; readonly value: string } | { readonly kind: 'secret'; readonly value: string };

const target: fc.Arbitrary<Target> = fc.oneof(
  fc.constantFrom(...MODULE_NAMES).map((value): Target => ({ kind: 'module', value })),
  fc.constant<Target>({ kind: 'module', value: '../auth/internal/session' }),
  fc.constantFrom('JWT_SECRET', 'JWT_PUBLIC_KEY').map((value): Target => ({ kind: 'secret', value })),
);

/** How one character is written inside a string literal. */
type CharSpelling = 'plain' | 'hex' | 'unicode' | 'braced' | 'identity' | 'continued';
const CHAR_SPELLINGS: readonly CharSpelling[] = ['plain', 'hex', 'unicode', 'braced', 'identity', 'continued'];
/** Letters whose escape means something else (`\n`, `\u…`), and digits (octal escapes, which the parser rejects). */
const NOT_IDENTITY = /[bfnrtuvx0-9]/;

function spellChar(char: string, spelling: CharSpelling): string {
  const code = char.codePointAt(0)!;
  switch (spelling) {
    case 'hex':
      return `\\x${code.toString(16).padStart(2, '0')}`;
    case 'unicode':
      return `\\u${code.toString(16).padStart(4, '0')}`;
    case 'braced':
      return `\\u{${code.toString(16)}}`;
    case 'identity':
      return NOT_IDENTITY.test(char) ? char : `\\${char}`;
    case 'continued':
      return `\\\n${char}`;
    default:
      return char;
  }
}

interface Spelling {
  readonly pieces: number;
  readonly joiner: 'plus' | 'parenthesised' | 'commented' | 'cast' | 'template';
  readonly quote: "'" | '"';
  readonly chars: readonly CharSpelling[];
}

const spelling: fc.Arbitrary<Spelling> = fc.record({
  pieces: fc.integer({ min: 1, max: 3 }),
  joiner: fc.constantFrom('plus', 'parenthesised', 'commented', 'cast', 'template'),
  quote: fc.constantFrom("'", '"'),
  chars: fc.array(fc.constantFrom(...CHAR_SPELLINGS), { minLength: 40, maxLength: 40 }),
});

/** `value` as a string expression: escaped characters, split into folded pieces. */
function spellString(value: string, how: Spelling): string {
  const size = Math.ceil(value.length / how.pieces);
  const pieces: string[] = [];
  for (let start = 0; start < value.length; start += size) pieces.push(value.slice(start, start + size));
  let charIndex = 0;
  const spelt = pieces.map((piece) => [...piece].map((char) => spellChar(char, how.chars[charIndex++ % how.chars.length]!)).join(''));
  if (how.joiner === 'template') return `\`${spelt[0]}${spelt.slice(1).map((piece) => `\${${how.quote}${piece}${how.quote}}`).join('')}\``;
  const literals = spelt.map((piece) => `${how.quote}${piece}${how.quote}`);
  if (how.joiner === 'parenthesised') return literals.map((literal) => `(${literal})`).join(' + ');
  if (how.joiner === 'commented') return literals.join(' /* piece */ +\n  // next piece\n  ');
  if (how.joiner === 'cast') return literals.map((literal) => `(${literal} as string)`).join(' + ');
  return literals.join(' + ');
}

const MODULE_FORMS = ['import', 'require', 'dynamic-import', 'const-require', 'export-all', 'eval'] as const;

interface Generated {
  readonly filename: string;
  readonly code: string;
}

function buildFile(site: Target, how: Spelling, form: (typeof MODULE_FORMS)[number], script: boolean): Generated {
  const filename = script ? 'src/app/generated.cjs' : 'src/app/generated.ts';
  // A static import or re-export takes one plain string literal: no pieces.
  const single: Spelling = form === 'import' || form === 'export-all' ? { ...how, pieces: 1, joiner: 'plus' } : how;
  const spelt = spellString(site.value, single);
  if (site.kind === 'secret') return { filename, code: `const unrelated = 1;\nmodule.exports = process.env[${spelt}];\n` };
  switch (form) {
    case 'import':
      return { filename: 'src/app/generated.ts', code: `import library from ${spelt};\nexport default library;\n` };
    case 'export-all':
      return { filename: 'src/app/generated.ts', code: `export * from ${spelt};\n` };
    case 'require':
      return { filename, code: `const library = require(${spelt});\nmodule.exports = library;\n` };
    case 'dynamic-import':
      return { filename, code: `const library = import(${spelt});\nexport { library };\n` };
    case 'const-require':
      return { filename, code: `const name = ${spelt};\nconst library = require(name);\nmodule.exports = library;\n` };
    case 'eval':
      // The code string's own literal is escaped once more by the string that holds it.
      return { filename, code: `eval(${JSON.stringify(`require(${spelt})`)});\n` };
  }
}

const generated: fc.Arbitrary<Generated> = fc
  .record({ site: target, how: spelling, form: fc.constantFrom(...MODULE_FORMS), script: fc.boolean() })
  .map(({ site, how, form, script }) => buildFile(site, how, form, script));

function engineFindsSite({ filename, code }: Generated): boolean {
  const file = path.join(FIXTURES, filename);
  const { ast, scopeManager } = parseFile(file, code);
  const analysis = analyzeFile({ ast, scopeManager, filename: file, text: code, settings });
  return analysis.imports.length + analysis.calls.length + analysis.secrets.length > 0;
}

describe('the prefilter is sound for every spelling of a site', () => {
  it(`never drops a generated site (${NUM_RUNS} files)`, () => {
    fc.assert(
      fc.property(generated, (file) => {
        expect(engineFindsSite(file), `the engine must find the generated site:\n${file.code}`).toBe(true);
        expect(mightContainSites(file.code, settings), `dropped:\n${file.code}`).toBe(true);
      }),
      { numRuns: NUM_RUNS, seed: 12 },
    );
  });

  it('spells with every escape, joiner and form', () => {
    const samples = fc.sample(generated, { numRuns: 400, seed: 12 }).map((file) => file.code);
    for (const mark of ['\\x', '\\u00', '\\u{', '\\\n', ' /* piece */ +', ' as string)', '`', 'eval(', 'process.env[', 'export * from', 'import(']) {
      expect(samples.some((code) => code.includes(mark)), mark).toBe(true);
    }
  });

  it('drops the same files spelt without any site', () => {
    expect(mightContainSites("const name = 'left' + 'pad';\nconst library = require(name);\n", settings)).toBe(false);
    expect(mightContainSites("const library = require('\\x6Codash');\n", settings)).toBe(false);
    expect(mightContainSites("export const port = process.env['P\\x4FRT'];\n", settings)).toBe(false);
  });
});
