/**
 * The identity of a verification key: where its secret comes from. Two keys are the same key when they
 * come from the same source, however they reach the call (a config module, an object property, a getter,
 * a helper, `new TextEncoder().encode(…)`). Computed by key-source.ts; compared and described here.
 */
import path from 'node:path';

export type SecretSource =
  /** Read from the environment variable `name` (`process.env.X`, `import.meta.env.X`, a parsed env view). */
  | {
      readonly kind: 'env';
      readonly name: string;
      /** The literal used when the variable is unset (`|| 'dev-secret'`), as written; an empty one is no fallback. */
      readonly fallback?: string;
    }
  /**
   * A binding or object property whose value cannot be traced further (`export const SECRET = load()`):
   * the same declaration is the same key. `file` is absolute (or `package:<specifier>` for a package
   * export), `at` the declaration's offset; `name` is for people (`SECRET`, `config.jwt.secret`).
   */
  | { readonly kind: 'declaration'; readonly file: string; readonly name: string; readonly at: number }
  /** Looked up by a literal path in a config service (`this.configService.getOrThrow('auth.secret')`). */
  | { readonly kind: 'config'; readonly path: string }
  | { readonly kind: 'unknown' };

export const UNKNOWN_SOURCE: SecretSource = { kind: 'unknown' };

export function sameSource(a: SecretSource, b: SecretSource): boolean {
  if (a.kind === 'env' && b.kind === 'env') return a.name === b.name && normalizedLiteral(a.fallback) === normalizedLiteral(b.fallback);
  if (a.kind === 'declaration' && b.kind === 'declaration') return a.file === b.file && a.at === b.at;
  if (a.kind === 'config' && b.kind === 'config') return a.path === b.path;
  return false;
}

/** A fallback literal compared by value, whatever its quotes (`'dev'` and `"dev"` are the same key). */
function normalizedLiteral(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return /^(['"]).*\1$/s.test(raw) ? `string:${raw.slice(1, -1)}` : raw;
}

/** One entry per distinct source, in first-seen order. */
export function distinctSources(sources: readonly SecretSource[]): SecretSource[] {
  const result: SecretSource[] = [];
  for (const source of sources) if (!result.some((seen) => sameSource(seen, source) || (seen.kind === 'unknown' && source.kind === 'unknown'))) result.push(source);
  return result;
}

/** `JWT_SECRET`, or `SECRET in src/config.ts`. */
export function describeSource(source: SecretSource, root: string): string {
  if (source.kind === 'env') return source.fallback === undefined ? source.name : `${source.name} (or ${source.fallback} when unset)`;
  if (source.kind === 'unknown') return 'an untraced key';
  if (source.kind === 'config') return `config ${source.path}`;
  const where = source.file.startsWith('package:') ? source.file.slice('package:'.length) : path.relative(root, source.file) || source.file;
  return `${source.name} in ${where.split(path.sep).join('/')}`;
}
