/**
 * The JWT-library catalogue, as data. Each library describes the value a module gives its importer as a
 * small object graph: which members exist, which of them verify, decode or sign when called (or
 * constructed), and what calling or constructing returns. The engine walks this graph while it follows
 * bindings, so adding a library never means adding code.
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
  /** Library-specific checks of the call's arguments (see unsafe-options.ts). */
  readonly checks?: readonly UnsafeCheck[];
  /** Index of the key (secret, public key, JWKS) argument of a verify call. */
  readonly keyArg?: number;
  /** How a call maps onto the canonical validator; without one, a site of this API is always a follow-up. */
  readonly rewrite?: RewriteRecipe;
}

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
}

export type UnsafeCheck =
  /** The algorithm is pinned by an options key; without it the library trusts the token (fast-jwt). */
  | 'requiresAlgorithmsOption'
  /** jwt-simple: decode(t, key) without the 4th argument uses the token's own `alg`. */
  | 'jwtSimpleAlgorithmArg'
  /** njwt: verify(token) with one argument accepts `alg: none`. */
  | 'njwtSingleArgument'
  /** hono: verify(t, key) without `alg` (required since 4.11.4). */
  | 'honoAlgArg';

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
}

export interface AmbientCall {
  readonly path: readonly string[];
  readonly kind: SiteKind;
  readonly note?: string;
  /** The call's argument at this index must be this string (hapi's scheme name). */
  readonly argument?: { readonly index: number; readonly value: string };
  /** The member name is a suffix (fastify's `namespace` option renames `jwtVerify` to `<ns>JwtVerify`). */
  readonly suffix?: boolean;
}

const verify = (extra: Partial<ApiShape> = {}): ApiShape => ({ kind: 'verify', ...extra });
const decode = (extra: Partial<ApiShape> = {}): ApiShape => ({ kind: 'decode', ...extra });
const sign = (extra: Partial<ApiShape> = {}): ApiShape => ({ kind: 'sign', ...extra });
const object = (members: Record<string, ApiShape>, extra: Partial<ApiShape> = {}): ApiShape => ({
  members,
  ...extra,
});

// Token-only decodes that return the payload: `decode(token)` → the canonical decode.
const payloadDecode: RewriteRecipe = { to: 'decode', tokenArg: 0, maxArgs: 1, result: 'payload' };

const jsonwebtoken = object({
  verify: verify({ optionsArg: 2, keyArg: 1, rewrite: { to: 'verify', tokenArg: 0, maxArgs: 3, result: 'payload', callbackForm: true } }),
  decode: decode({ rewrite: payloadDecode }),
  sign: sign({ optionsArg: 2 }),
});

const jose = object({
  jwtVerify: verify({ optionsArg: 2, keyArg: 1, rewrite: { to: 'verify', tokenArg: 0, maxArgs: 3, result: 'payload-member', promise: true } }),
  jwtDecrypt: verify({ optionsArg: 2 }),
  compactVerify: verify({ note: 'signature only' }),
  flattenedVerify: verify({ note: 'signature only' }),
  generalVerify: verify({ note: 'signature only' }),
  decodeJwt: decode({ rewrite: payloadDecode }),
  decodeProtectedHeader: decode(),
  SignJWT: sign(),
  EncryptJWT: sign(),
  CompactSign: sign(),
  UnsecuredJWT: sign({ members: { decode: decode() } }),
  // jose v1/v2 (legacy): const { JWT } = require('jose')
  JWT: object({ verify: verify({ optionsArg: 2 }), decode: decode(), sign: sign() }),
});

const jwtDecode = decode({ rewrite: payloadDecode, members: { jwtDecode: decode({ rewrite: payloadDecode }), default: decode({ rewrite: payloadDecode }) } });

const fastJwt = object({
  createVerifier: verify({ optionsArg: 0, note: 'factory', checks: ['requiresAlgorithmsOption'], returns: verify() }),
  createDecoder: decode({ note: 'factory', returns: decode() }),
  createSigner: sign({ optionsArg: 0, note: 'factory', returns: sign() }),
});

const nestJwtService = object({
  verify: verify({ optionsArg: 1 }),
  verifyAsync: verify({ optionsArg: 1 }),
  decode: decode(),
  sign: sign({ optionsArg: 1 }),
  signAsync: sign({ optionsArg: 1 }),
});

const expressJwt = verify({ note: 'middleware', optionsArg: 0, members: { expressjwt: verify({ note: 'middleware', optionsArg: 0 }) } });

const awsVerifierFactory = object({
  create: { returns: object({ verify: verify({ optionsArg: 1 }), verifySync: verify({ optionsArg: 1 }) }) },
});

const firebaseAuth = object({
  verifyIdToken: verify(),
  verifySessionCookie: verify(),
  createCustomToken: sign(),
  createSessionCookie: sign(),
});

const firebaseApp = object({ auth: { returns: firebaseAuth } });

const googleOAuth2Client = object({
  verifyIdToken: verify(),
  verifySignedJwtWithCerts: verify(),
  verifySignedJwtWithCertsAsync: verify(),
});

const cloudflareWorkerJwt = object({
  verify: verify({
    optionsArg: 2,
    keyArg: 1,
    rewrite: {
      to: 'verify',
      tokenArg: 0,
      maxArgs: 3,
      result: 'payload',
      confirm: 'its verify resolves to `undefined` (v2: `false`) for a bad token where {{name}} throws, and to `{ header, payload }` (v3) rather than the payload; check how the result is used',
    },
  }),
  decode: decode({
    rewrite: { to: 'decode', tokenArg: 0, maxArgs: 1, result: 'payload', confirm: 'its decode returns `{ header, payload }`, not the payload; check how the result is used' },
  }),
  sign: sign({ optionsArg: 2 }),
});

const honoJwt = object({
  jwt: verify({ note: 'middleware', optionsArg: 0 }),
  verify: verify({
    optionsArg: 2,
    keyArg: 1,
    checks: ['honoAlgArg'],
    rewrite: {
      to: 'verify',
      tokenArg: 0,
      maxArgs: 3,
      result: 'payload',
      promise: true,
      confirm: 'its third argument pins the algorithm; check that {{name}} pins the same one and reads the same key',
    },
  }),
  verifyWithJwks: verify({ optionsArg: 1 }),
  decode: decode({
    rewrite: { to: 'decode', tokenArg: 0, maxArgs: 1, result: 'payload', confirm: 'its decode returns `{ header, payload }`, not the payload; check how the result is used' },
  }),
  decodeHeader: decode(),
  sign: sign(),
  Jwt: object({ verify: verify({ optionsArg: 2, checks: ['honoAlgArg'] }), decode: decode(), sign: sign() }),
  jwk: verify({ note: 'middleware', optionsArg: 0 }),
});

const authJwt = object({
  getToken: verify({ optionsArg: 0 }),
  decode: verify({ note: 'authenticated decrypt' }),
  encode: sign(),
});

export const LIBRARIES: readonly LibraryEntry[] = [
  { name: 'jsonwebtoken', modules: ['jsonwebtoken', 'jsonwebtoken/*'], namespace: jsonwebtoken },
  // Each function is also its own file in the package: require('jsonwebtoken/verify') is verify.
  { name: 'jsonwebtoken', modules: ['jsonwebtoken/verify', 'jsonwebtoken/verify.js'], namespace: jsonwebtoken.members!.verify! },
  { name: 'jsonwebtoken', modules: ['jsonwebtoken/decode', 'jsonwebtoken/decode.js'], namespace: jsonwebtoken.members!.decode! },
  { name: 'jsonwebtoken', modules: ['jsonwebtoken/sign', 'jsonwebtoken/sign.js'], namespace: jsonwebtoken.members!.sign! },
  { name: 'jose', modules: ['jose', 'jose/*'], namespace: jose },
  { name: 'jwt-decode', modules: ['jwt-decode'], namespace: jwtDecode, defaultExport: decode({ rewrite: payloadDecode }) },
  { name: 'fast-jwt', modules: ['fast-jwt'], namespace: fastJwt },
  {
    name: '@nestjs/jwt',
    modules: ['@nestjs/jwt'],
    namespace: object({ JwtService: { instance: nestJwtService }, JwtModule: {} }),
  },
  {
    name: '@fastify/jwt',
    modules: ['@fastify/jwt', 'fastify-jwt'],
    namespace: {},
    ambient: [
      { path: ['jwtVerify'], kind: 'verify', suffix: true },
      { path: ['jwtDecode'], kind: 'decode', suffix: true },
      { path: ['jwtSign'], kind: 'sign', suffix: true },
      { path: ['jwt', 'verify'], kind: 'verify' },
      { path: ['jwt', 'decode'], kind: 'decode' },
      { path: ['jwt', 'sign'], kind: 'sign' },
    ],
  },
  { name: 'express-jwt', modules: ['express-jwt'], namespace: expressJwt },
  {
    name: 'passport-jwt',
    modules: ['passport-jwt'],
    namespace: object({ Strategy: verify({ note: 'strategy', optionsArg: 0 }), ExtractJwt: {} }),
  },
  { name: 'koa-jwt', modules: ['koa-jwt'], namespace: verify({ note: 'middleware', optionsArg: 0 }) },
  {
    name: 'hapi-auth-jwt2',
    modules: ['hapi-auth-jwt2'],
    namespace: {},
    ambient: [{ path: ['auth', 'strategy'], kind: 'verify', note: 'strategy', argument: { index: 1, value: 'jwt' } }],
  },
  {
    name: '@hapi/jwt',
    modules: ['@hapi/jwt'],
    namespace: object({
      plugin: {},
      token: object({
        verify: verify({ optionsArg: 2 }),
        verifySignature: verify({ note: 'signature only' }),
        verifyPayload: verify({ note: 'claims only' }),
        verifyTime: verify({ note: 'time claims only' }),
        decode: decode(),
        generate: sign(),
      }),
    }),
    ambient: [{ path: ['auth', 'strategy'], kind: 'verify', note: 'strategy', argument: { index: 1, value: 'jwt' } }],
  },
  {
    name: 'jws',
    modules: ['jws'],
    namespace: object({ verify: verify(), createVerify: verify(), decode: decode(), sign: sign(), createSign: sign() }),
  },
  {
    name: 'jwt-simple',
    modules: ['jwt-simple'],
    namespace: object({ decode: verify({ checks: ['jwtSimpleAlgorithmArg'] }), encode: sign() }),
  },
  {
    name: 'njwt',
    modules: ['njwt'],
    namespace: object({
      verify: verify({ checks: ['njwtSingleArgument'] }),
      createVerifier: verify({ note: 'factory' }),
      create: sign(),
      createJwt: sign(),
    }),
  },
  {
    name: 'jsrsasign',
    modules: ['jsrsasign'],
    namespace: object({
      KJUR: object({
        jws: object({
          JWS: object({
            verifyJWT: verify({ optionsArg: 2 }),
            verify: verify(),
            parse: decode(),
            readSafeJSONString: {},
            sign: sign(),
          }),
        }),
      }),
    }),
  },
  { name: 'next-auth/jwt', modules: ['next-auth/jwt'], namespace: authJwt },
  { name: '@auth/core/jwt', modules: ['@auth/core/jwt'], namespace: authJwt },
  { name: 'hono/jwt', modules: ['hono/jwt', 'hono/utils/jwt', 'hono/utils/jwt/*', 'hono/jwk'], namespace: honoJwt },
  {
    name: 'aws-jwt-verify',
    modules: ['aws-jwt-verify', 'aws-jwt-verify/*'],
    namespace: object({
      CognitoJwtVerifier: awsVerifierFactory,
      JwtVerifier: awsVerifierFactory,
      AlbJwtVerifier: awsVerifierFactory,
      JwtRsaVerifier: awsVerifierFactory,
      decomposeUnverifiedJwt: decode(),
    }),
  },
  {
    name: 'google-auth-library',
    modules: ['google-auth-library'],
    namespace: object({ OAuth2Client: { instance: googleOAuth2Client } }),
  },
  {
    name: 'firebase-admin',
    modules: ['firebase-admin', 'firebase-admin/*'],
    namespace: object({
      auth: { returns: firebaseAuth },
      app: { returns: firebaseApp },
      initializeApp: { returns: firebaseApp },
      getAuth: { returns: firebaseAuth },
    }),
  },
  {
    name: '@clerk/backend',
    modules: ['@clerk/backend', '@clerk/backend/*'],
    namespace: object({
      verifyToken: verify({ optionsArg: 1 }),
      createClerkClient: {
        returns: object({ authenticateRequest: verify({ optionsArg: 1 }), verifyToken: verify({ optionsArg: 1 }) }),
      },
      authenticateRequest: verify({ optionsArg: 1 }),
      verifyJwt: verify({ optionsArg: 1 }),
      hasValidSignature: verify({ note: 'signature only' }),
      decodeJwt: decode(),
      signJwt: sign(),
    }),
  },
  {
    name: '@tsndr/cloudflare-worker-jwt',
    modules: ['@tsndr/cloudflare-worker-jwt'],
    namespace: cloudflareWorkerJwt,
  },
  {
    name: 'oslo/jwt',
    modules: ['oslo/jwt'],
    namespace: object({ validateJWT: verify(), parseJWT: decode(), createJWT: sign() }),
  },
  {
    name: '@oslojs/jwt',
    modules: ['@oslojs/jwt'],
    namespace: object({ parseJWT: decode(), decodeJWT: decode(), encodeJWT: sign() }),
  },
];

/** A user-declared library from `settings['jwt-ssot'].libraries`. */
export interface LibrarySetting {
  readonly module: string;
  readonly verify?: readonly string[];
  readonly decode?: readonly string[];
  readonly sign?: readonly string[];
}

export function libraryFromSetting(setting: LibrarySetting): LibraryEntry {
  const members: Record<string, ApiShape> = {};
  for (const kind of ['verify', 'decode', 'sign'] as const) {
    for (const name of setting[kind] ?? []) members[name] = { kind };
  }
  return { name: setting.module, modules: [setting.module], namespace: { members } };
}

const CDN_PREFIX = /^https?:\/\/(?:esm\.sh|cdn\.skypack\.dev|esm\.run|unpkg\.com|jspm\.dev|cdn\.jsdelivr\.net\/npm)\/(?:v\d+\/)?/;

/** Strips what a runtime adds to a bare specifier (`node:`-style `npm:` prefixes, Deno versions). */
export function normaliseSpecifier(specifier: string): string {
  let spec = specifier.startsWith('npm:') ? specifier.slice(4) : specifier;
  // A path into node_modules, or a CDN URL that serves npm packages, names the package after its prefix.
  const inNodeModules = spec.lastIndexOf('node_modules/');
  if (inNodeModules !== -1) spec = spec.slice(inNodeModules + 'node_modules/'.length);
  const cdn = CDN_PREFIX.exec(spec);
  if (cdn) spec = spec.slice(cdn[0].length).replace(/[?#].*$/, '');
  if (spec.length > 1 && spec.endsWith('/')) spec = spec.slice(0, -1);
  // npm:jsonwebtoken@9 / npm:@scope/pkg@1/sub: drop the version, keep any subpath.
  const versionAt = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (versionAt > 0) {
    const slash = spec.indexOf('/', versionAt);
    spec = spec.slice(0, versionAt) + (slash === -1 ? '' : spec.slice(slash));
  }
  return spec;
}

export class LibraryIndex {
  private readonly exact = new Map<string, LibraryEntry>();
  private readonly prefixes: Array<[string, LibraryEntry]> = [];
  /** Every module name (without `/*`), for the text prefilter. */
  readonly moduleNames: readonly string[];

  constructor(readonly libraries: readonly LibraryEntry[]) {
    const names = new Set<string>();
    for (const library of libraries) {
      for (const module of library.modules) {
        if (module.endsWith('/*')) {
          const base = module.slice(0, -2);
          this.prefixes.push([`${base}/`, library]);
          names.add(base);
        } else {
          this.exact.set(module, library);
          names.add(module);
        }
      }
    }
    this.moduleNames = [...names];
  }

  find(specifier: string): LibraryEntry | undefined {
    const spec = normaliseSpecifier(specifier);
    const hit = this.exact.get(spec);
    if (hit) return hit;
    for (const [prefix, library] of this.prefixes) if (spec.startsWith(prefix)) return library;
    return undefined;
  }
}

/**
 * Every member name that is a site anywhere in a library's graph, with its kind. Typed linting uses it
 * to map a symbol declared in a library's typings back to a site.
 */
export function siteNamesOf(library: LibraryEntry): Map<string, SiteKind> {
  const names = new Map<string, SiteKind>();
  const seen = new Set<ApiShape>();
  const visit = (shape: ApiShape | undefined, name: string | undefined): void => {
    if (!shape || seen.has(shape)) return;
    seen.add(shape);
    if (shape.kind && name && !names.has(name)) names.set(name, shape.kind);
    for (const [member, child] of Object.entries(shape.members ?? {})) visit(child, member);
    visit(shape.returns, undefined);
    visit(shape.instance, undefined);
  };
  visit(library.namespace, undefined);
  visit(library.defaultExport, undefined);
  for (const ambient of library.ambient ?? []) names.set(ambient.path[ambient.path.length - 1]!, ambient.kind);
  return names;
}

/** The API shapes of a library by the name they are called by: a call resolved through types gets its recipe here. */
export function siteShapesOf(library: LibraryEntry): Map<string, ApiShape> {
  const shapes = new Map<string, ApiShape>();
  const seen = new Set<ApiShape>();
  const visit = (shape: ApiShape | undefined, name: string | undefined): void => {
    if (!shape || seen.has(shape)) return;
    seen.add(shape);
    if (shape.kind && name && !shapes.has(name)) shapes.set(name, shape);
    for (const [member, child] of Object.entries(shape.members ?? {})) visit(child, member);
    visit(shape.returns, undefined);
    visit(shape.instance, undefined);
  };
  visit(library.namespace, undefined);
  visit(library.defaultExport, undefined);
  return shapes;
}
