/**
 * The one place that decides how a file spells the canonical module: `importPath`, a package name, a
 * tsconfig `paths` alias, or a relative path, and whether it ends in `.js` (NodeNext ESM). Read with
 * get-tsconfig, never TypeScript's API, so the lint rules can call it from an editor.
 * The engine's specifier resolver (packages/engine/resolve.ts) is meant to take this over: keep the
 * interface small.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getTsconfig } from 'get-tsconfig';
import { stripExtension, toPosix, type Settings } from '../engine/index.js';

export interface SpecifierHints {
  /** The importing file uses `require` (its new import is a `require` without an extension). */
  readonly commonJs: boolean;
  /** The file's own relative imports end in `.js`: follow them when the project does not decide. */
  readonly importsUseJs: boolean;
}

interface TsconfigFacts {
  readonly nodeNext: boolean;
  /** Absolute base the `paths` targets resolve from, and the mappings. */
  readonly pathsBase: string;
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

const NODE_NEXT = new Set(['node16', 'nodenext']);

function tsconfigFacts(file: string): TsconfigFacts | undefined {
  const found = getTsconfig(path.dirname(file));
  if (!found) return undefined;
  const options = found.config.compilerOptions ?? {};
  const resolution = (options.moduleResolution ?? options.module)?.toLowerCase();
  const dir = path.dirname(found.path);
  return {
    nodeNext: resolution !== undefined && NODE_NEXT.has(resolution),
    pathsBase: path.resolve(dir, options.baseUrl ?? '.'),
    paths: options.paths ?? {},
  };
}

function packageType(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        return (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** True/false when the project's module system decides `.js` endings; undefined to follow the file's own imports. */
function projectWantsJs(facts: TsconfigFacts | undefined, file: string): boolean | undefined {
  if (!facts?.nodeNext) return undefined;
  const ext = path.extname(file);
  if (ext === '.mts' || ext === '.mjs') return true;
  if (ext === '.cts' || ext === '.cjs') return false;
  return packageType(file) === 'module' ? true : undefined;
}

/** The alias a tsconfig `paths` entry gives the canonical module, e.g. `@/auth/jwt-handler`. */
function pathsAlias(facts: TsconfigFacts, canonicalFile: string): string | undefined {
  const target = stripExtension(canonicalFile);
  for (const [pattern, targets] of Object.entries(facts.paths)) {
    for (const mapping of targets) {
      const absolute = stripExtension(path.resolve(facts.pathsBase, mapping));
      const star = absolute.indexOf('*');
      if (star === -1) {
        if (absolute === target && !pattern.includes('*')) return pattern;
        continue;
      }
      const prefix = absolute.slice(0, star);
      const suffix = absolute.slice(star + 1);
      if (target.startsWith(prefix) && target.endsWith(suffix) && target.length >= prefix.length + suffix.length) {
        const middle = toPosix(target.slice(prefix.length, target.length - suffix.length));
        if (pattern.includes('*')) return pattern.replace('*', middle);
      }
    }
  }
  return undefined;
}

function jsExtensionOf(file: string): string {
  const ext = path.extname(file);
  return ext === '.mts' ? '.mjs' : ext === '.cts' ? '.cjs' : '.js';
}

/**
 * The specifier `fromFile` imports the canonical module by: `importPath` when set, the package name when
 * `module` is one, a tsconfig `paths` alias that maps to it, otherwise the relative path; with `.js` when
 * the project is NodeNext ESM (or, when the project does not decide, when the file's imports have it).
 */
export function canonicalImportSpecifier(settings: Settings, fromFile: string, hints: SpecifierHints): string | undefined {
  const canonical = settings.canonical;
  if (!canonical) return undefined;
  if (canonical.importPath) return canonical.importPath;
  if (!canonical.file) return canonical.module;
  const facts = tsconfigFacts(path.resolve(fromFile));
  const projectJs = projectWantsJs(facts, path.resolve(fromFile));
  const alias = facts && pathsAlias(facts, canonical.file);
  if (alias) return projectJs ? `${alias}.js` : alias;
  let relative = toPosix(path.relative(path.dirname(path.resolve(fromFile)), stripExtension(canonical.file)));
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const withJs = !hints.commonJs && (projectJs ?? hints.importsUseJs);
  return withJs ? relative + jsExtensionOf(canonical.file) : relative;
}
