/**
 * What the package needs from the user's project, checked before anything loads the parser: the parser
 * stack (typescript-eslint) uses the TypeScript compiler API of the project's own `typescript` (a peer
 * dependency, so a project never carries a second copy), and the CLI reads flat ESLint configs. Without
 * this check TypeScript 7 (the native compiler, no JavaScript API) crashed every entry point with
 * `Cannot read properties of undefined (reading 'Intrinsic')`; now each prints one line that says what to
 * install.
 */
import { createRequire } from 'node:module';

export const SUPPORTED_TYPESCRIPT = '>=5.0.0 <6.1.0';

/** A failed requirement: one line, no stack, whoever prints it. */
export class RequirementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequirementError';
    this.stack = message;
  }
}

/** The version of a package as `require` from this package resolves it, the way the parser stack finds it. */
export type VersionLookup = (name: 'typescript' | 'eslint') => string | undefined;

const localRequire = createRequire(__filename);

export const installedVersion: VersionLookup = (name) => {
  try {
    return (localRequire(`${name}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

function majorMinor(version: string): [number, number] {
  const [major = 0, minor = 0] = version.split(/[.-]/).map(Number);
  return [major, minor];
}

/** Why TypeScript cannot be used, or undefined when the installed one is supported. */
export function typescriptProblem(lookup: VersionLookup = installedVersion): string | undefined {
  const version = lookup('typescript');
  const needs = `eslint-plugin-jwt-ssot needs TypeScript ${SUPPORTED_TYPESCRIPT} (its parser, typescript-eslint, uses the compiler API)`;
  if (version === undefined) return `${needs}, and none is installed: npm install --save-dev typescript@~6.0`;
  const [major, minor] = majorMinor(version);
  if (major === 5 || (major === 6 && minor === 0)) return undefined;
  if (major >= 7) {
    return `${needs}, but the project has TypeScript ${version}, which has no JavaScript API: keep 6.0 as typescript and 7 under an alias, npm install --save-dev typescript@~6.0 @typescript/native@npm:typescript@^${major}`;
  }
  return `${needs}, but the project has TypeScript ${version}: npm install --save-dev typescript@~6.0 (or any 5.x)`;
}

/** Why ESLint cannot be used (the CLI reads flat configs through it), or undefined when it is 9 or 10. */
export function eslintProblem(lookup: VersionLookup = installedVersion): string | undefined {
  const version = lookup('eslint');
  const needs = 'eslint-plugin-jwt-ssot needs ESLint 9 or 10 with a flat config (eslint.config.*)';
  if (version === undefined) return `${needs}, and none is installed: npm install --save-dev eslint@^10`;
  const [major] = majorMinor(version);
  if (major === 9 || major === 10) return undefined;
  if (major < 9) return `${needs}, but the project has ESLint ${version}: npm install --save-dev eslint@^10 and move the settings from .eslintrc into eslint.config.mjs`;
  return `${needs}, but the project has ESLint ${version}, which this version has not been tested with: npm install --save-dev eslint@^10`;
}

/** Throws a RequirementError (one line) when TypeScript or, with `eslint`, ESLint is unsupported. */
export function assertSupportedRuntime(options: { readonly eslint: boolean }, lookup: VersionLookup = installedVersion): void {
  const problem = typescriptProblem(lookup) ?? (options.eslint ? eslintProblem(lookup) : undefined);
  if (problem) throw new RequirementError(problem);
}
