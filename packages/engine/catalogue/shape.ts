/**
 * The vocabulary of the JWT-library catalogue. Each library describes the value a module gives its
 * importer as a small object graph: which members exist, which of them verify, decode or sign when called
 * (or constructed), and what calling or constructing returns. The engine walks this graph while it
 * follows bindings, so adding a library never means adding code: only a file under libraries/.
 *
 * Facts come from ../shared/reference/jwt-libraries.md (each library's own typings and docs).
 */

export type SiteKind = 'verify' | 'decode' | 'sign';

export interface ApiShape {
  /** Calling (or constructing) this value is a site of this kind. */
  readonly kind?: SiteKind;
  /** What the call is, for messages: 'middleware', 'strategy', 'signature only'. */
  readonly note?: string;
  readonly members?: Readonly<Record<string, ApiShape>>;
  /** The value a call returns (after `await` too, for APIs that return a promise of an object). */
  readonly returns?: ApiShape;
  /** The value `new` returns. */
  readonly instance?: ApiShape;
  /** Index of the options argument, for no-unsafe-verify-options. */
  readonly optionsArg?: number;
  /** What makes a call of this API unsafe beyond the common options (see `UnsafeChecks`). */
  readonly checks?: UnsafeChecks;
  /** Index of the key (secret, public key, JWKS) argument of a verify call. */
  readonly keyArg?: number;
  /** How a call maps onto the canonical validator; without one, a site of this API is always a follow-up. */
  readonly rewrite?: RewriteRecipe;
  /**
   * The follow-up for a site no recipe can express (middleware, strategies, decorators): what a person
   * should do, e.g. 'passport-jwt strategy: make its verify callback call {{name}}'. `{{name}}` is the
   * canonical function's name. Without it the follow-up says the verification moves by hand.
   */
  readonly followUp?: string;
}

/**
 * How a call of an API can skip what verification should do, as data the unsafe-options pass reads.
 * Options are read from the argument at `optionsArg` (an object literal, or a `const` bound to one).
 */
export interface UnsafeChecks {
  /**
   * Options keys that name the accepted algorithm(s): listing `'none'` there is `algorithmNone`
   * (`signsUnsigned` for a sign API). Defaults to `COMMON_ALGORITHM_KEYS`.
   */
  readonly algorithmKeys?: readonly string[];
  /** Options key without which the library trusts the token's own `alg` (`unpinnedAlgorithms`). */
  readonly requiredOption?: string;
  /** Fewer arguments than this leave the algorithm to the token (`unpinnedAlgorithms`). */
  readonly minArgs?: number;
  /** A truthy literal argument at this index skips verification: the call is an unverified decode (`noVerify`). */
  readonly noVerifyFlagArg?: number;
  /** Options keys whose truthy value turns off the expiry check (`ignoreExpiration`). Defaults to `EXPIRY_BYPASS_KEYS`. */
  readonly expiryBypassKeys?: readonly string[];
  /**
   * Options keys of the leeway granted on expiry, in the API's unit, or as a timespan string (`'1 day'`)
   * where the API takes one. One above the rule's `maxClockTolerance` keeps expired tokens valid
   * (`clockTolerance`).
   */
  readonly clockTolerance?: ClockToleranceOption;
}

export interface ClockToleranceOption {
  readonly keys: readonly string[];
  /** The unit of a number: jsonwebtoken and jose count seconds, fast-jwt milliseconds. */
  readonly unit: 'seconds' | 'milliseconds';
  /** The option also takes a timespan string (jose: `'30 s'`, `'1 day'`). */
  readonly timespans?: boolean;
}

/** jsonwebtoken's `clockTolerance` (seconds), which wrappers of it (NestJS, express-jwt) pass on. */
export const JSONWEBTOKEN_CLOCK_TOLERANCE: ClockToleranceOption = { keys: ['clockTolerance'], unit: 'seconds' };

/** The options keys most libraries use for the accepted algorithms. */
export const COMMON_ALGORITHM_KEYS: readonly string[] = ['algorithms', 'algorithm', 'alg'];

/** Options keys whose truthy value turns off the expiry check (`ignoreExpiration`). */
export const EXPIRY_BYPASS_KEYS: readonly string[] = ['ignoreExpiration'];

/**
 * A rewrite recipe: what the rewrite core (packages/rewrite) needs to turn a call of this API into a call
 * of the canonical export. Only the token survives the rewrite: the key (`keyArg`) and options
 * (`optionsArg`) must be what the canonical module already uses, or the site stays a follow-up.
 */
export interface RewriteRecipe {
  /** The canonical export the call becomes: `verify` (settings `exports.verify`) or `decode`. */
  readonly to: 'verify' | 'decode';
  /** Index of the token argument. */
  readonly tokenArg: number;
  /** Most arguments the call may have; a call with more (a callback, header options) stays a follow-up. */
  readonly maxArgs: number;
  /** What the call gives: the payload itself, or an object whose `payload` member is it (jose's `{ payload }`). */
  readonly result: 'payload' | 'payload-member';
  /** The call returns a promise of `result`. */
  readonly promise?: boolean;
  /** The API also takes a callback (jsonwebtoken): a non-literal argument where options go may be one. */
  readonly callbackForm?: boolean;
  /**
   * Set when the rewrite changes behaviour in a way only a person can accept (another failure mode,
   * another algorithm argument): migrate leaves a follow-up with this text, and the editor offers the
   * rewrite as a suggestion that says what to check. `{{name}}` is the canonical function's name.
   */
  readonly confirm?: string;
  /**
   * Option names (in the options argument, or the factory's) that carry the key (`secret`, `publicKey`,
   * fast-jwt's `key`): checked like a key argument, never compared as options.
   */
  readonly keyOptions?: readonly string[];
  /**
   * Where the key comes from when the call names none (NestJS: the `JwtModule.register` options). The rewrite
   * cannot prove that key equal to the canonical one, so the site stays a follow-up that the editor offers
   * after checking this: `{{name}}` is the canonical function's name.
   */
  readonly implicitKey?: string;
  /**
   * Configuration the library merges into every call from elsewhere (NestJS: the registration's
   * `verifyOptions`, and its `secretOrKeyProvider`, which wins over a `secret` option). The rewrite cannot see
   * it, so even a call whose own key and options match stays a follow-up the editor offers after this check.
   */
  readonly implicitOptions?: string;
  /**
   * The API is the function a factory call returned (fast-jwt's `createVerifier(options)`): the key and
   * options are the factory's argument at `optionsArg`, found through the `const` the factory result is
   * bound to (or the factory call itself as callee). A factory with options and no `keyOptions` (a decoder
   * told to return the complete token) stays a follow-up. A key option that is a function (a key callback)
   * makes the call return a promise.
   */
  readonly factory?: { readonly optionsArg: number };
  /** Index of a positional argument that names the algorithm (`'HS256'`): it must be what the canonical options pin. */
  readonly algorithmArg?: number;
  /** Arguments that may only be absent or a falsy literal (jwt-simple's `noVerify` for a verify). */
  readonly falsyArgs?: readonly number[];
  /**
   * The recipe for a call the engine counts as a decode because its `noVerify` flag argument is truthy
   * (`checks.noVerifyFlagArg`): jwt-simple's `decode(token, key, true)`. Its key is unused, so unchecked.
   */
  readonly noVerify?: RewriteRecipe;
  /**
   * For `result: 'payload-member'`: `jwtVerify(…).then(({ payload }) => …)` maps onto the canonical function
   * when that is async (the promise stays, the callback takes the payload).
   */
  readonly thenForm?: boolean;
}

export interface LibraryEntry {
  /** The package name, used in messages and reports. */
  readonly name: string;
  /** Exact module specifiers; `name/*` matches every subpath. */
  readonly modules: readonly string[];
  /** What `import * as ns` and `require()` give. */
  readonly namespace: ApiShape;
  /** What a default import gives; defaults to the namespace (CommonJS interop). */
  readonly defaultExport?: ApiShape;
  /**
   * Calls the library makes available without a binding once a file registers it (decorators added
   * by a framework plugin): `request.jwtVerify()`, `app.jwt.verify()`, `server.auth.strategy(…, 'jwt')`.
   * The last element of `path` is the called member; earlier ones must precede it.
   */
  readonly ambient?: readonly AmbientCall[];
  /**
   * The package does much besides JWTs (a database, push messages, clients for other APIs): only its token
   * surfaces (the members with a `kind`) handle JWTs, so an import of it is a bypass only when its binding
   * reaches one of them in the file, or hands out the service that owns them (`export const auth = getAuth()`).
   */
  readonly multiPurpose?: boolean;
}

export interface AmbientCall {
  readonly path: readonly string[];
  readonly kind: SiteKind;
  readonly note?: string;
  /** The call's argument at this index must be this string (hapi's scheme name). */
  readonly argument?: { readonly index: number; readonly value: string };
  /** The member name is a suffix (fastify's `namespace` option renames `jwtVerify` to `<ns>JwtVerify`). */
  readonly suffix?: boolean;
  /** The follow-up text for this call (see `ApiShape.followUp`). */
  readonly followUp?: string;
  /**
   * Where the plugin is registered in another file (the common layout: `app.register(jwt)` once, routes
   * elsewhere), the call still counts in any file of a project whose package.json depends on the library,
   * when its receiver is one of these: a name (`request`, `app`; the last member of `request.server`),
   * `this` inside a plain function (a fastify handler or plugin), or a binding annotated with one of
   * `receiverTypes` (`request: FastifyRequest`).
   */
  readonly receivers?: readonly string[];
  readonly receiverTypes?: readonly string[];
}

/** A user-declared library from `settings['jwt-ssot'].libraries`. */
export interface LibrarySetting {
  readonly module: string;
  readonly verify?: readonly string[];
  readonly decode?: readonly string[];
  readonly sign?: readonly string[];
}

export const verify = (extra: Partial<ApiShape> = {}): ApiShape => ({ kind: 'verify', ...extra });
export const decode = (extra: Partial<ApiShape> = {}): ApiShape => ({ kind: 'decode', ...extra });
export const sign = (extra: Partial<ApiShape> = {}): ApiShape => ({ kind: 'sign', ...extra });
export const object = (members: Record<string, ApiShape>, extra: Partial<ApiShape> = {}): ApiShape => ({
  members,
  ...extra,
});

/** Token-only decodes that return the payload: `decode(token)` → the canonical decode. */
export const payloadDecode: RewriteRecipe = { to: 'decode', tokenArg: 0, maxArgs: 1, result: 'payload' };
