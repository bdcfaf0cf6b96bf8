/**
 * What the binding passes share: a value followed from a library's module, and the tracker interface the
 * module, binding and decorator passes call each other through (so none of them imports another's class).
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { ApiShape, LibraryEntry } from '../catalogue/index.js';
import type { Node } from '../ast/nodes.js';
import type { CallSite } from '../types.js';

/** A value the engine follows: which library it came from, its shape, and how users name it. */
export interface Tracked {
  readonly library: LibraryEntry;
  readonly shape: ApiShape;
  readonly api: string;
  /** The value is a promise of `shape` (the result of `import()`). */
  readonly promise?: boolean;
}

export interface Tracker {
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  /** Follows a value from the expression that yields it to how its parent uses it. */
  trackValue(node: Node, value: Tracked): void;
  trackVariable(variable: TSESLint.Scope.Variable, value: Tracked): void;
  /** `this.name` inside the class that declares or assigns it. */
  trackClassMember(insideClass: Node, name: string, value: Tracked): void;
  addCall(value: Pick<Tracked, 'library' | 'shape' | 'api'>, node: Node, form: CallSite['form'], args: readonly Node[], note?: string): void;
  hasSiteAt(node: Node): boolean;
  /**
   * Runs `track` on a scratch tracker and says whether the value it follows reaches a token surface (a call
   * of an API with a site kind) or is handed out as the service that owns such APIs. Nothing is recorded.
   */
  reachesTokenSurface(track: (scratch: Tracker) => void): boolean;
}

/** A member of a tracked value, when the catalogue knows it. */
export function memberOf(value: Tracked, name: string): Tracked | undefined {
  const shape = value.shape.members?.[name];
  if (!shape) return undefined;
  return { library: value.library, shape, api: value.api ? `${value.api}.${name}` : name };
}

const moduleObjects = new WeakMap<LibraryEntry, ApiShape>();

/** The value of `import * as ns` / `require()` / `await import()`: the namespace plus its `default`. */
export function moduleObject(library: LibraryEntry): ApiShape {
  let shape = moduleObjects.get(library);
  if (!shape) {
    shape = {
      ...library.namespace,
      members: { ...library.namespace.members, default: library.defaultExport ?? library.namespace },
    };
    moduleObjects.set(library, shape);
  }
  return shape;
}

/** Does calling anything reachable through this shape's members verify, decode or sign? */
export function hasSites(shape: ApiShape, seen = new Set<ApiShape>()): boolean {
  if (shape.kind) return true;
  if (seen.has(shape)) return false;
  seen.add(shape);
  return Object.values(shape.members ?? {}).some((member) => hasSites(member, seen));
}

/** A service whose own members verify, decode or sign (firebase's `Auth`, not the app that hands it out). */
export function ownsTokenSurface(shape: ApiShape): boolean {
  return Object.values(shape.members ?? {}).some((member) => member.kind !== undefined);
}

/** Does anything reachable from this shape (members, call results, instances) verify, decode or sign? */
export function leadsToSites(shape: ApiShape, seen = new Set<ApiShape>()): boolean {
  if (shape.kind) return true;
  if (seen.has(shape)) return false;
  seen.add(shape);
  const next = [...Object.values(shape.members ?? {}), shape.returns, shape.instance];
  return next.some((member) => member !== undefined && leadsToSites(member, seen));
}
