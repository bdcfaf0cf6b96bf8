/**
 * Framework wiring that hands out a library's API without an import binding: decorators a plugin adds once
 * a file registers it (`request.jwtVerify()`, `server.auth.strategy(…, 'jwt')`), and instances a DI
 * container injects (`@Inject(JwtService)`, `moduleRef.get(JwtService)`, `constructor(private jwt: JwtService)`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { LibraryEntry } from '../catalogue/index.js';
import { isFunction, memberName, propertyKeyName, staticString, unwrap, type Node } from '../ast/nodes.js';
import type { Tracked, Tracker } from './tracked.js';

/** Decorators a framework plugin adds once a file imports it (`request.jwtVerify()`). */
export function findAmbientCalls(tracker: Tracker, calls: readonly TSESTree.CallExpression[], importedLibraries: ReadonlySet<LibraryEntry>): void {
  const ambientLibraries = [...importedLibraries].filter((library) => library.ambient);
  if (ambientLibraries.length === 0) return;
  for (const call of calls) {
    if (tracker.hasSiteAt(call)) continue;
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression') continue;
    const name = memberName(callee);
    if (!name) continue;
    for (const library of ambientLibraries) {
      const match = library.ambient!.find((ambient) => {
        const last = ambient.path[ambient.path.length - 1]!;
        const nameMatches = ambient.suffix ? name === last || name.endsWith(last[0]!.toUpperCase() + last.slice(1)) : name === last;
        if (!nameMatches) return false;
        let object: Node = unwrap(callee.object);
        for (let index = ambient.path.length - 2; index >= 0; index--) {
          if (object.type !== 'MemberExpression' || memberName(object) !== ambient.path[index]) return false;
          object = unwrap(object.object);
        }
        return !ambient.argument || staticString(call.arguments[ambient.argument.index]) === ambient.argument.value;
      });
      if (match) {
        tracker.addCall({ library, shape: { kind: match.kind, followUp: match.followUp }, api: match.path.join('.') }, call, 'ambient', call.arguments, match.note);
        break;
      }
    }
  }
}

/**
 * A class with instances passed as a call's first argument: `moduleRef.get(JwtService)`, `app.get(…)`,
 * `await moduleRef.resolve(…)` give a DI container's instance; `@Inject(JwtService)` injects one.
 * True when the call was one of these.
 */
export function trackContainerInstance(tracker: Tracker, call: TSESTree.CallExpression, argument: Node, value: Tracked): boolean {
  const instance = value.shape.instance;
  if (!instance || call.arguments[0] !== argument) return false;
  const callee = unwrap(call.callee);
  const method = callee.type === 'MemberExpression' ? memberName(callee) : undefined;
  if (method === 'get' || method === 'resolve') {
    tracker.trackValue(call, { library: value.library, shape: instance, api: value.api, promise: method === 'resolve' });
    return true;
  }
  // constructor(@Inject(JwtService) private readonly tokens: any)
  if (call.parent?.type === 'Decorator') {
    trackInjected(tracker, call.parent, { library: value.library, shape: instance, api: value.api });
    return true;
  }
  return false;
}

/** A parameter decorated with `@Inject(Class)` holds an instance of the class, whatever its annotation says. */
function trackInjected(tracker: Tracker, decorator: TSESTree.Decorator, instance: Tracked): void {
  const target = decorator.parent;
  const parameter = target?.type === 'TSParameterProperty' ? target.parameter : target;
  const identifier = parameter?.type === 'AssignmentPattern' ? parameter.left : parameter;
  if (!target || identifier?.type !== 'Identifier') return;
  if (target.type === 'TSParameterProperty') tracker.trackClassMember(target, identifier.name, instance);
  const owner = target.parent;
  if (!owner || !isFunction(owner)) return;
  for (const variable of tracker.scopeManager.getDeclaredVariables(owner)) {
    if (variable.name === identifier.name) tracker.trackVariable(variable, instance);
  }
}

/** `constructor(private jwt: JwtService)`, `jwt: JwtService`: the annotated binding is an instance. */
export function trackTypeAnnotation(tracker: Tracker, identifier: Node, value: Tracked): void {
  const instanceShape = value.shape.instance;
  if (!instanceShape) return;
  const reference = identifier.parent;
  if (reference?.type !== 'TSTypeReference' || reference.parent?.type !== 'TSTypeAnnotation') return;
  const annotated = reference.parent.parent;
  const instance: Tracked = { library: value.library, shape: instanceShape, api: value.api };
  if (!annotated) return;
  if (annotated.type === 'Identifier') {
    const owner = annotated.parent;
    if (owner?.type === 'TSParameterProperty') {
      tracker.trackClassMember(owner, annotated.name, instance);
      return;
    }
    for (const variable of tracker.scopeManager.getDeclaredVariables(owner?.type === 'VariableDeclarator' ? owner : owner!)) {
      if (variable.name === annotated.name) tracker.trackVariable(variable, instance);
    }
    return;
  }
  if (annotated.type === 'PropertyDefinition') {
    const name = propertyKeyName(annotated);
    if (name) tracker.trackClassMember(annotated, name, instance);
  }
}
