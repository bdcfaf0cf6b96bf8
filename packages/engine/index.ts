/** The detection engine: one catalogue, one settings reader, one binding tracker for every tool. */
export * from './catalogue/index.js';
export * from './settings.js';
export * from './types.js';
export * from './findings.js';
export { analyzeFile } from './analyze.js';
export { findVariable, isGlobalName, scopeOf } from './ast/scope.js';
export { mightContainSites, prefilterPattern } from './prefilter.js';
export { parseFile, ParseError, type ParsedFile, type ParseOptions, type ParserName } from './parse.js';
export { entryImportSpecifier, exportedNames, resolveSourceFile } from './auth-entry.js';
export { expressionKey } from './passes/unsafe-options.js';
export { toPosix } from './paths.js';
export { packageInfo, type PackageInfo } from './package-info.js';
export {
  clearResolverCaches,
  createResolver,
  defaultResolver,
  resolverFor,
  RESOLVE_EXTENSIONS,
  SpecifierResolver,
  type ResolveOptions,
  type TsconfigFacts,
} from './resolve.js';
