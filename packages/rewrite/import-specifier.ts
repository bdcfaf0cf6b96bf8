/**
 * The one place that decides how a file spells the canonical module: `importPath`, a package name, a
 * tsconfig `paths` alias, or a relative path, and whether it ends in `.js` (NodeNext ESM, or JavaScript
 * that Node runs as ESM). The tsconfig
 * facts come from the engine's one resolver (get-tsconfig underneath, never TypeScript's API), so the
 * lint rules can call this from an editor and share the resolver's cache with the engine.
 */
import path from 'node:path';
import { resolverFor, stripExtension, toPosix, type Settings } from '../engine/index.js';

export interface SpecifierHints {
  /** The importing file uses `require` (its new import is a `require` without an extension). */
  readonly commonJs: boolean;
  /** The file's own relative imports end in `.js`: follow them when the project does not decide. */
  readonly importsUseJs: boolean;
}

function jsExtensionOf(file: string): string {
  const ext = path.extname(file);
  if (ext === '.mjs' || ext === '.cjs') return ext;
  return ext === '.mts' ? '.mjs' : ext === '.cts' ? '.cjs' : '.js';
}

const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs', '.jsx']);
const isJavaScript = (file: string): boolean => JAVASCRIPT.has(path.extname(file));

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
  const file = path.resolve(fromFile);
  const resolver = resolverFor(settings);
  const projectJs = resolver.needsJsExtension(file);
  const alias = resolver.pathsAlias(file, canonical.file);
  if (alias) return projectJs ? `${alias}.js` : alias;
  let relative = toPosix(path.relative(path.dirname(file), stripExtension(canonical.file)));
  if (!relative.startsWith('.')) relative = `./${relative}`;
  // Plain JavaScript that Node runs as ESM needs the real extension whatever the tsconfig says (Node
  // resolves no extensionless relative import): `./auth` would fail with ERR_MODULE_NOT_FOUND.
  const nodeEsmJavaScript = isJavaScript(file) && isJavaScript(canonical.file) && resolver.runsAsEsm(file);
  const withJs = !hints.commonJs && (nodeEsmJavaScript || (projectJs ?? hints.importsUseJs));
  return withJs ? relative + jsExtensionOf(canonical.file) : relative;
}
