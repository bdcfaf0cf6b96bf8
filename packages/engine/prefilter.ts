/**
 * The text prefilter: decides from a file's text alone whether it can contain a site. It must never
 * drop a real one (test/engine/prefilter.test.ts checks that on every fixture), so it errs wide: every
 * site needs one of these words in the text — a library's module name (imports, requires, re-exports,
 * and the files that register a framework plugin), `atob`/`base64` (hand-rolled decoding), `.env`
 * (secret reads), `jwt` (files that mention JWTs, where an unanalysable `require(expr)` is reported), or
 * a literal segment of an auth module's private path.
 */
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
    alternatives.push('atob', 'base64', '\\.env\\b', 'jwt');
    pattern = new RegExp(alternatives.join('|'), 'i');
    cache.set(settings, pattern);
  }
  return pattern;
}

/** True when the file may contain a site and must be parsed and analysed. */
export function mightContainSites(text: string, settings: Settings): boolean {
  // ESLint creates the five rules one after the other on the same text: remember the last answer. The
  // answer is a pure function of (text, settings), so this can never go stale.
  if (text === last.text && settings === last.settings) return last.result;
  const result = prefilterPattern(settings).test(text) || SPLIT_MODULE_NAME.test(text);
  last = { text, settings, result };
  return result;
}

let last: { text: string | undefined; settings: Settings | undefined; result: boolean } = { text: undefined, settings: undefined, result: false };
