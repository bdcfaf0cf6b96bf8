/**
 * The one specifier resolver: which file an import names, and the tsconfig facts a rewrite needs to spell
 * a new import. Every tool that follows imports (the auth-module entry check, `audit --impact`, init, the
 * private-path check, the rewrite core) asks here, so they cannot disagree about what an import names.
 *
 * Why libraries and not a hand-written walk: `oxc-resolver` is the resolver behind
 * eslint-import-resolver-oxc; it implements Node's algorithm, tsconfig `paths`/`baseUrl`/`extends` and
 * package `exports`, natively and with its own file-system cache. `get-tsconfig` reads tsconfig/jsconfig
 * files and their `extends` chains without loading TypeScript. The lint rules and the audit must never
 * load TypeScript's compiler API or ts-morph just to resolve an import.
 *
 * Caching: one resolver per scope (a Settings object, or a project root) with memoised lookups. Files
 * change in a long-lived editor session, so `clear()` / `clearResolverCaches()` drop everything; the
 * Settings-scoped instance lives in a WeakMap and dies with its Settings object.
 *
 * A tsconfig that does not load (bad JSON, an `extends` that names no file) is treated as absent: imports
 * still resolve by Node's algorithm alone, and `tsconfigFacts` returns undefined for the files under it.
 * The lint rules must not crash on a half-edited tsconfig, and TypeScript itself reports the error.
 */
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { PathsMatcher, TsConfigJsonResolved } from 'get-tsconfig';
import type { NapiResolveOptions, ResolverFactory } from 'oxc-resolver';
import { stripExtension, type Settings } from './settings.js';
import { toPosix } from './paths.js';

/** Tried in this order for a specifier without an extension: TypeScript sources before JavaScript. */
export const RESOLVE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

const RESOLVE_OPTIONS: NapiResolveOptions = {
  extensions: [...RESOLVE_EXTENSIONS],
  // NodeNext: `./x.js` in a TypeScript project names `x.ts`.
  extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.jsx': ['.tsx', '.jsx'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
  // Both import and require: the import form is not known here; the package's own key order decides.
  conditionNames: ['node', 'import', 'require', 'default'],
  // Paths stay as the project spells them (a temp folder or checkout under a symlink still matches the
  // file listing); only packages in node_modules are followed to their real place, below.
  symlinks: false,
};

/**
 * Both libraries load on the first lookup, not with the engine: a project without auth modules never
 * resolves an import while linting, and ESLint start-up is part of every editor keystroke's budget.
 */
let loaded: { readonly oxc: typeof import('oxc-resolver'); readonly tsconfig: typeof import('get-tsconfig') } | undefined;
function libraries(): NonNullable<typeof loaded> {
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose, see above */
  loaded ??= {
    oxc: require('oxc-resolver') as typeof import('oxc-resolver'),
    tsconfig: require('get-tsconfig') as typeof import('get-tsconfig'),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return loaded;
}

const NODE_NEXT = new Set(['node16', 'nodenext']);
const NODE_NEXT_MODULES = new Set(['node16', 'node18', 'node20', 'nodenext']);

/** What a rewrite needs to know about the tsconfig (or jsconfig) that governs a file. */
export interface TsconfigFacts {
  /** Absolute path of the nearest tsconfig.json or jsconfig.json (tsconfig.json wins in one folder). */
  readonly file: string;
  /** `moduleResolution` is Node16/NodeNext, set or implied by `module: Node16/NodeNext`. */
  readonly nodeNext: boolean;
  /** Absolute `baseUrl` after `extends`, when one is set. */
  readonly baseUrl?: string;
  /** The `paths` mappings after `extends`, as written. */
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

export interface ResolveOptions {
  /**
   * Look bare names up in node_modules (package `exports`, `main`, `index`). Default true. With false,
   * only relative, absolute and tsconfig-alias specifiers resolve, and a bare name that no alias matches
   * costs one map look-up: what callers that only care about project files want.
   */
  readonly packages?: boolean;
}

interface ConfigEntry {
  readonly file: string;
  readonly resolver: ResolverFactory;
  readonly facts: TsconfigFacts;
  readonly pathsMatcher: PathsMatcher | null;
}

function isRelativeOrAbsolute(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier);
}

function insideNodeModules(file: string): boolean {
  return file.split(path.sep).includes('node_modules');
}

function readFacts(file: string, config: TsConfigJsonResolved): TsconfigFacts {
  const options = config.compilerOptions ?? {};
  const resolution = options.moduleResolution?.toLowerCase();
  const module = options.module?.toLowerCase();
  const nodeNext = resolution ? NODE_NEXT.has(resolution) : module !== undefined && NODE_NEXT_MODULES.has(module);
  return {
    file,
    nodeNext,
    baseUrl: options.baseUrl === undefined ? undefined : path.resolve(path.dirname(file), options.baseUrl),
    paths: options.paths ?? {},
  };
}

/**
 * Resolves import specifiers from project files and reads the tsconfig facts around them. Get one with
 * `resolverFor(settings)` (the lint rules, the engine), `resolverFor(root)` (CLI commands that know only
 * the project root) or `createResolver()` (a throwaway one for one run).
 */
export class SpecifierResolver {
  private baseResolver: ResolverFactory | undefined;
  /** get-tsconfig's own cache of found and read files, shared by every look-up of this resolver. */
  private readonly tsconfigCache = new Map<string, string>();
  /** Folder → the loadable config that governs it, or null. */
  private readonly configByDir = new Map<string, ConfigEntry | null>();
  private readonly configs = new Map<string, ConfigEntry | null>();
  /** `folder \0 specifier` → resolved file, or null. */
  private readonly resolved = new Map<string, string | null>();
  private readonly packageTypes = new Map<string, string>();
  /** Folder → the packages that the package.json files at and above it depend on. */
  private readonly dependenciesByDir = new Map<string, ReadonlySet<string>>();

  /** Forgets every resolution and tsconfig read (files were added, moved or edited). */
  clear(): void {
    this.baseResolver?.clearCache();
    this.baseResolver = undefined;
    this.tsconfigCache.clear();
    this.configByDir.clear();
    this.configs.clear();
    this.resolved.clear();
    this.packageTypes.clear();
    this.dependenciesByDir.clear();
  }

  /**
   * Does a package.json at or above `file` list one of `packageNames` in its dependencies,
   * devDependencies or peerDependencies? A framework plugin registered once decorates every file of the
   * project (a monorepo lists it in the package or at its root). Cached per folder.
   */
  dependsOn(file: string, packageNames: readonly string[]): boolean {
    const listed = this.declaredDependencies(path.dirname(path.resolve(file)));
    return packageNames.some((name) => listed.has(name));
  }

  private declaredDependencies(dir: string): ReadonlySet<string> {
    let listed = this.dependenciesByDir.get(dir);
    if (listed) return listed;
    const parent = path.dirname(dir);
    const inherited = parent === dir ? new Set<string>() : this.declaredDependencies(parent);
    const own = readDependencies(path.join(dir, 'package.json'));
    listed = own.length === 0 ? inherited : new Set([...inherited, ...own]);
    this.dependenciesByDir.set(dir, listed);
    return listed;
  }

  /**
   * The absolute source file `specifier` names when imported from `fromFile`: relative and absolute
   * paths, extensions, `.js` written for a `.ts` source, index files, tsconfig/jsconfig `paths` and
   * `baseUrl` (with `extends`), and package `exports`. Undefined when nothing matches (a missing file,
   * a Node built-in, an unknown package); never throws.
   */
  resolve(fromFile: string, specifier: string, options: ResolveOptions = {}): string | undefined {
    if (specifier.length === 0 || isBuiltin(specifier)) return undefined;
    const dir = path.dirname(path.resolve(fromFile));
    const bare = !isRelativeOrAbsolute(specifier);
    if (bare && options.packages === false) {
      const matcher = this.configFor(dir)?.pathsMatcher;
      if (!matcher || matcher(specifier).length === 0) return undefined;
    }
    const key = `${dir}\0${specifier}`;
    let file = this.resolved.get(key);
    if (file === undefined) {
      file = this.resolveUncached(dir, specifier) ?? null;
      this.resolved.set(key, file);
    }
    if (file === null || (bare && options.packages === false && insideNodeModules(file))) return undefined;
    return file;
  }

  /**
   * The file an import names, for matching it against path globs (the private paths of an auth module):
   * the resolved file when there is one, otherwise, for a relative or absolute specifier, the path it
   * spells (a file not on disk yet, or RuleTester's virtual files); bare names count only through a
   * tsconfig alias. This is the engine's private-path check in one call.
   */
  importTarget(fromFile: string, specifier: string): string | undefined {
    const file = this.resolve(fromFile, specifier, { packages: false });
    if (file !== undefined) return file;
    return isRelativeOrAbsolute(specifier) ? path.resolve(path.dirname(path.resolve(fromFile)), specifier) : undefined;
  }

  /**
   * The nearest tsconfig.json or jsconfig.json above `file`, read with its `extends` chain. Undefined
   * when there is none, or when it does not load (see the top of this file).
   */
  tsconfigFacts(file: string): TsconfigFacts | undefined {
    return this.configFor(path.dirname(path.resolve(file)))?.facts;
  }

  /**
   * Whether new relative imports written into `file` must end in `.js` (`.mjs`/`.cjs` is the caller's
   * choice from the target's extension):
   * - true: the tsconfig resolves Node16/NodeNext and the file is ESM (`.mts`/`.mjs`, or its package.json
   *   says `"type": "module"`);
   * - false: Node16/NodeNext and a `.cts`/`.cjs` file;
   * - undefined: the project does not decide, so follow the file's own relative imports
   *   (`usesJsExtensions`).
   */
  needsJsExtension(file: string): boolean | undefined {
    if (!this.tsconfigFacts(file)?.nodeNext) return undefined;
    const ext = path.extname(file);
    if (ext === '.mts' || ext === '.mjs') return true;
    if (ext === '.cts' || ext === '.cjs') return false;
    return this.packageType(path.dirname(path.resolve(file))) === 'module' ? true : undefined;
  }

  /** Node runs this file as an ES module: `.mjs`/`.mts`, or `.js`/`.ts` under a `"type": "module"` package.json. */
  runsAsEsm(file: string): boolean {
    const ext = path.extname(file);
    if (ext === '.mts' || ext === '.mjs') return true;
    if (ext === '.cts' || ext === '.cjs') return false;
    return this.packageType(path.dirname(path.resolve(file))) === 'module';
  }

  /** The `type` of the nearest package.json above `dir` (the file itself need not exist yet). */
  private packageType(dir: string): string | undefined {
    // get-tsconfig's find-up takes any file name and shares this resolver's cache.
    const manifest = libraries().tsconfig.findTsconfig(dir, 'package.json', this.tsconfigCache);
    if (manifest === undefined) return undefined;
    let type = this.packageTypes.get(manifest);
    if (type === undefined) {
      try {
        type = String((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: unknown }).type ?? '');
      } catch {
        type = ''; // an unreadable package.json decides nothing
      }
      this.packageTypes.set(manifest, type);
    }
    return type || undefined;
  }

  /**
   * The tsconfig `paths` alias that names `targetFile` from `fromFile`, without an extension
   * (`@/auth/jwt-handler` for src/auth/jwt-handler.ts under `"@/*": ["src/*"]`), or undefined when no
   * mapping of `fromFile`'s tsconfig reaches it. Mappings are tried in the order written; an alias is
   * only returned if it resolves back to `targetFile` (another mapping can shadow it). Callers append
   * `.js` themselves when `needsJsExtension(fromFile)` is true.
   */
  pathsAlias(fromFile: string, targetFile: string): string | undefined {
    const config = this.configFor(path.dirname(path.resolve(fromFile)));
    if (!config?.pathsMatcher) return undefined;
    const target = stripExtension(path.resolve(targetFile));
    for (const pattern of Object.keys(config.facts.paths)) {
      const alias = aliasFor(pattern, config.pathsMatcher, target);
      if (alias === undefined) continue;
      const back = this.resolve(fromFile, alias, { packages: false });
      if (back === undefined || stripExtension(back) === target) return alias;
    }
    return undefined;
  }

  /** Node's algorithm without a tsconfig; each tsconfig gets a resolver (and a cache) of its own. */
  private get base(): ResolverFactory {
    this.baseResolver ??= new (libraries().oxc.ResolverFactory)(RESOLVE_OPTIONS);
    return this.baseResolver;
  }

  private resolveUncached(dir: string, specifier: string): string | undefined {
    const resolver = this.configFor(dir)?.resolver ?? this.base;
    let result;
    try {
      result = resolver.sync(dir, specifier);
    } catch {
      return undefined; // a specifier oxc rejects outright names no file either
    }
    if (!result.path) return undefined;
    if (!insideNodeModules(result.path)) return result.path;
    try {
      return fs.realpathSync(result.path); // a workspace package linked into node_modules is a project file
    } catch {
      return result.path;
    }
  }

  private configFor(dir: string): ConfigEntry | undefined {
    let entry = this.configByDir.get(dir);
    if (entry === undefined) {
      const file = this.nearestConfigFile(dir);
      entry = file === undefined ? null : this.loadConfig(file);
      this.configByDir.set(dir, entry);
    }
    return entry ?? undefined;
  }

  private nearestConfigFile(dir: string): string | undefined {
    const cache = this.tsconfigCache;
    const { findTsconfig } = libraries().tsconfig;
    const tsconfig = findTsconfig(dir, 'tsconfig.json', cache);
    const jsconfig = findTsconfig(dir, 'jsconfig.json', cache);
    if (!jsconfig) return tsconfig;
    if (!tsconfig) return jsconfig;
    return path.dirname(jsconfig).length > path.dirname(tsconfig).length ? jsconfig : tsconfig;
  }

  private loadConfig(file: string): ConfigEntry | null {
    let entry = this.configs.get(file);
    if (entry !== undefined) return entry;
    entry = null;
    try {
      const { parseTsconfig, createPathsMatcher } = libraries().tsconfig;
      const config = parseTsconfig(file, this.tsconfigCache);
      // A resolver of its own, not a clone of the base one: clones share oxc's cache, tsconfig included, so
      // once a file under the root tsconfig was resolved, a sibling folder's jsconfig aliases stopped
      // resolving (an order-dependent missed bypass).
      const resolver = new (libraries().oxc.ResolverFactory)({ ...RESOLVE_OPTIONS, tsconfig: { configFile: file } });
      // oxc loads the config on first use and then fails every lookup if it cannot: probe it once with
      // the config file itself, which exists, so any error is the config's.
      const probe = resolver.sync(path.dirname(file), `./${path.basename(file)}`);
      if (probe.path) {
        const result = { path: file, config };
        entry = { file, resolver, facts: readFacts(file, config), pathsMatcher: createPathsMatcher(result) };
      }
    } catch {
      // get-tsconfig throws for an unreadable file or a missing `extends`: treated as no tsconfig
    }
    this.configs.set(file, entry);
    return entry;
  }
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;

/** The package names a package.json depends on; none when it is absent or unreadable. */
function readDependencies(manifest: string): string[] {
  try {
    if (!fs.existsSync(manifest)) return [];
    const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Partial<Record<(typeof DEPENDENCY_FIELDS)[number], unknown>>;
    return DEPENDENCY_FIELDS.flatMap((field) => {
      const listed = json[field];
      return listed !== null && typeof listed === 'object' ? Object.keys(listed) : [];
    });
  } catch {
    return []; // an unreadable package.json declares nothing
  }
}

/** `@/auth/jwt-handler` when `pattern` (`@/*`) maps onto `target` (absolute, without extension). */
function aliasFor(pattern: string, matcher: PathsMatcher, target: string): string | undefined {
  const star = pattern.indexOf('*');
  // A probe that cannot occur in a path makes get-tsconfig spell out this pattern's substitutions.
  const probe = '\u0000';
  const substitutions = star === -1 ? matcher(pattern) : matcher(pattern.slice(0, star) + probe + pattern.slice(star + 1));
  for (const substitution of substitutions) {
    const mapped = stripExtension(substitution);
    const at = mapped.indexOf(probe);
    if (at === -1) {
      if (star === -1 && mapped === target) return pattern;
      continue;
    }
    if (star === -1) continue;
    const prefix = mapped.slice(0, at);
    const suffix = mapped.slice(at + probe.length);
    if (target.length >= prefix.length + suffix.length && target.startsWith(prefix) && target.endsWith(suffix)) {
      const middle = toPosix(target.slice(prefix.length, target.length - suffix.length));
      if (middle.length > 0) return pattern.slice(0, star) + middle + pattern.slice(star + 1);
    }
  }
  return undefined;
}

let bySettings = new WeakMap<Settings, SpecifierResolver>();
const byRoot = new Map<string, SpecifierResolver>();
let shared: SpecifierResolver | undefined;

/** A resolver of its own, for one run that should share nothing (and whose cache dies with it). */
export function createResolver(): SpecifierResolver {
  return new SpecifierResolver();
}

/** The process-wide resolver, for callers that know neither the settings nor the project root. */
export function defaultResolver(): SpecifierResolver {
  shared ??= new SpecifierResolver();
  return shared;
}

/**
 * The resolver for a Settings object (it dies with the object) or for a project root (kept until
 * `clearResolverCaches`). Callers in one scope share its memoised lookups.
 */
export function resolverFor(scope: Settings | string): SpecifierResolver {
  if (typeof scope === 'string') {
    const root = path.resolve(scope);
    let resolver = byRoot.get(root);
    if (!resolver) {
      resolver = new SpecifierResolver();
      byRoot.set(root, resolver);
    }
    return resolver;
  }
  let resolver = bySettings.get(scope);
  if (!resolver) {
    resolver = new SpecifierResolver();
    bySettings.set(scope, resolver);
  }
  return resolver;
}

/** Drops every cached resolver, e.g. when an editor session sees files added, moved or edited. */
export function clearResolverCaches(): void {
  for (const resolver of byRoot.values()) resolver.clear();
  byRoot.clear();
  shared?.clear();
  bySettings = new WeakMap();
}
