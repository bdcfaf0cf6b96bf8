/** What the engine reports about one file. Every consumer (rules, audit, codemods) reads these. */
import type { ParserServices, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ApiShape, LibraryEntry, SiteKind } from './catalogue/index.js';
import type { ResolvedAuthModule, Settings } from './settings.js';

/** One parsed file and what to analyse it with. */
export interface AnalyzeInput {
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly filename: string;
  readonly text: string;
  readonly settings: Settings;
  /** Present under typed linting: enables barrel and re-export resolution. */
  readonly parserServices?: Partial<ParserServices>;
  /** How deep inside code strings (`eval('…')`) this text is; bounds the recursion. */
  readonly codeStringDepth?: number;
}

/** How a call site reaches the API. */
export type CallForm =
  /** `verify(t, k)`, `jwt.verify(t, k)`, `jwt?.verify(t)` */
  | 'call'
  /** `new Strategy(opts, cb)` */
  | 'new'
  /** `verify.call(null, t, k)`, `verify.apply(null, [t, k])`, `Reflect.apply(verify, null, [t, k])` */
  | 'indirect'
  /** The function value leaves our sight: passed as an argument, stored in an object, exported. */
  | 'reference'
  /** `jwt[name](t)`: a computed member of a JWT library; which API it is cannot be told. */
  | 'computed'
  /** A framework decorator registered by the library: `request.jwtVerify()`, `server.auth.strategy(…)`. */
  | 'ambient'
  /** Base64 decoding of a token segment: `atob(t.split('.')[1])`. */
  | 'hand-rolled';

export interface CallSite {
  readonly kind: SiteKind;
  readonly library: string;
  /** The API as users write it: `verify`, `token.verify`, `createVerifier()`, `atob`. */
  readonly api: string;
  readonly form: CallForm;
  /** The node to report: the call, the `new`, or the escaping reference. */
  readonly node: TSESTree.Node;
  /** The arguments the API receives (after unpacking `.call`, `.apply`, `Reflect.apply`). */
  readonly args: readonly TSESTree.Node[];
  readonly shape?: ApiShape;
  readonly note?: string;
  /** For hand-rolled decoding: the token expression whose segment is decoded. */
  readonly token?: TSESTree.Node;
}

export type ImportForm = 'import' | 'require' | 'dynamic-import' | 'import-equals' | 'export-from' | 'export-all';

export interface ImportSite {
  readonly form: ImportForm;
  /** The import declaration, require call, `import()` or re-export. */
  readonly node: TSESTree.Node;
  readonly source: TSESTree.Node;
  readonly specifier: string;
  /** `import type` (the declaration, or every specifier in it). */
  readonly typeOnly: boolean;
  /** The JWT library the specifier names, or undefined for a private auth-module path. */
  readonly library?: LibraryEntry;
  /** The auth module whose private path this imports. */
  readonly authModule?: ResolvedAuthModule;
}

export interface SecretSite {
  readonly name: string;
  readonly node: TSESTree.Node;
  /** `process.env.X`, `process.env['X']`, `const { X } = process.env`, `import.meta.env.X`, `Deno.env.get('X')`. */
  readonly source: string;
}

export type UnsafeReason =
  | 'ignoreExpiration'
  | 'algorithmNone'
  /** A sign call with `alg: 'none'`: it issues unsigned tokens. */
  | 'signsUnsigned'
  | 'unpinnedAlgorithms'
  | 'noVerify'
  | 'fallbackDecode'
  /** A clock tolerance so large that expiry no longer matters (above the rule's `maxClockTolerance`). */
  | 'clockTolerance';

export interface UnsafeSite {
  readonly reason: UnsafeReason;
  readonly node: TSESTree.Node;
  readonly library: string;
  readonly api: string;
  /** The verify call a fallback decode belongs to. */
  readonly verifySite?: CallSite;
  /** The decode a fallback runs (inside a helper when `node` is the helper's call). */
  readonly decodeSite?: CallSite;
  /** A `clockTolerance` site's leeway in seconds (the rule compares it with its threshold). */
  readonly toleranceSeconds?: number;
}

/** A `require(expr)` / `import(expr)` whose module cannot be known statically. */
export interface UnresolvedModuleSite {
  readonly node: TSESTree.Node;
  readonly form: 'require' | 'dynamic-import';
}

export interface FileAnalysis {
  readonly calls: readonly CallSite[];
  readonly imports: readonly ImportSite[];
  readonly secrets: readonly SecretSite[];
  readonly unsafe: readonly UnsafeSite[];
  readonly unresolvedModules: readonly UnresolvedModuleSite[];
  /** The file is the canonical module or matches `allow`. */
  readonly exempt: boolean;
  /** The text mentions JWTs: an unanalysable `require(expr)` here is worth a finding. */
  readonly mentionsJwt: boolean;
}
