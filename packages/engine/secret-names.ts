/**
 * The one test of a name against the `secretEnv` patterns, used by the secret-read pass and the text
 * prefilter. Work per name is bounded: a pattern such as `/JWT.*(SECRET|KEY)/i` backtracks quadratically
 * on a long name (a crafted `process.env['JWTJWT…']` of 600 KB took over a minute), so only the first
 * MAX_SECRET_NAME_LENGTH characters are tested; no environment variable name comes near that length.
 */
export const MAX_SECRET_NAME_LENGTH = 256;

/** Distinct names remembered per pattern list before the memo starts over (a file repeats its names). */
const MEMO_LIMIT = 4096;
const memos = new WeakMap<readonly RegExp[], Map<string, boolean>>();

export function isSecretName(name: string, patterns: readonly RegExp[]): boolean {
  const tested = name.length > MAX_SECRET_NAME_LENGTH ? name.slice(0, MAX_SECRET_NAME_LENGTH) : name;
  let memo = memos.get(patterns);
  if (!memo) {
    memo = new Map();
    memos.set(patterns, memo);
  }
  const known = memo.get(tested);
  if (known !== undefined) return known;
  const result = patterns.some((pattern) => {
    // A user's `/…/g` or `/…/y` pattern keeps `lastIndex` between calls; every name starts afresh.
    pattern.lastIndex = 0;
    return pattern.test(tested);
  });
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(tested, result);
  return result;
}
