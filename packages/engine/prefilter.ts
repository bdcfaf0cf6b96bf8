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
 * - unanalysable `require(expr)`/`import(expr)`: a mention of JWTs and a `require(`/`import(`.
 * The first test is one regular expression; the others run only when it misses.
 */
import { isSecretName } from './secret-names.js';
import type { Settings } from './settings.js';

const cache = new WeakMap<Settings, RegExp>();

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

export function prefilterPattern(settings: Settings): RegExp {
  let pattern = cache.get(settings);
  if (!pattern) {
    const words = new Set<string>(settings.libraries.moduleNames);
    for (const authModule of settings.authModules) for (const token of authModule.prefilterTokens) words.add(token);
    const alternatives = [...words].map(escape).sort();
    pattern = new RegExp(alternatives.join('|'), 'i');
    cache.set(settings, pattern);
  }
  return pattern;
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
  const seen = new Set<string>();
  for (const [word] of text.matchAll(WORD)) {
    if (seen.has(word)) continue;
    seen.add(word);
    if (isSecretName(word, settings.secretEnv)) return true;
  }
  return false;
}

function testText(text: string, settings: Settings): boolean {
  if (prefilterPattern(settings).test(text) || SPLIT_MODULE_NAME.test(text)) return true;
  if (HAND_ROLLED.test(text) && text.includes('split')) return true;
  if (MENTIONS_JWT.test(text) && DYNAMIC_MODULE.test(text)) return true;
  return ENV.test(text) && (BUILT_KEY.test(text) || mentionsSecretName(text, settings));
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
