/** The detection engine: one catalogue, one settings reader, one binding tracker for every tool. */
export * from './catalogue.js';
export * from './settings.js';
export * from './types.js';
export * from './findings.js';
export { analyzeFile, findVariable, scopeOf, type AnalyzeInput } from './analyze.js';
export { mightContainSites, prefilterPattern } from './prefilter.js';
export { parseFile, ParseError, type ParsedFile, type ParseOptions } from './parse.js';
export { entryImportSpecifier, exportedNames, resolveSourceFile } from './auth-entry.js';
export { expressionKey } from './unsafe-options.js';
export { toPosix } from './paths.js';
export { packageInfo, type PackageInfo } from './package-info.js';
