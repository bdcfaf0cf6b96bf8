/**
 * The value tracker: follows a library's values through aliases, destructuring, member access, calls,
 * `new`, `.call/.apply/.bind`, `Reflect.apply`, `Proxy` and `Object` copies, class members and helper
 * parameters, down to the calls that verify, decode or sign.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ApiShape } from '../catalogue/index.js';
import type { ClassNode, Collected } from '../ast/collect.js';
import { isTransparentWrapper, isTruthyLiteral, memberName, propertyKeyName, staticString, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, isGlobalName, scopeOf } from '../ast/scope.js';
import type { CallSite } from '../types.js';
import { trackContainerInstance, trackTypeAnnotation } from './decorators.js';
import { hasSites, memberOf, ownsTokenSurface, type Tracked, type Tracker } from './tracked.js';

type ScopeManager = TSESLint.Scope.ScopeManager;
type Variable = TSESLint.Scope.Variable;

export class ValueTracker implements Tracker {
  readonly calls: CallSite[] = [];
  private readonly siteNodes = new Set<Node>();
  private readonly visited = new Map<Variable, Set<ApiShape>>();
  private readonly trackedClassMembers = new Set<string>();
  /** An exported binding holds a service with token members (`export const auth = getAuth()`). */
  private exportedTokenService = false;

  constructor(
    readonly scopeManager: ScopeManager,
    private readonly collected: Collected,
  ) {}

  addCall(value: Pick<Tracked, 'library' | 'shape' | 'api'>, node: Node, form: CallSite['form'], args: readonly Node[], note?: string): void {
    if (!value.shape.kind || this.siteNodes.has(node)) return;
    this.siteNodes.add(node);
    // A verify told not to verify (a truthy flag argument) is a decode.
    const flagIndex = value.shape.checks?.noVerifyFlagArg;
    const noVerify = flagIndex !== undefined && isTruthyLiteral(args[flagIndex]);
    this.calls.push({
      kind: noVerify ? 'decode' : value.shape.kind,
      library: value.library.name,
      api: value.api || value.library.name,
      form,
      node,
      args,
      shape: value.shape,
      note: note ?? value.shape.note,
    });
  }

  hasSiteAt(node: Node): boolean {
    return this.siteNodes.has(node);
  }

  reachesTokenSurface(track: (scratch: Tracker) => void): boolean {
    const scratch = new ValueTracker(this.scopeManager, this.collected);
    track(scratch);
    return scratch.calls.length > 0 || scratch.exportedTokenService;
  }

  trackVariable(variable: Variable, value: Tracked): void {
    let shapes = this.visited.get(variable);
    if (!shapes) {
      shapes = new Set();
      this.visited.set(variable, shapes);
    }
    if (shapes.has(value.shape)) return;
    shapes.add(value.shape);
    const exported = variable.defs.some((def) => def.node.parent?.parent?.type === 'ExportNamedDeclaration');
    if (exported && ownsTokenSurface(value.shape)) this.exportedTokenService = true;
    if (exported && value.shape.kind) {
      const def = variable.defs[0]!;
      this.addCall(value, def.node.type === 'VariableDeclarator' && def.node.init ? def.node.init : def.name, 'reference', []);
    }
    for (const reference of variable.references) {
      const identifier = reference.identifier as Node;
      const kinds = reference as { isTypeReference?: boolean; isValueReference?: boolean };
      // `export { verify }` is a value-and-type reference: follow it as a value.
      if (kinds.isTypeReference && !kinds.isValueReference) {
        trackTypeAnnotation(this, identifier, value);
        continue;
      }
      if (!reference.isRead()) continue;
      if (identifier.parent?.type === 'ExportSpecifier') {
        this.addCall(value, identifier, 'reference', []);
        continue;
      }
      this.trackValue(identifier, value);
    }
  }

  /** `this.name` inside the class that declares or assigns it. */
  trackClassMember(insideClass: Node, name: string, value: Tracked): void {
    let classNode: Node | undefined = insideClass;
    while (classNode && classNode.type !== 'ClassDeclaration' && classNode.type !== 'ClassExpression') classNode = classNode.parent;
    if (!classNode) return;
    const key = `${classNode.range[0]}:${name}:${value.api}`;
    if (this.trackedClassMembers.has(key)) return;
    this.trackedClassMembers.add(key);
    for (const member of this.collected.thisMembers.get(classNode as ClassNode) ?? []) {
      if (memberName(member) !== name) continue;
      const parent = member.parent;
      if (parent?.type === 'AssignmentExpression' && parent.left === member) continue;
      this.trackValue(member, value);
    }
  }

  /** Follows a value from the expression that yields it to how its parent uses it. */
  trackValue(node: Node, value: Tracked): void {
    const parent = node.parent;
    if (!parent) return;
    if (isTransparentWrapper(parent)) {
      this.trackValue(parent, value);
      return;
    }
    switch (parent.type) {
      case 'AwaitExpression':
        // `await import('m')` yields the module; awaiting anything else passes the value through.
        this.trackValue(parent, { ...value, promise: false });
        return;
      case 'MemberExpression': {
        if (parent.object !== node) return;
        this.trackMemberAccess(parent, value);
        return;
      }
      case 'CallExpression': {
        if (parent.callee === node) {
          if (value.promise) return;
          this.addCall(value, parent, 'call', parent.arguments);
          const returned = value.shape.returns;
          if (returned) this.trackValue(parent, { library: value.library, shape: returned, api: `${value.api}()` });
          return;
        }
        this.trackArgument(parent, node, value);
        return;
      }
      case 'NewExpression': {
        if (parent.callee === node) {
          this.addCall(value, parent, 'new', parent.arguments);
          const instance = value.shape.instance;
          if (instance) this.trackValue(parent, { library: value.library, shape: instance, api: value.api });
          return;
        }
        // new Proxy(jwt, handler) forwards every member it does not trap.
        const callee = unwrap(parent.callee);
        if (parent.arguments[0] === node && callee.type === 'Identifier' && callee.name === 'Proxy' && isGlobalName(this.scopeManager, callee, 'Proxy')) {
          this.trackValue(parent, value);
          return;
        }
        this.escape(node, value);
        return;
      }
      case 'VariableDeclarator':
        if (parent.init === node) this.bindPattern(parent.id, value, parent);
        return;
      case 'AssignmentExpression':
        if (parent.right !== node) return;
        this.assignTo(parent.left, value, parent);
        this.trackValue(parent, value);
        return;
      case 'AssignmentPattern':
        // Default parameter or destructuring default: `function f(v = jwt.verify)`.
        if (parent.right === node) this.bindPattern(parent.left, value, parent);
        return;
      case 'ConditionalExpression':
        if (parent.test !== node) this.trackValue(parent, value);
        return;
      case 'LogicalExpression':
        this.trackValue(parent, value);
        return;
      case 'SequenceExpression':
        if (parent.expressions[parent.expressions.length - 1] === node) this.trackValue(parent, value);
        return;
      case 'PropertyDefinition':
        if (parent.value === node) {
          const name = propertyKeyName(parent);
          if (name && !parent.static) this.trackClassMember(parent, name, value);
          this.escape(node, value);
        }
        return;
      case 'SpreadElement':
        // `{ ...jwt }` copies the library's members; spreading into arrays or arguments loses them.
        if (parent.parent?.type === 'ObjectExpression' && !value.shape.kind) this.trackValue(parent.parent, value);
        else this.escape(node, value);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        // `class S extends Strategy`: constructing the subclass runs the library's constructor.
        if (parent.superClass === node) this.escape(node, value);
        return;
      case 'Property':
      case 'ArrayExpression':
      case 'ReturnStatement':
      case 'ArrowFunctionExpression':
      case 'ExportDefaultDeclaration':
      case 'JSXExpressionContainer':
      case 'YieldExpression':
      case 'TaggedTemplateExpression':
        this.escape(node, value);
        return;
      default:
        return;
    }
  }

  private trackMemberAccess(access: TSESTree.MemberExpression, value: Tracked): void {
    const name = memberName(access);
    if (name === undefined) {
      this.addComputedAccess(value, access);
      return;
    }
    if (value.promise) {
      // import('m').then((m) => m.verify(…))
      if (name === 'then' && access.parent?.type === 'CallExpression' && access.parent.callee === access) {
        const callback = access.parent.arguments[0];
        if (callback && (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression')) {
          const parameter = callback.params[0];
          if (parameter) this.bindPattern(parameter, { ...value, promise: false }, callback);
        }
      }
      return;
    }
    const member = memberOf(value, name);
    if (member) {
      this.trackValue(access, member);
      return;
    }
    if (!value.shape.kind) return;
    // Function.prototype members of a site: verify.call(…), verify.apply(…), verify.bind(…)
    const call = access.parent?.type === 'CallExpression' && access.parent.callee === access ? access.parent : undefined;
    if (!call) return;
    if (name === 'call') this.addCall(value, call, 'indirect', call.arguments.slice(1));
    else if (name === 'apply') this.addCall(value, call, 'indirect', spreadArray(call.arguments[1]));
    else if (name === 'bind') this.trackValue(call, value);
  }

  /** `jwt[name]`, `Reflect.get(jwt, name)`: some member of a library, which one cannot be told. */
  private addComputedAccess(value: Tracked, access: Node): void {
    if (!hasSites(value.shape) || value.shape.kind) return;
    const call = access.parent?.type === 'CallExpression' && access.parent.callee === access ? access.parent : access;
    this.addCall({ library: value.library, shape: { kind: 'verify' }, api: `${value.api || value.library.name}[…]` }, call, 'computed', call.type === 'CallExpression' ? call.arguments : []);
  }

  private trackArgument(call: TSESTree.CallExpression, argument: Node, value: Tracked): void {
    const callee = unwrap(call.callee);
    if (callee.type === 'MemberExpression' && unwrap(callee.object).type === 'Identifier') {
      const object = unwrap(callee.object) as TSESTree.Identifier;
      const method = memberName(callee);
      if (object.name === 'Reflect' && isGlobalName(this.scopeManager, object, 'Reflect')) {
        if (method === 'apply' && call.arguments[0] === argument) {
          this.addCall(value, call, 'indirect', spreadArray(call.arguments[2]));
          return;
        }
        if (method === 'construct' && call.arguments[0] === argument) {
          this.addCall(value, call, 'indirect', spreadArray(call.arguments[1]));
          return;
        }
        if (method === 'get' && call.arguments[0] === argument) {
          const name = staticString(call.arguments[1]);
          const member = name === undefined ? undefined : memberOf(value, name);
          if (member) this.trackValue(call, member);
          else if (name === undefined) this.addComputedAccess(value, call);
          return;
        }
      }
      if (object.name === 'Object' && method && OBJECT_COPIES.has(method) && isGlobalName(this.scopeManager, object, 'Object')) {
        // Object.assign({}, jwt), Object.create(jwt), Object.freeze(jwt): the result has the library's members.
        if (value.shape.kind) this.escape(argument, value);
        else this.trackValue(call, value);
        return;
      }
      const isGlobalObject = isGlobalName(this.scopeManager, object, object.name);
      if (object.name === 'Object' && method === 'getOwnPropertyDescriptor' && call.arguments[0] === argument && isGlobalObject) {
        // Object.getOwnPropertyDescriptor(jwt, 'verify').value is jwt.verify.
        const name = staticString(call.arguments[1]);
        const member = name === undefined ? undefined : memberOf(value, name);
        if (member) this.trackValue(call, { ...member, shape: { members: { value: member.shape } } });
        else if (name === undefined) this.addComputedAccess(value, call);
        return;
      }
      if (object.name === 'Promise' && method === 'resolve' && isGlobalObject && !value.shape.kind) {
        this.trackValue(call, { ...value, promise: true });
        return;
      }
    }
    // moduleRef.get(JwtService), @Inject(JwtService): a DI container's instance.
    if (trackContainerInstance(this, call, argument, value)) return;
    // A helper declared in this file: follow a module or instance into its parameter (`run(jwt)` →
    // `function run(lib)`). A verify function itself is reported where it is passed instead: the helper
    // may be called with other functions too.
    const helper = value.shape.kind ? undefined : this.localFunction(callee);
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    const parameter = helper && index >= 0 ? helper.params[index] : undefined;
    if (helper && parameter && parameter.type !== 'RestElement' && parameter.type !== 'TSParameterProperty') this.bindPattern(parameter, value, helper);
    this.escape(argument, value);
  }

  /** The function a callee names when it is declared in this file (`function f`, `const f = () => …`). */
  private localFunction(callee: Node): TSESTree.FunctionLike | undefined {
    if (callee.type === 'FunctionExpression' || callee.type === 'ArrowFunctionExpression') return callee;
    if (callee.type !== 'Identifier') return undefined;
    const variable = findVariable(scopeOf(this.scopeManager, callee), callee.name);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.node.type === 'FunctionDeclaration') return def.node;
    if (def?.node.type === 'VariableDeclarator' && def.node.init) {
      const init = unwrap(def.node.init);
      if (init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression') return init;
    }
    return undefined;
  }

  /** The value leaves what we can follow; a verify/decode/sign function doing so is itself a site. */
  private escape(node: Node, value: Tracked): void {
    if (value.shape.kind && !value.promise) this.addCall(value, node, 'reference', []);
  }

  private assignTo(target: Node, value: Tracked, assignment: Node): void {
    const left = unwrap(target);
    if (left.type === 'Identifier') {
      const variable = findVariable(scopeOf(this.scopeManager, assignment), left.name);
      if (variable && variable.defs.length > 0) this.trackVariable(variable, value);
      else this.escape(assignment, value);
      return;
    }
    if (left.type === 'MemberExpression') {
      const name = memberName(left);
      if (unwrap(left.object).type === 'ThisExpression' && name) {
        this.trackClassMember(left, name, value);
        return;
      }
      this.escape(assignment, value);
      return;
    }
    this.bindPattern(left, value, assignment);
  }

  /** Binds a value to a declaration pattern: identifiers, object and array destructuring, defaults, rest. */
  private bindPattern(pattern: Node, value: Tracked, declaration: Node): void {
    switch (pattern.type) {
      case 'Identifier': {
        const variable = this.variableNamed(pattern, declaration);
        if (variable) this.trackVariable(variable, value);
        return;
      }
      case 'AssignmentPattern':
        this.bindPattern(pattern.left, value, declaration);
        return;
      case 'ObjectPattern': {
        if (value.promise) return;
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') {
            this.bindPattern(property.argument, value, declaration);
            continue;
          }
          const name = propertyKeyName(property);
          const member = name === undefined ? undefined : memberOf(value, name);
          if (member) this.bindPattern(property.value, member, declaration);
        }
        return;
      }
      case 'MemberExpression':
        this.assignTo(pattern, value, declaration);
        return;
      default:
        return;
    }
  }

  private variableNamed(identifier: TSESTree.Identifier, declaration: Node): Variable | undefined {
    for (let owner: Node | undefined = declaration; owner; owner = owner.parent) {
      const match = this.scopeManager.getDeclaredVariables(owner).find((variable) => variable.name === identifier.name);
      if (match) return match;
      if (owner.type === 'VariableDeclaration' || owner.type.startsWith('Function') || owner.type === 'ArrowFunctionExpression') break;
    }
    return findVariable(scopeOf(this.scopeManager, identifier), identifier.name);
  }
}

/** `Object` functions whose result carries the members of their argument. */
const OBJECT_COPIES = new Set(['assign', 'create', 'freeze', 'seal', 'preventExtensions']);

/** `[a, b]` → its elements; anything else is unknown (an empty list). */
function spreadArray(node: Node | undefined): Node[] {
  if (!node) return [];
  const inner = unwrap(node);
  return inner.type === 'ArrayExpression' ? inner.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== 'SpreadElement') : [];
}
