/**
 * The JWT-library catalogue: one file per library under libraries/, assembled here in a fixed order,
 * with the index that maps a module specifier to its library.
 */
import type { ApiShape, LibraryEntry, LibrarySetting } from './shape.js';
import authCoreJwt from './libraries/auth-core-jwt.js';
import awsJwtVerify from './libraries/aws-jwt-verify.js';
import clerkBackend from './libraries/clerk-backend.js';
import cloudflareWorkerJwt from './libraries/cloudflare-worker-jwt.js';
import djwt from './libraries/djwt.js';
import expressJwt from './libraries/express-jwt.js';
import expressOauth2JwtBearer from './libraries/express-oauth2-jwt-bearer.js';
import fastJwt from './libraries/fast-jwt.js';
import fastifyJwt from './libraries/fastify-jwt.js';
import firebaseAdmin from './libraries/firebase-admin.js';
import googleAuthLibrary from './libraries/google-auth-library.js';
import hapiAuthJwt2 from './libraries/hapi-auth-jwt2.js';
import hapiJwt from './libraries/hapi-jwt.js';
import honoJwt from './libraries/hono-jwt.js';
import jose from './libraries/jose.js';
import jsonwebtoken from './libraries/jsonwebtoken.js';
import jsrsasign from './libraries/jsrsasign.js';
import jws from './libraries/jws.js';
import jwtDecode from './libraries/jwt-decode.js';
import jwtSimple from './libraries/jwt-simple.js';
import koaJwt from './libraries/koa-jwt.js';
import nestjsJwt from './libraries/nestjs-jwt.js';
import nextAuthJwt from './libraries/next-auth-jwt.js';
import njwt from './libraries/njwt.js';
import osloJwt from './libraries/oslo-jwt.js';
import oslojsJwt from './libraries/oslojs-jwt.js';
import passportJwt from './libraries/passport-jwt.js';

export * from './shape.js';

/** Each file under libraries/ by its name (without `.ts`), with what it default-exports. */
export const LIBRARY_FILES: Readonly<Record<string, LibraryEntry | readonly LibraryEntry[]>> = {
  jsonwebtoken,
  jose,
  'jwt-decode': jwtDecode,
  'fast-jwt': fastJwt,
  'nestjs-jwt': nestjsJwt,
  'fastify-jwt': fastifyJwt,
  'express-jwt': expressJwt,
  'passport-jwt': passportJwt,
  'koa-jwt': koaJwt,
  'hapi-auth-jwt2': hapiAuthJwt2,
  'hapi-jwt': hapiJwt,
  jws,
  'jwt-simple': jwtSimple,
  njwt,
  jsrsasign,
  'next-auth-jwt': nextAuthJwt,
  'auth-core-jwt': authCoreJwt,
  'hono-jwt': honoJwt,
  'aws-jwt-verify': awsJwtVerify,
  'google-auth-library': googleAuthLibrary,
  'firebase-admin': firebaseAdmin,
  'clerk-backend': clerkBackend,
  'cloudflare-worker-jwt': cloudflareWorkerJwt,
  'oslo-jwt': osloJwt,
  'oslojs-jwt': oslojsJwt,
  'express-oauth2-jwt-bearer': expressOauth2JwtBearer,
  djwt,
};

export const LIBRARIES: readonly LibraryEntry[] = Object.values(LIBRARY_FILES).flat();

export function libraryFromSetting(setting: LibrarySetting): LibraryEntry {
  const members: Record<string, ApiShape> = {};
  for (const kind of ['verify', 'decode', 'sign'] as const) {
    for (const name of setting[kind] ?? []) members[name] = { kind };
  }
  return { name: setting.module, modules: [setting.module], namespace: { members } };
}

/** CDNs and registries that serve a package under `<prefix>/<name>[@version][/path]`. */
const CDN_PREFIX =
  /^https?:\/\/(?:(?:esm\.sh|cdn\.skypack\.dev|esm\.run|unpkg\.com|jspm\.dev|cdn\.jsdelivr\.net\/npm|deno\.land\/x|x\.nest\.land)\/(?:v\d+\/)?|ga\.jspm\.io\/npm:)/;
/** Runtime registry prefixes of a bare name: `npm:jsonwebtoken@9`, `jsr:@zaubrik/djwt`. */
const REGISTRY_PREFIX = /^(?:npm|jsr):\/?/;
/** The entry file a URL names, which is the package itself: `…/mod.ts`, `…/index.js`, jsDelivr's `/+esm`. */
const ENTRY_FILE = /\/(?:(?:mod|index)\.[cm]?[jt]sx?|\+esm)$/;

/**
 * Strips what a runtime adds to a bare specifier: `npm:`/`jsr:` prefixes, a CDN or Deno registry URL,
 * versions, the package's entry file (`https://deno.land/x/djwt@v3.0.2/mod.ts` → `djwt`).
 */
export function normaliseSpecifier(specifier: string): string {
  let spec = specifier.replace(REGISTRY_PREFIX, '');
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
  return cdn || spec !== specifier ? spec.replace(ENTRY_FILE, '') : spec;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
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
    // A URL into a package's build files (`https://unpkg.com/jwt-decode@4/build/esm/index.js`) is its code.
    return spec === specifier ? undefined : this.exact.get(packageNameOf(spec));
  }
}

/**
 * Every member name that is a site anywhere in a library's graph, with its shape (kind, recipe). Typed
 * linting uses it to map a symbol declared in a library's typings back to a site; a framework decorator
 * counts by its called member's name.
 */
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
  for (const ambient of library.ambient ?? []) shapes.set(ambient.path[ambient.path.length - 1]!, { kind: ambient.kind, note: ambient.note });
  return shapes;
}
