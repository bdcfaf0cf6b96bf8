/**
 * Where a key expression's secret comes from, traced through the code with syntax alone (the lint rules
 * use this in an editor, so no ts-morph): `const` and export bindings, relative and tsconfig-alias
 * imports of config modules (parsed with the engine's parser, found with the engine's resolver),
 * CommonJS `require` / `module.exports`, object literal properties and getters, class fields, one-return
 * helpers, and the wrappers that keep the secret (`new TextEncoder().encode(x)`, `Buffer.from(x)`,
 * `createSecretKey(x)`, `x ?? ''`, `await x`). Anything else is unknown, and an unknown key is never
 * taken for the canonical one.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, isGlobalName, scopeOf, type Settings } from '../engine/index.js';
import { isFunction, memberName, propertyKeyName, staticString, unwrap } from '../engine/ast/nodes.js';
import { loadModule, type KeyDependencies, type ModuleFile } from './key-modules.js';
import { UNKNOWN_SOURCE, type SecretSource } from './secret-source.js';

type Node = TSESTree.Node;

/** What an expression evaluates to, as far as the key's identity is concerned. */
type Value =
  | { readonly kind: 'secret'; readonly source: SecretSource }
  | { readonly kind: 'env-object' }
  | { readonly kind: 'module'; readonly module: ModuleFile; readonly label: string }
  | { readonly kind: 'object'; readonly module: ModuleFile; readonly node: TSESTree.ObjectExpression; readonly label: string }
  | { readonly kind: 'function'; readonly module: ModuleFile; readonly node: TSESTree.FunctionLike }
  | { readonly kind: 'class' | 'instance'; readonly module: ModuleFile; readonly node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; readonly label: string }
  | { readonly kind: 'unknown' };

const UNKNOWN: Value = { kind: 'unknown' };
/** Hops through bindings, imports, properties and calls before giving up (config chains are short). */
const MAX_HOPS = 64;
/** Calls that hand back the secret they are given, in another encoding: keyed by `object.method` or name. */
const KEEPS_SECRET = new Set(['TextEncoder.encode', 'Buffer.from', 'String', 'createSecretKey', 'crypto.createSecretKey']);

export interface KeySourceInput {
  readonly file: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly settings: Settings;
}

/** The secret source of `expression` in the file `input` describes. */
export function keySourceOf(input: KeySourceInput, expression: Node, dependencies?: KeyDependencies): SecretSource {
  const tracer = new Tracer(input.settings, dependencies);
  const value = tracer.evaluate({ file: input.file, ast: input.ast, scopeManager: input.scopeManager }, expression);
  return value.kind === 'secret' ? value.source : UNKNOWN_SOURCE;
}

class Tracer {
  private hops = 0;
  private readonly active = new Set<string>();
  private readonly loaded = new Map<string, ModuleFile | undefined>();

  constructor(
    private readonly settings: Settings,
    private readonly dependencies?: KeyDependencies,
  ) {}

  evaluate(module: ModuleFile, node: Node): Value {
    const key = `${module.file}\0${node.range[0]}\0${node.range[1]}\0${node.type}`;
    if (this.active.has(key) || ++this.hops > MAX_HOPS) return UNKNOWN;
    this.active.add(key);
    try {
      return this.evaluateNode(module, unwrap(node));
    } finally {
      this.active.delete(key);
    }
  }

  private evaluateNode(module: ModuleFile, node: Node): Value {
    switch (node.type) {
      case 'Identifier':
        return this.identifier(module, node);
      case 'MemberExpression':
        return this.member(module, node);
      case 'CallExpression':
        return this.call(module, node);
      case 'NewExpression': {
        const callee = this.evaluate(module, node.callee);
        return callee.kind === 'class' ? { ...callee, kind: 'instance' } : UNKNOWN;
      }
      case 'AwaitExpression':
        return this.evaluate(module, node.argument);
      case 'LogicalExpression':
        return this.withFallback(module, node);
      case 'ObjectExpression':
        return { kind: 'object', module, node, label: 'object' };
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return { kind: 'function', module, node };
      case 'ClassExpression':
        return { kind: 'class', module, node, label: node.id?.name ?? 'class' };
      default:
        return UNKNOWN;
    }
  }

  /**
   * `process.env.JWT_SECRET ?? ''` is still the env variable: with it unset, an empty key fails the same
   * way as a missing one. A real fallback (`|| 'dev-secret'`) is another key whenever the variable is
   * unset, so it becomes part of the source: it matches only a canonical key with the same fallback.
   */
  private withFallback(module: ModuleFile, node: TSESTree.LogicalExpression): Value {
    const fallback = unwrap(node.right);
    if (node.operator === '&&' || fallback.type !== 'Literal') return UNKNOWN;
    const value = this.evaluate(module, node.left);
    if (fallback.value === '' || fallback.value === null) return value;
    if (value.kind !== 'secret' || value.source.kind !== 'env') return UNKNOWN;
    return { kind: 'secret', source: { ...value.source, fallback: fallback.raw } };
  }

  private identifier(module: ModuleFile, node: TSESTree.Identifier): Value {
    const variable = findVariable(scopeOf(module.scopeManager, node), node.name);
    const def = variable?.defs[0];
    if (!variable || !def || variable.defs.length > 1) return UNKNOWN;
    switch (def.type) {
      case 'Variable': {
        const declarator = def.node;
        const reassigned = variable.references.some((reference) => reference.isWrite() && !reference.init);
        if (reassigned || !declarator.init) return UNKNOWN;
        const pathInPattern = patternPath(declarator.id, def.name);
        if (!pathInPattern) return UNKNOWN;
        let value = this.evaluate(module, declarator.init);
        for (const name of pathInPattern) value = this.property(value, name);
        if (value.kind === 'object' || value.kind === 'module' || value.kind === 'class' || value.kind === 'instance') return { ...value, label: node.name };
        // A binding whose value cannot be traced is itself the identity: importing it is using the same key.
        return value.kind === 'unknown' ? declared(module.file, node.name, def.name.range[0]) : value;
      }
      case 'ImportBinding':
        return this.importBinding(module, def.node, def.parent);
      case 'FunctionName':
        return { kind: 'function', module, node: def.node };
      case 'ClassName':
        return { kind: 'class', module, node: def.node, label: node.name };
      default:
        return UNKNOWN;
    }
  }

  private importBinding(module: ModuleFile, specifier: Node, declaration: Node | null): Value {
    if (declaration?.type !== 'ImportDeclaration' || declaration.importKind === 'type') return UNKNOWN;
    const source = declaration.source.value;
    const imported =
      specifier.type === 'ImportSpecifier'
        ? specifier.imported.type === 'Identifier'
          ? specifier.imported.name
          : specifier.imported.value
        : specifier.type === 'ImportDefaultSpecifier'
          ? 'default'
          : undefined;
    const target = this.load(module.file, source);
    if (!target) {
      // A package export: the same import of the same package is the same key.
      return imported === undefined ? UNKNOWN : declared(`package:${source}`, imported, 0);
    }
    if (imported === undefined) return { kind: 'module', module: target, label: source };
    return this.exported(target, imported);
  }

  private member(module: ModuleFile, node: TSESTree.MemberExpression): Value {
    const name = memberName(node);
    if (name === undefined) return UNKNOWN;
    const object = unwrap(node.object);
    if (name === 'env' && isEnvHost(module, object)) return { kind: 'env-object' };
    return this.property(this.evaluate(module, object), name);
  }

  /** `value.name`. */
  private property(value: Value, name: string): Value {
    switch (value.kind) {
      case 'env-object':
        return { kind: 'secret', source: { kind: 'env', name } };
      case 'module':
        return this.exported(value.module, name);
      case 'object':
        return this.objectProperty(value.module, value.node, name, value.label);
      case 'class':
      case 'instance':
        return this.classMember(value.module, value.node, name, value.kind === 'class', value.label);
      default:
        return UNKNOWN;
    }
  }

  private objectProperty(module: ModuleFile, object: TSESTree.ObjectExpression, name: string, label: string): Value {
    // The last definition wins, as at run time; a spread after it may override it, so it makes the answer unknown.
    for (let index = object.properties.length - 1; index >= 0; index--) {
      const property = object.properties[index]!;
      if (property.type === 'SpreadElement') {
        const spread = this.property(this.evaluate(module, property.argument), name);
        if (spread.kind !== 'unknown') return spread;
        return UNKNOWN;
      }
      if (propertyKeyName(property) !== name) continue;
      const value = property.value as Node;
      if (property.kind === 'get' && isFunction(value)) return this.returned(module, value);
      if (property.kind !== 'init') return UNKNOWN;
      return this.named(this.evaluate(module, value), module, `${label}.${name}`, property.range[0]);
    }
    return UNKNOWN;
  }

  private classMember(module: ModuleFile, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, isStatic: boolean, label: string): Value {
    for (const member of cls.body.body) {
      if ((member.type !== 'PropertyDefinition' && member.type !== 'MethodDefinition') || member.static !== isStatic) continue;
      if (propertyKeyName(member) !== name) continue;
      if (member.type === 'MethodDefinition') return member.kind === 'get' ? this.returned(module, member.value) : { kind: 'function', module, node: member.value };
      return member.value ? this.named(this.evaluate(module, member.value), module, `${label}.${name}`, member.range[0]) : UNKNOWN;
    }
    return UNKNOWN;
  }

  /** A property whose value cannot be traced is identified by its declaration. */
  private named(value: Value, module: ModuleFile, label: string, at: number): Value {
    if (value.kind === 'unknown') return declared(module.file, label, at);
    return value.kind === 'object' || value.kind === 'instance' ? { ...value, label } : value;
  }

  private call(module: ModuleFile, node: TSESTree.CallExpression): Value {
    const callee = unwrap(node.callee);
    const first = node.arguments[0];
    if (callee.type === 'Identifier' && callee.name === 'require' && isGlobalName(module.scopeManager, callee, 'require')) {
      const specifier = staticString(first);
      const target = specifier === undefined ? undefined : this.load(module.file, specifier);
      return target ? { kind: 'module', module: target, label: specifier! } : UNKNOWN;
    }
    const calleeName = callName(callee);
    if (calleeName === 'Deno.env.get') {
      const name = staticString(first);
      return name === undefined ? UNKNOWN : { kind: 'secret', source: { kind: 'env', name } };
    }
    const configPath = configLookupPath(callee, first);
    if (configPath !== undefined) return { kind: 'secret', source: { kind: 'config', path: configPath } };
    if (calleeName !== undefined && KEEPS_SECRET.has(calleeName) && first && first.type !== 'SpreadElement') return this.evaluate(module, first);
    const target = this.evaluate(module, callee);
    if (target.kind === 'function') return this.returned(target.module, target.node);
    // `cleanEnv(process.env, …)`, `schema.parse(process.env)`: a checked view of the environment.
    if (node.arguments.some((arg) => arg.type !== 'SpreadElement' && this.evaluate(module, arg).kind === 'env-object')) return { kind: 'env-object' };
    return UNKNOWN;
  }

  /** What a helper with exactly one `return` (or an expression body) returns. */
  private returned(module: ModuleFile, fn: TSESTree.FunctionLike): Value {
    if (!fn.body) return UNKNOWN;
    if (fn.body.type !== 'BlockStatement') return this.evaluate(module, fn.body);
    const returns = returnStatements(fn.body);
    return returns.length === 1 && returns[0]!.argument ? this.evaluate(module, returns[0]!.argument) : UNKNOWN;
  }

  /** The export `name` of a module: ES `export`, re-exports, and CommonJS `module.exports` / `exports.x`. */
  private exported(module: ModuleFile, name: string): Value {
    for (const statement of module.ast.body) {
      if (statement.type === 'ExportNamedDeclaration') {
        const found = this.namedExport(module, statement, name);
        if (found) return found;
      } else if (statement.type === 'ExportDefaultDeclaration' && name === 'default') {
        const declaration = statement.declaration as Node;
        if (declaration.type === 'FunctionDeclaration') return { kind: 'function', module, node: declaration };
        if (declaration.type === 'ClassDeclaration') return { kind: 'class', module, node: declaration, label: declaration.id?.name ?? 'default' };
        // `export default config` keeps the binding's own name for people; an inline value is `default`.
        if (declaration.type === 'Identifier') return this.evaluate(module, declaration);
        return this.named(this.evaluate(module, declaration), module, 'default', declaration.range[0]);
      } else if (statement.type === 'ExportAllDeclaration' && statement.exported === null && name !== 'default') {
        const target = this.load(module.file, statement.source.value);
        const found = target ? this.exported(target, name) : UNKNOWN;
        if (found.kind !== 'unknown') return found;
      }
    }
    return this.commonJsExport(module, name);
  }

  private namedExport(module: ModuleFile, statement: TSESTree.ExportNamedDeclaration, name: string): Value | undefined {
    const declaration = statement.declaration;
    if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        const id = bindingIn(declarator.id, name);
        if (id) return this.evaluate(module, id);
      }
    }
    if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id?.name === name) return this.evaluate(module, declaration.id);
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
      if (exported !== name) continue;
      const local = specifier.local.type === 'Identifier' ? specifier.local.name : specifier.local.value;
      if (statement.source) {
        const target = this.load(module.file, statement.source.value);
        return target ? this.exported(target, local) : UNKNOWN;
      }
      return specifier.local.type === 'Identifier' ? this.evaluate(module, specifier.local) : UNKNOWN;
    }
    return undefined;
  }

  private commonJsExport(module: ModuleFile, name: string): Value {
    let found: Value = UNKNOWN;
    for (const statement of module.ast.body) {
      if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression' || statement.expression.operator !== '=') continue;
      const { left, right } = statement.expression;
      if (left.type !== 'MemberExpression') continue;
      const target = commonJsTarget(module, left);
      // `module.exports = { … }` is the whole export object (and the default of an ES import of it).
      if (target === 'module.exports') found = name === 'default' ? this.evaluate(module, right) : this.property(this.evaluate(module, right), name);
      else if (target === name) found = this.named(this.evaluate(module, right), module, name, left.range[0]);
    }
    return found;
  }

  private load(fromFile: string, specifier: string): ModuleFile | undefined {
    // One trace asks for the same config module at every hop through it: read it once.
    const key = `${fromFile}\0${specifier}`;
    if (!this.loaded.has(key)) this.loaded.set(key, loadModule(this.settings, fromFile, specifier, this.dependencies));
    return this.loaded.get(key);
  }
}

function declared(file: string, name: string, at: number): Value {
  return { kind: 'secret', source: { kind: 'declaration', file, name, at } };
}

/** Receivers whose `get`/`getOrThrow` reads configuration by path: `configService`, `this.configService`, `config`. */
const CONFIG_RECEIVER = /(^|[a-z_])config(Service)?$/i;

/**
 * The path of a config-service lookup with a literal path (`this.configService.getOrThrow('auth.secret',
 * { infer: true })`): two lookups of one path read one value, wherever they are.
 */
function configLookupPath(callee: Node, first: TSESTree.CallExpressionArgument | undefined): string | undefined {
  if (callee.type !== 'MemberExpression') return undefined;
  const method = memberName(callee);
  if (method !== 'get' && method !== 'getOrThrow') return undefined;
  const receiver = unwrap(callee.object);
  const receiverName = receiver.type === 'Identifier' ? receiver.name : receiver.type === 'MemberExpression' ? memberName(receiver) : undefined;
  if (receiverName === undefined || !CONFIG_RECEIVER.test(receiverName)) return undefined;
  return staticString(first);
}

/** `process.env`, `import.meta.env`, `Bun.env` (the host not shadowed by a local). */
function isEnvHost(module: ModuleFile, object: Node): boolean {
  if (object.type === 'MetaProperty') return object.meta.name === 'import' && object.property.name === 'meta';
  return object.type === 'Identifier' && (object.name === 'process' || object.name === 'Bun') && isGlobalName(module.scopeManager, object, object.name);
}

/** `Buffer.from`, `new TextEncoder().encode` (as `TextEncoder.encode`), `Deno.env.get`, `String`. */
function callName(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type !== 'MemberExpression') return undefined;
  const method = memberName(callee);
  const object = unwrap(callee.object);
  if (method === undefined) return undefined;
  if (object.type === 'NewExpression' && object.callee.type === 'Identifier') return `${object.callee.name}.${method}`;
  const host = object.type === 'MemberExpression' ? callName(object) : object.type === 'Identifier' ? object.name : undefined;
  return host === undefined ? undefined : `${host}.${method}`;
}

/** `exports.x = …` / `module.exports.x = …` → 'x'; `module.exports = …` → 'module.exports'. */
function commonJsTarget(module: ModuleFile, left: TSESTree.MemberExpression): string | undefined {
  const object = unwrap(left.object);
  const name = memberName(left);
  const isModule = (node: Node): boolean => node.type === 'Identifier' && node.name === 'module' && isGlobalName(module.scopeManager, node, 'module');
  if (isModule(object) && name === 'exports') return 'module.exports';
  if (object.type === 'Identifier' && object.name === 'exports' && isGlobalName(module.scopeManager, object, 'exports')) return name;
  if (object.type === 'MemberExpression' && isModule(unwrap(object.object)) && memberName(object) === 'exports') return name;
  return undefined;
}

/** The property names from a declarator's pattern down to `id`: `const { jwt: { secret } } = c` → ['jwt', 'secret']. */
function patternPath(pattern: Node, id: TSESTree.Identifier): string[] | undefined {
  if (pattern === id) return [];
  if (pattern.type === 'AssignmentPattern') return patternPath(pattern.left, id);
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const property of pattern.properties) {
    if (property.type !== 'Property') continue;
    const inner = patternPath(property.value as Node, id);
    if (inner === undefined) continue;
    const name = propertyKeyName(property);
    return name === undefined ? undefined : [name, ...inner];
  }
  return undefined;
}

/** The identifier `name` binds in a declarator's pattern. */
function bindingIn(pattern: Node, name: string): TSESTree.Identifier | undefined {
  if (pattern.type === 'Identifier') return pattern.name === name ? pattern : undefined;
  if (pattern.type === 'AssignmentPattern') return bindingIn(pattern.left, name);
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const property of pattern.properties) {
    const found = property.type === 'Property' ? bindingIn(property.value as Node, name) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The function's own `return` statements (not those of nested functions or classes). */
function returnStatements(body: TSESTree.BlockStatement): TSESTree.ReturnStatement[] {
  const found: TSESTree.ReturnStatement[] = [];
  const stack: Node[] = [...body.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ReturnStatement') found.push(node);
    if (isFunction(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || !value || typeof value !== 'object') continue;
      for (const item of Array.isArray(value) ? value : [value]) if (item && typeof (item as Node).type === 'string' && (item as Node).range) stack.push(item as Node);
    }
  }
  return found;
}
