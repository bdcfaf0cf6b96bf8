/**
 * Which TypeScript the migration's type check runs with: the project's own (resolved from the project's
 * folder, as its `tsc` would be), so the check reports what the project's build reports. jwt-ssot's own
 * TypeScript is used only when the project has none, or has one without a JavaScript compiler API
 * (TypeScript 7, the native compiler), and the report says so.
 */
import fs from 'node:fs';
import path from 'node:path';

export type TypeScriptApi = typeof import('typescript');

export interface CompilerInfo {
  /** The version of the TypeScript the check ran with. */
  readonly version: string;
  /** `project`: the project's own; `bundled`: the one jwt-ssot depends on. */
  readonly source: 'project' | 'bundled';
  /** The folder of the TypeScript package that ran the check. */
  readonly location: string;
  /** Why the bundled one ran, as a sentence fragment ("the project has no typescript in its node_modules"). */
  readonly fallbackReason?: string;
}

export interface LoadedCompiler {
  readonly ts: TypeScriptApi;
  readonly info: CompilerInfo;
}

/** The parts of the compiler API the check calls; a module without them cannot run it. */
const REQUIRED_API = ['createProgram', 'createCompilerHost', 'readConfigFile', 'parseJsonConfigFileContent', 'getPreEmitDiagnostics', 'flattenDiagnosticMessageText'] as const;

function missingApi(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null) return 'it exports no compiler API';
  const api = candidate as Record<string, unknown>;
  const missing = REQUIRED_API.filter((name) => typeof api[name] !== 'function');
  return missing.length > 0 ? `it has no ${missing.join(', ')}` : undefined;
}

/** The folder of the `typescript` package that `require('typescript')` from `projectRoot` would load. */
function resolveProjectTypeScript(projectRoot: string): { folder: string; entry?: string } | undefined {
  const paths = [projectRoot];
  try {
    const entry = require.resolve('typescript', { paths });
    for (let dir = path.dirname(entry); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
      if (readManifest(dir)?.name === 'typescript') return { folder: asSeenFrom(projectRoot, dir), entry };
    }
  } catch {
    // No loadable entry point (none installed, or a package without a CommonJS main): try the manifest.
  }
  try {
    return { folder: asSeenFrom(projectRoot, path.dirname(require.resolve('typescript/package.json', { paths }))) };
  } catch {
    return undefined;
  }
}

/**
 * The package folder by the path the project reaches it (`<project>/node_modules/typescript`), not the
 * target of a symlinked node_modules that require.resolve returns, so the report names what the user has.
 */
function asSeenFrom(projectRoot: string, resolved: string): string {
  for (let dir = path.resolve(projectRoot); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', 'typescript');
    try {
      if (fs.realpathSync(candidate) === fs.realpathSync(resolved)) return candidate;
    } catch {
      // Not installed at this level: look further up.
    }
    if (path.dirname(dir) === dir) return resolved;
  }
}

function readManifest(dir: string): { name?: string; version?: string } | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
  } catch {
    return undefined;
  }
}

const majorOf = (version: string): number => Number.parseInt(version, 10);

function bundled(fallbackReason: string): LoadedCompiler {
  const ts = require('typescript') as TypeScriptApi;
  return { ts, info: { version: ts.version, source: 'bundled', location: path.dirname(require.resolve('typescript/package.json')), fallbackReason } };
}

/** The project's TypeScript when it has a usable one, else jwt-ssot's own with the reason. */
export function loadCompiler(projectRoot: string): LoadedCompiler {
  const found = resolveProjectTypeScript(projectRoot);
  if (!found) return bundled('the project has no typescript in its node_modules');
  const declared = readManifest(found.folder)?.version ?? 'of unknown version';
  const nativeNote = majorOf(declared) >= 7 ? `; TypeScript ${majorOf(declared)} is the native compiler` : '';
  if (!found.entry) return bundled(`the project's TypeScript ${declared} has no JavaScript entry point${nativeNote}`);
  let loaded: unknown;
  try {
    loaded = require(found.entry);
  } catch (error) {
    const firstLine = ((error as Error).message ?? String(error)).split('\n')[0];
    return bundled(`the project's TypeScript ${declared} could not be loaded (${firstLine})${nativeNote}`);
  }
  const missing = missingApi(loaded);
  if (missing) return bundled(`the project's TypeScript ${declared} has no JavaScript compiler API (${missing})${nativeNote}`);
  const ts = loaded as TypeScriptApi;
  return { ts, info: { version: typeof ts.version === 'string' ? ts.version : declared, source: 'project', location: found.folder } };
}
