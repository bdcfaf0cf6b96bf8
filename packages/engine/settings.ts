/**
 * The one settings reader. Rules, codemods and the CLI all read `settings['jwt-ssot']` through
 * `readSettings`, which validates once per settings object (cached) and throws one error that names the
 * offending key, so a typo never turns into a crash deep inside a rule.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { LIBRARIES, LibraryIndex, libraryFromSetting, type LibrarySetting } from './catalogue/index.js';
import { toPosix } from './paths.js';

export const SETTINGS_KEY = 'jwt-ssot';

export interface CanonicalSetting {
  /** The SSOT file (relative to `root`) or a package name. */
  readonly module: string;
  /**
   * `verify`: one function name, or several (one per token kind: access, refresh, e-mail change, each with
   * its own key). Read as given; the resolved settings list the names in `verifyFunctions`.
   */
  readonly exports: { readonly verify: string | readonly string[]; readonly decode?: string };
  /** How other files must import it; default: the relative path. */
  readonly importPath?: string;
  /** Override what the codemod learns from the module: is verify async? */
  readonly async?: boolean;
  /** Override what the codemod learns: does verify return the payload or `{ payload }`? */
  readonly returns?: 'payload' | 'result';
}

export interface AuthModuleSetting {
  readonly entry: string;
  readonly private: readonly string[];
}

export interface RawSettings {
  readonly root?: string;
  readonly canonical?: CanonicalSetting;
  readonly allow?: readonly string[];
  readonly authModules?: readonly AuthModuleSetting[];
  readonly libraries?: readonly LibrarySetting[];
  readonly secretEnv?: readonly string[];
}

export interface ResolvedAuthModule {
  readonly entry: string;
  /** Absolute folder of the entry; files inside it may import the private paths. */
  readonly folder: string;
  readonly isPrivate: (absoluteFile: string) => boolean;
  /** Literal path segments of the private globs, for the text prefilter. */
  readonly prefilterTokens: readonly string[];
}

/** The canonical setting as the tools read it: `exports.verify` is the first (primary) verify function. */
export interface ResolvedCanonical extends Omit<CanonicalSetting, 'exports'> {
  readonly exports: { readonly verify: string; readonly decode?: string };
  /** Every verify function, in settings order (the first is `exports.verify`); a site maps to one of them. */
  readonly verifyFunctions: readonly string[];
  /** Absolute path when `module` names a file, undefined for a package name. */
  readonly file?: string;
}

export interface Settings {
  readonly root: string;
  readonly canonical?: ResolvedCanonical;
  readonly libraries: LibraryIndex;
  readonly secretEnv: readonly RegExp[];
  readonly authModules: readonly ResolvedAuthModule[];
  /** True when the file may touch JWT libraries directly (the canonical module or an `allow` glob). */
  readonly isExempt: (absoluteFile: string) => boolean;
  readonly isCanonicalFile: (absoluteFile: string) => boolean;
}

export const DEFAULT_SECRET_ENV: readonly string[] = [
  // Keys and secrets only: JWT_EXPIRES_IN or JWT_ISSUER are configuration, not secrets.
  '/JWT.*(SECRET|KEY|PASS)/i',
  '/^(NEXT_?)?AUTH_SECRET$/',
  // Anchored at the start: a provider's prefix (STRIPE_WEBHOOK_SIGNING_SECRET, COOKIE_SESSION_SECRET,
  // TWITTER_ACCESS_TOKEN_SECRET) names some other secret. No nested quantifiers: matching stays linear.
  '/^((ACCESS|REFRESH|ID)_)?(TOKEN|SESSION|JWKS?)_(SIGNING_)?(SECRET|KEY|PUBLIC_KEY|PRIVATE_KEY)$/',
];

export class SettingsError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid settings['${SETTINGS_KEY}']${key ? `.${key}` : ''}: ${reason}`);
    this.name = 'SettingsError';
  }
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** A `module` value names a file (not a package) when it is relative, absolute or has a source extension. */
export function isFilePath(module: string): boolean {
  return (
    module.startsWith('./') ||
    module.startsWith('../') ||
    path.isAbsolute(module) ||
    SOURCE_EXTENSIONS.includes(path.extname(module))
  );
}

export function stripExtension(file: string): string {
  const ext = path.extname(file);
  return SOURCE_EXTENSIONS.includes(ext) ? file.slice(0, -ext.length) : file;
}

/** `'/^AUTH_.*_KEY$/'` → RegExp; any other string matches that exact variable name. */
export function parsePattern(pattern: string, key: string): RegExp {
  const literal = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (!literal) return new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  try {
    return new RegExp(literal[1]!, literal[2]);
  } catch (error) {
    throw new SettingsError(key, `${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message})`);
  }
}

function expectObject(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingsError(key, `expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function expectString(value: unknown, key: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new SettingsError(key, `expected a non-empty string, got ${describe(value)}`);
  return value;
}

function optionalString(value: unknown, key: string): string | undefined {
  return value === undefined ? undefined : expectString(value, key);
}

/** A name or a non-empty list of distinct names. */
function expectNameList(value: unknown, key: string): string[] {
  if (!Array.isArray(value)) return [expectString(value, key)];
  if (value.length === 0) throw new SettingsError(key, 'expected a non-empty string or a non-empty array of strings, got an empty array');
  const names = value.map((item, index) => expectString(item, `${key}[${index}]`));
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new SettingsError(key, `${JSON.stringify(repeated)} is listed twice`);
  return names;
}

function expectStringArray(value: unknown, key: string): string[] {
  if (!Array.isArray(value)) throw new SettingsError(key, `expected an array of strings, got ${describe(value)}`);
  return value.map((item, index) => expectString(item, `${key}[${index}]`));
}

/** Bounds that keep every file's check cheap; real configs hold a few dozen globs of a few dozen characters. */
export const MAX_GLOBS = 10_000;
export const MAX_GLOB_LENGTH = 4_096;

/** An array of globs, each one compiled once here so a glob picomatch rejects is an error naming its key. */
function expectGlobs(value: unknown, key: string): string[] {
  const globs = expectStringArray(value, key);
  if (globs.length > MAX_GLOBS) throw new SettingsError(key, `${globs.length} globs; at most ${MAX_GLOBS} are supported (use ** patterns instead of listing files)`);
  globs.forEach((glob, index) => {
    if (glob.length > MAX_GLOB_LENGTH) throw new SettingsError(`${key}[${index}]`, `a glob of ${glob.length} characters; at most ${MAX_GLOB_LENGTH}`);
    try {
      picomatch(glob, { dot: true });
    } catch (error) {
      throw new SettingsError(`${key}[${index}]`, `not a valid glob (${(error as Error).message})`);
    }
  });
  return globs;
}

function rejectUnknownKeys(object: Record<string, unknown>, allowed: readonly string[], key: string): void {
  for (const name of Object.keys(object)) {
    if (!allowed.includes(name)) {
      throw new SettingsError(key ? `${key}.${name}` : name, `unknown key (expected one of: ${allowed.join(', ')})`);
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function validate(raw: unknown): RawSettings {
  if (raw === undefined) return {};
  const settings = expectObject(raw, '');
  rejectUnknownKeys(settings, ['root', 'canonical', 'allow', 'authModules', 'libraries', 'secretEnv'], '');
  const result: {
    -readonly [K in keyof RawSettings]: RawSettings[K];
  } = {};
  result.root = optionalString(settings.root, 'root');
  if (settings.canonical !== undefined) {
    const canonical = expectObject(settings.canonical, 'canonical');
    rejectUnknownKeys(canonical, ['module', 'exports', 'importPath', 'async', 'returns'], 'canonical');
    const exportsSetting = expectObject(canonical.exports, 'canonical.exports');
    rejectUnknownKeys(exportsSetting, ['verify', 'decode'], 'canonical.exports');
    if (canonical.async !== undefined && typeof canonical.async !== 'boolean') {
      throw new SettingsError('canonical.async', `expected a boolean, got ${describe(canonical.async)}`);
    }
    if (canonical.returns !== undefined && canonical.returns !== 'payload' && canonical.returns !== 'result') {
      throw new SettingsError('canonical.returns', `expected 'payload' or 'result', got ${describe(canonical.returns)}`);
    }
    result.canonical = {
      module: expectString(canonical.module, 'canonical.module'),
      exports: {
        verify: Array.isArray(exportsSetting.verify) ? expectNameList(exportsSetting.verify, 'canonical.exports.verify') : expectString(exportsSetting.verify, 'canonical.exports.verify'),
        decode: optionalString(exportsSetting.decode, 'canonical.exports.decode'),
      },
      importPath: optionalString(canonical.importPath, 'canonical.importPath'),
      async: canonical.async as boolean | undefined,
      returns: canonical.returns as 'payload' | 'result' | undefined,
    };
  }
  if (settings.allow !== undefined) result.allow = expectGlobs(settings.allow, 'allow');
  if (settings.secretEnv !== undefined) result.secretEnv = expectStringArray(settings.secretEnv, 'secretEnv');
  if (settings.authModules !== undefined) {
    if (!Array.isArray(settings.authModules)) {
      throw new SettingsError('authModules', `expected an array, got ${describe(settings.authModules)}`);
    }
    result.authModules = settings.authModules.map((item: unknown, index) => {
      const key = `authModules[${index}]`;
      const module = expectObject(item, key);
      rejectUnknownKeys(module, ['entry', 'private'], key);
      return { entry: expectString(module.entry, `${key}.entry`), private: expectGlobs(module.private, `${key}.private`) };
    });
  }
  if (settings.libraries !== undefined) {
    if (!Array.isArray(settings.libraries)) {
      throw new SettingsError('libraries', `expected an array, got ${describe(settings.libraries)}`);
    }
    result.libraries = settings.libraries.map((item: unknown, index) => {
      const key = `libraries[${index}]`;
      const library = expectObject(item, key);
      rejectUnknownKeys(library, ['module', 'verify', 'decode', 'sign'], key);
      return {
        module: expectString(library.module, `${key}.module`),
        verify: library.verify === undefined ? undefined : expectStringArray(library.verify, `${key}.verify`),
        decode: library.decode === undefined ? undefined : expectStringArray(library.decode, `${key}.decode`),
        sign: library.sign === undefined ? undefined : expectStringArray(library.sign, `${key}.sign`),
      };
    });
  }
  return result;
}

/** The literal path segments of a glob (`src/auth/internal/**` → `internal`), for the prefilter. */
function literalTail(glob: string): string | undefined {
  const scan = picomatch.scan(glob);
  const base = scan.base.replace(/\/+$/, '');
  const tail = base.split('/').pop();
  return tail && tail !== '.' && tail !== '..' ? stripExtension(tail) : undefined;
}


function resolveSettings(raw: RawSettings, defaultRoot: string): Settings {
  const root = path.resolve(defaultRoot, raw.root ?? '.');
  const relative = (file: string): string => toPosix(path.relative(root, file));
  const canonicalFile =
    raw.canonical && isFilePath(raw.canonical.module) ? path.resolve(root, raw.canonical.module) : undefined;
  const canonicalStem = canonicalFile && stripExtension(canonicalFile);
  const isCanonicalFile = (file: string): boolean => canonicalStem !== undefined && stripExtension(path.resolve(file)) === canonicalStem;
  const allowMatchers = (raw.allow ?? []).map((glob) => picomatch(glob, { dot: true }));
  const secretEnv = (raw.secretEnv ?? DEFAULT_SECRET_ENV).map((pattern, index) => parsePattern(pattern, `secretEnv[${index}]`));
  const authModules = (raw.authModules ?? []).map((module): ResolvedAuthModule => {
    const matchers = module.private.map((glob) => picomatch(glob, { dot: true }));
    return {
      entry: path.resolve(root, module.entry),
      folder: path.dirname(path.resolve(root, module.entry)),
      isPrivate: (file) => {
        const rel = relative(file);
        return matchers.some((match) => match(rel) || match(stripExtension(rel)));
      },
      prefilterTokens: module.private.map(literalTail).filter((token): token is string => token !== undefined),
    };
  });
  return {
    root,
    canonical: raw.canonical && resolveCanonical(raw.canonical, canonicalFile),
    libraries: new LibraryIndex([...LIBRARIES, ...(raw.libraries ?? []).map(libraryFromSetting)]),
    secretEnv,
    authModules,
    isCanonicalFile,
    isExempt: (file) => {
      if (isCanonicalFile(file)) return true;
      const rel = relative(path.resolve(file));
      return allowMatchers.some((match) => match(rel));
    },
  };
}

function resolveCanonical(canonical: CanonicalSetting, file: string | undefined): ResolvedCanonical {
  const verifyFunctions = typeof canonical.exports.verify === 'string' ? [canonical.exports.verify] : [...canonical.exports.verify];
  return { ...canonical, exports: { ...canonical.exports, verify: verifyFunctions[0]! }, verifyFunctions, file };
}

const cache = new WeakMap<object, Map<string, Settings | SettingsError>>();
const EMPTY_SETTINGS = {};

/**
 * Validates and resolves `settings['jwt-ssot']` once per settings object and root. `allSettings` is the
 * whole ESLint `settings` object (the cache key); `defaultRoot` is the directory relative paths start from
 * when `root` is not set (ESLint's cwd, or the config file's folder for the CLI).
 */
export function readSettings(allSettings: Readonly<Record<string, unknown>> | undefined, defaultRoot: string): Settings {
  const key = allSettings ?? EMPTY_SETTINGS;
  let byRoot = cache.get(key);
  if (!byRoot) {
    byRoot = new Map();
    cache.set(key, byRoot);
  }
  let entry = byRoot.get(defaultRoot);
  if (!entry) {
    try {
      entry = resolveSettings(validate(allSettings?.[SETTINGS_KEY]), defaultRoot);
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      entry = error;
    }
    byRoot.set(defaultRoot, entry);
  }
  if (entry instanceof SettingsError) throw entry;
  return entry;
}

/** How to refer to the canonical validator in messages: `validateToken from src/auth/jwt-handler.ts`. */
export function describeCanonical(settings: Settings, which: 'verify' | 'decode'): string {
  const canonical = settings.canonical;
  if (!canonical) return `the canonical validator (set settings['${SETTINGS_KEY}'].canonical)`;
  const verify = canonical.verifyFunctions.join(' / ');
  const name = which === 'decode' ? canonical.exports.decode : verify;
  if (!name) return `${verify} from ${canonical.module} (verify, then read the payload)`;
  return `${name} from ${canonical.module}`;
}
