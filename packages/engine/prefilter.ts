/**
 * The text prefilter: decides from a file's text alone whether it can contain a site. It must never
 * drop a real one (test/engine/prefilter.test.ts checks that on every fixture), so every rule of it
 * follows from what a site needs in the text:
 * - library sites (imports, requires, re-exports, registered framework plugins, code strings): the
 *   module's name, or a module name built from pieces (`require('json' + 'webtoken')`);
 * - private auth-module imports: a literal segment of the private path;
 * - hand-rolled decoding: `atob`/`base64` and a `split` (of the token into segments);
 * - secret reads: an `env` and a word that one of the `secretEnv` patterns matches (or a key built
 *   from pieces, which the engine folds);
 * - unanalysable `require(expr)`/`import(expr)`: a mention of JWTs and a `require(`/`import(`;
 * - framework decorators (`request.jwtVerify()`, `app.jwt.verify()`): the decorator's name.
 * The first test is one regular expression; the others run only when it misses. A site may spell its
 * words with escapes (`'\u006Asonwebtoken'`) or build them from literal pieces (`'json' + 'webtoken'`,
 * `` `jo${'se'}` ``), which the engine decodes and folds; so when the plain text misses, the same tests run
 * on the text with its escapes decoded, and on that text with what may stand between folded pieces removed.
 * test/property/prefilter.property.test.ts generates sites spelt every such way.
 */
import { isSecretName } from './secret-names.js';
import type { Settings } from './settings.js';

/** The module-name test of one settings object: the exact words, and the short anchors every word contains. */
interface WordTest {
  readonly words: RegExp;
  readonly anchors: RegExp;
}

const cache = new WeakMap<Settings, WordTest>();

/**
 * A module name built from pieces (`require('json' + 'webtoken')`, `` import(`jo${'se'}`) ``): the
 * library's name is not in the text, but the engine folds the pieces, so such files must be analysed.
 */
// A separate, case-sensitive test run only when the words miss: inside the word alternation it would
// double the cost of every file that cannot match.
const SPLIT_MODULE_NAME = /(?:require|import)\s*\(\s*(?:(?:'[^']*'|"[^"]*")\s*\+|`[^`]*\$\{)/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ASCII = /^[\x20-\x7e]*$/;

/**
 * The fewest literals such that every word contains one of them, case-insensitively (`jwt` stands for
 * `@fastify/jwt`, `express-jwt`, `jwtVerify`…). Only ASCII words are folded into a shorter one: outside
 * ASCII, lower-casing and the regular expression's case folding may disagree.
 */
export function anchorsOf(literals: Iterable<string>): string[] {
  const anchors: string[] = [];
  for (const literal of [...new Set(literals)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))) {
    const lower = literal.toLowerCase();
    const covered = ASCII.test(literal) && anchors.some((anchor) => ASCII.test(anchor) && lower.includes(anchor.toLowerCase()));
    if (!covered) anchors.push(literal);
  }
  return anchors;
}

function wordTest(settings: Settings): WordTest {
  let test = cache.get(settings);
  if (!test) {
    const words = new Set<string>(settings.libraries.moduleNames);
    for (const authModule of settings.authModules) for (const token of authModule.prefilterTokens) words.add(token);
    const literals = [...words];
    const alternatives = literals.map(escape);
    // `request.jwtVerify()`, `fastify.jwt.verify()`: a decorator the project's plugin adds is a site without any import.
    for (const library of settings.libraries.libraries) {
      for (const ambient of library.ambient ?? []) {
        const [first] = ambient.path;
        if (!first || !ambient.receivers) continue;
        alternatives.push(ambient.path.length === 1 ? escape(first) : `${escape(first)}\\s*(?:\\??\\.|\\[)`);
        literals.push(first);
      }
    }
    alternatives.sort();
    // The word alternation is the slowest test of the prefilter (V8 tries every alternative at every
    // position); the few anchors rule out almost every file at a fifth of its cost, with the same answers.
    const anchors = anchorsOf(literals).map(escape);
    test = { words: new RegExp(alternatives.join('|'), 'i'), anchors: new RegExp(anchors.join('|'), 'i') };
    cache.set(settings, test);
  }
  return test;
}

export function prefilterPattern(settings: Settings): RegExp {
  return wordTest(settings).words;
}

function mentionsModuleName(text: string, settings: Settings): boolean {
  const { words, anchors } = wordTest(settings);
  return anchors.test(text) && words.test(text);
}

/** The words a JWT-mentioning file has; kept in step with the engine's `mentionsJwt`. */
export const MENTIONS_JWT = /jwt|jsonwebtoken|bearer/i;
const DYNAMIC_MODULE = /\b(?:require|import)\s*\(/;
const HAND_ROLLED = /atob|base64/i;
const ENV = /\benv\b/;
/** A computed key built from pieces (`env['JWT_' + 'SECRET']`): the name is not one word of the text. */
const BUILT_KEY = /\[[^\]\n]*(?:\+|\$\{)/;
const WORD = /[A-Za-z_$][\w$]*/g;

/** Does any word of the text match a `secretEnv` pattern? (Dynamic names are never reported.) */
function mentionsSecretName(text: string, settings: Settings): boolean {
  // `match` hands back plain strings, without the match objects `matchAll` builds for every word;
  // isSecretName remembers the names it has seen.
  for (const word of text.match(WORD) ?? []) {
    if (isSecretName(word, settings.secretEnv)) return true;
  }
  return false;
}

const FROM_CHAR_CODE = /fromCharCode|fromCodePoint/;

/** One escape sequence of a string, template or identifier, with its parts (see `decodeEscape`). */
const ESCAPE = /\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([0-3][0-7]{0,2}|[4-7][0-7]?)|(\r\n|[\n\r\u2028\u2029])|([^]))/g;
const SINGLE_CHARACTER_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };

function decodeEscape(_match: string, braced?: string, unicode?: string, hex?: string, octal?: string, continuation?: string, other?: string): string {
  const code = braced ?? unicode ?? hex;
  if (code !== undefined) {
    const point = Number.parseInt(code, 16);
    return point <= 0x10ffff ? String.fromCodePoint(point) : '';
  }
  if (octal !== undefined) return String.fromCharCode(Number.parseInt(octal, 8));
  if (continuation !== undefined) return '';
  return SINGLE_CHARACTER_ESCAPES[other!] ?? other!;
}

/**
 * The text with every escape sequence decoded, as often as code strings nest (the code of an `eval`
 * string is decoded once by the outer file's parser and once more by its own). Decoding text outside
 * strings too only adds matches: the prefilter may let a file through, never drop one.
 */
function decodeEscapes(text: string): string {
  let decoded = text;
  for (let round = 0; round < 3 && decoded.includes('\\'); round++) decoded = decoded.replace(ESCAPE, decodeEscape);
  return decoded;
}

/**
 * What may stand between the pieces the engine folds into one string (`'json' + 'webtoken'`,
 * `` `jo${'se'}` ``, `('a' as string) + 'b'`): quotes, `+`, parentheses, template delimiters, whitespace,
 * and the TypeScript wrappers the engine sees through (`as T`, `satisfies T`, `<T>`, `!`).
 */
const BETWEEN_PIECES = /(?:['"`+(){}$\s!]|\b(?:as|satisfies)\s+[A-Za-z_$][\w$.]*(?:<[^<>]*>)?(?:\[\])*|<[A-Za-z_$][\w$.]*>)+/g;
const COMMENT = /\/\*[^]*?\*\/|\/\/[^\n\r]*/g;
/** A piece next to a `+` (or a comment before one), or a template with an expression: something may be folded. */
const FOLDED_PIECES = /\$\{|['"`)]\s*(?:\+|\/[*/])|\+\s*(?:['"`(<]|\/[*/])/;

/**
 * The text with the pieces of every folded string joined. Comments may stand between pieces too, but a
 * URL inside a string looks like a comment, so both the text with comments and the text without them count.
 */
function joinedPieces(text: string): string[] {
  if (!FOLDED_PIECES.test(text)) return [];
  const joined = [text.replace(BETWEEN_PIECES, '')];
  if (text.includes('/*') || text.includes('//')) joined.push(text.replace(COMMENT, ' ').replace(BETWEEN_PIECES, ''));
  return joined;
}

function testText(text: string, settings: Settings): boolean {
  if (testSpelling(text, settings)) return true;
  if (FROM_CHAR_CODE.test(text)) return true;
  const decoded = decodeEscapes(text);
  if (decoded !== text && testSpelling(decoded, settings)) return true;
  return joinedPieces(decoded).some((joined) => testJoinedSpelling(joined, settings));
}

function testSpelling(text: string, settings: Settings): boolean {
  if (mentionsModuleName(text, settings) || SPLIT_MODULE_NAME.test(text)) return true;
  if (HAND_ROLLED.test(text) && text.includes('split')) return true;
  if (MENTIONS_JWT.test(text) && DYNAMIC_MODULE.test(text)) return true;
  return ENV.test(text) && (BUILT_KEY.test(text) || mentionsSecretName(text, settings));
}

/**
 * `testSpelling` on joined text, without the tests that cannot match there: BETWEEN_PIECES removed every
 * `(`, `+`, `$` and `{`, which SPLIT_MODULE_NAME, DYNAMIC_MODULE and BUILT_KEY all need. Same answers.
 */
function testJoinedSpelling(joined: string, settings: Settings): boolean {
  if (mentionsModuleName(joined, settings)) return true;
  if (HAND_ROLLED.test(joined) && joined.includes('split')) return true;
  return ENV.test(joined) && mentionsSecretName(joined, settings);
}

/** True when the file may contain a site and must be parsed and analysed. */
export function mightContainSites(text: string, settings: Settings): boolean {
  // ESLint creates the five rules one after the other on the same text: remember the last answer. The
  // answer is a pure function of (text, settings), so this can never go stale.
  if (text === last.text && settings === last.settings) return last.result;
  const result = testText(text, settings);
  last = { text, settings, result };
  return result;
}

let last: { text: string | undefined; settings: Settings | undefined; result: boolean } = { text: undefined, settings: undefined, result: false };
