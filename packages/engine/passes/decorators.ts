/**
 * Framework wiring that hands out a library's API without an import binding: decorators a plugin adds once
 * a file registers it (`request.jwtVerify()`, `server.auth.strategy(…, 'jwt')`), and instances a DI
 * container injects (`@Inject(JwtService)`, `moduleRef.get(JwtService)`, `constructor(private jwt: JwtService)`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { AmbientCall, LibraryEntry } from '../catalogue/index.js';
import { isFunction, memberName, propertyKeyName, staticString, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, scopeOf } from '../ast/scope.js';
import { resolverFor } from '../resolve.js';
import type { AnalyzeInput } from '../types.js';
import type { Tracked, Tracker } from './tracked.js';

/**
 * Decorators a framework plugin adds: in a file that imports the plugin, any call of their names; in a
 * file of a project that depends on it (the plugin registered elsewhere), a call on a receiver the catalogue
 * names (`request.jwtVerify()`, `app.jwt.verify()`).
 */
export function findAmbientCalls(tracker: Tracker, calls: readonly TSESTree.CallExpression[], importedLibraries: ReadonlySet<LibraryEntry>, input: AnalyzeInput): void {
  const imported = [...importedLibraries].filter((library) => library.ambient);
  const depended = projectPlugins(input).filter((library) => !importedLibraries.has(library));
  if (imported.length + depended.length === 0) return;
  for (const call of calls) {
    if (tracker.hasSiteAt(call)) continue;
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression') continue;
    const name = memberName(callee);
    if (!name) continue;
    const found =
      firstMatch(imported, (ambient) => ambientReceiver(ambient, call, callee, name) !== undefined) ??
      firstMatch(depended, (ambient) => {
        const receiver = ambient.receivers && ambientReceiver(ambient, call, callee, name);
        return receiver !== undefined && isNamedReceiver(receiver, ambient, tracker.scopeManager);
      });
    if (found) {
      const [library, match] = found;
      tracker.addCall({ library, shape: { kind: match.kind, followUp: match.followUp }, api: match.path.join('.') }, call, 'ambient', call.arguments, match.note);
    }
  }
}

function firstMatch(libraries: readonly LibraryEntry[], matches: (ambient: AmbientCall) => boolean): [LibraryEntry, AmbientCall] | undefined {
  for (const library of libraries) {
    const match = library.ambient!.find(matches);
    if (match) return [library, match];
  }
  return undefined;
}

/** The catalogue's plugins with receivers that a package.json at or above the file depends on. */
function projectPlugins(input: AnalyzeInput): LibraryEntry[] {
  const { settings, filename } = input;
  return settings.libraries.libraries.filter(
    (library) =>
      library.ambient?.some((ambient) => ambient.receivers) &&
      resolverFor(settings).dependsOn(
        filename,
        library.modules.filter((module) => !module.endsWith('/*')),
      ),
  );
}

/** When `call` is the ambient call (its name and the members before it), the receiver it is called on. */
function ambientReceiver(ambient: AmbientCall, call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, name: string): Node | undefined {
  const last = ambient.path[ambient.path.length - 1]!;
  const nameMatches = ambient.suffix ? name === last || name.endsWith(last[0]!.toUpperCase() + last.slice(1)) : name === last;
  if (!nameMatches) return undefined;
  let object: Node = unwrap(callee.object);
  for (let index = ambient.path.length - 2; index >= 0; index--) {
    if (object.type !== 'MemberExpression' || memberName(object) !== ambient.path[index]) return undefined;
    object = unwrap(object.object);
  }
  if (ambient.argument && staticString(call.arguments[ambient.argument.index]) !== ambient.argument.value) return undefined;
  return object;
}

/** `request`, `req.server`, `this` in a plain function, `(request: FastifyRequest) => …`: a receiver the catalogue names. */
function isNamedReceiver(receiver: Node, ambient: AmbientCall, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  const names = ambient.receivers ?? [];
  if (receiver.type === 'ThisExpression') return names.includes('this') && inPlainFunction(receiver);
  if (receiver.type === 'MemberExpression') return names.includes(memberName(receiver) ?? '');
  if (receiver.type !== 'Identifier') return false;
  if (names.includes(receiver.name)) return true;
  const types = ambient.receiverTypes ?? [];
  if (types.length === 0) return false;
  const definition = findVariable(scopeOf(scopeManager, receiver), receiver.name)?.defs[0]?.name;
  const annotation = definition?.type === 'Identifier' ? definition.typeAnnotation?.typeAnnotation : undefined;
  return annotation?.type === 'TSTypeReference' && types.includes(typeName(annotation.typeName));
}

function typeName(name: TSESTree.EntityName): string {
  return name.type === 'Identifier' ? name.name : name.type === 'TSQualifiedName' ? name.right.name : '';
}

/** `this` of a function that is neither an arrow nor a class or object method: fastify binds it to the instance. */
function inPlainFunction(node: Node): boolean {
  let current = node.parent;
  // Arrows see the `this` around them; class fields and static blocks see the class's.
  while (current && !(isFunction(current) && current.type !== 'ArrowFunctionExpression')) {
    if (current.type === 'PropertyDefinition' || current.type === 'StaticBlock') return false;
    current = current.parent;
  }
  const owner = current?.parent;
  return current !== undefined && owner?.type !== 'MethodDefinition' && !(owner?.type === 'Property' && (owner.method || owner.kind !== 'init'));
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
