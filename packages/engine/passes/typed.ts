/**
 * With typed linting, resolve calls through the type checker: a function re-exported by a barrel or a
 * local module (`export { verify as check } from 'jsonwebtoken'`, `export const check = jwt.verify`)
 * resolves to its declaration in the library's typings, so calling it is a site.
 */
import type { ParserServices } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { siteShapesOf, type ApiShape, type LibraryEntry } from '../catalogue/index.js';
import { unwrap } from '../ast/nodes.js';
import type { Collected } from '../ast/collect.js';
import type { Settings } from '../settings.js';
import type { CallSite } from '../types.js';

// ts.SymbolFlags.Alias; a constant so that this module does not load TypeScript itself.
const SYMBOL_FLAG_ALIAS = 2_097_152;
const MAX_HOPS = 6;

const siteShapeCache = new WeakMap<LibraryEntry, Map<string, ApiShape>>();
/** The shape of the API a library's typings declare under `name` (its kind and rewrite recipe), if it is a site. */
function siteShape(library: LibraryEntry, name: string): ApiShape | undefined {
  let shapes = siteShapeCache.get(library);
  if (!shapes) {
    shapes = siteShapesOf(library);
    siteShapeCache.set(library, shapes);
  }
  return shapes.get(name);
}

/** `/x/node_modules/@types/scope__pkg/index.d.ts` → `@scope/pkg`; `…/node_modules/jose/dist/…` → `jose`. */
function packageOfFile(fileName: string): string | undefined {
  const marker = '/node_modules/';
  const at = fileName.replace(/\\/g, '/').lastIndexOf(marker);
  if (at === -1) return undefined;
  const parts = fileName.replace(/\\/g, '/').slice(at + marker.length).split('/');
  let name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  if (name.startsWith('@types/')) {
    const typed = name.slice('@types/'.length);
    name = typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
  }
  return name;
}

export function resolveCallsWithTypes(collected: Collected, services: ParserServices, settings: Settings): CallSite[] {
  if (!services.program) return [];
  const checker = services.program.getTypeChecker();
  const sites: CallSite[] = [];
  for (const call of [...collected.calls, ...collected.news]) {
    const callee = unwrap(call.callee);
    const nameNode = callee.type === 'Identifier' ? callee : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property : undefined;
    // No filter on the callee's name: a barrel renames at will (`export { verify as checkJwt }`).
    if (!nameNode) continue;
    const tsNode = services.esTreeNodeToTSNodeMap.get(nameNode);
    const resolved = resolveSymbol(checker, checker.getSymbolAtLocation(tsNode), settings);
    if (!resolved) continue;
    sites.push({
      kind: resolved.shape.kind!,
      library: resolved.library.name,
      api: resolved.name,
      form: call.type === 'NewExpression' ? 'new' : 'call',
      node: call,
      args: call.arguments,
      shape: resolved.shape,
    });
  }
  return sites;
}

function resolveSymbol(
  checker: ts.TypeChecker,
  start: ts.Symbol | undefined,
  settings: Settings,
): { library: LibraryEntry; shape: ApiShape; name: string } | undefined {
  let symbol = start;
  for (let hop = 0; symbol && hop < MAX_HOPS; hop++) {
    if (symbol.flags & SYMBOL_FLAG_ALIAS) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol.declarations?.[0];
    if (!declaration) return undefined;
    const packageName = packageOfFile(declaration.getSourceFile().fileName);
    if (packageName) {
      const library = settings.libraries.find(packageName);
      const shape = library && siteShape(library, symbol.name);
      return library && shape ? { library, shape, name: symbol.name } : undefined;
    }
    // export const check = jwt.verify  →  follow the initializer
    const initializer = (declaration as ts.Node & { initializer?: ts.Expression }).initializer;
    if (!initializer) return undefined;
    const target = (initializer as ts.Node & { name?: ts.Node }).name ?? initializer;
    symbol = checker.getSymbolAtLocation(target);
  }
  return undefined;
}
