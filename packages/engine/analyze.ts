/**
 * Binding tracking: finds every module reference to a JWT library and follows the values it yields
 * through aliases, destructuring, member access, calls, `new`, `.call/.apply/.bind`, `Reflect.apply`,
 * class members and type annotations, down to the calls that verify, decode or sign. The lint rules,
 * the audit and the codemods all take their sites from `analyzeFile`.
 */
import path from 'node:path';
import type { TSESLint, TSESTree, ParserServices } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { ApiShape, LibraryEntry } from './catalogue.js';
import { findProperty, isFunction, isTransparentWrapper, isTruthyLiteral, memberName, propertyKeyName, staticString, unwrap, type Node } from './ast.js';
import { parseFile } from './parse.js';
import { MENTIONS_JWT, mightContainSites } from './prefilter.js';
import { findHandRolledDecodes } from './hand-rolled.js';
import { findSecretReads } from './secrets.js';
import { findUnsafeSites } from './unsafe-options.js';
import { resolveCallsWithTypes } from './typed.js';
import type { Settings } from './settings.js';
import type { CallSite, FileAnalysis, ImportSite, UnresolvedModuleSite } from './types.js';

type ScopeManager = TSESLint.Scope.ScopeManager;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

export interface AnalyzeInput {
  readonly ast: TSESTree.Program;
  readonly scopeManager: ScopeManager;
  readonly filename: string;
  readonly text: string;
  readonly settings: Settings;
  /** Present under typed linting: enables barrel and re-export resolution. */
  readonly parserServices?: Partial<ParserServices>;
  /** How deep inside code strings (`eval('…')`) this text is; bounds the recursion. */
  readonly codeStringDepth?: number;
}

/** A value the engine follows: which library it came from, its shape, and how users name it. */
interface Tracked {
  readonly library: LibraryEntry;
  readonly shape: ApiShape;
  readonly api: string;
  /** The value is a promise of `shape` (the result of `import()`). */
  readonly promise?: boolean;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What the single walk over the tree collects for the passes that follow. */
export interface Collected {
  readonly importDeclarations: TSESTree.ImportDeclaration[];
  readonly reExports: Array<TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration>;
  readonly importEquals: TSESTree.TSImportEqualsDeclaration[];
  readonly calls: TSESTree.CallExpression[];
  readonly news: TSESTree.NewExpression[];
  readonly importExpressions: TSESTree.ImportExpression[];
  readonly envObjects: TSESTree.MemberExpression[];
  readonly thisMembers: Map<ClassNode, TSESTree.MemberExpression[]>;
  /** Names declared as `const x = require` or `const x = createRequire(…)`: calls of them load modules. */
  readonly requireAliases: Set<string>;
}


const moduleObjects = new WeakMap<LibraryEntry, ApiShape>();

/** The value of `import * as ns` / `require()` / `await import()`: the namespace plus its `default`. */
function moduleObject(library: LibraryEntry): ApiShape {
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

function hasSites(shape: ApiShape, seen = new Set<ApiShape>()): boolean {
  if (shape.kind) return true;
  if (seen.has(shape)) return false;
  seen.add(shape);
  return Object.values(shape.members ?? {}).some((member) => hasSites(member, seen));
}

/** Walks the tree once, sets `parent` (the CLI parses without it) and collects what the passes need. */
function collect(ast: TSESTree.Program): Collected {
  const collected: Collected = {
    importDeclarations: [],
    reExports: [],
    importEquals: [],
    calls: [],
    news: [],
    importExpressions: [],
    envObjects: [],
    thisMembers: new Map(),
    requireAliases: new Set(),
  };
  const stack: Array<[Node, ClassNode | undefined]> = [[ast, undefined]];
  while (stack.length > 0) {
    const [node, enclosingClass] = stack.pop()!;
    let classForChildren = enclosingClass;
    switch (node.type) {
      case 'ImportDeclaration':
        collected.importDeclarations.push(node);
        break;
      case 'ExportNamedDeclaration':
        if (node.source) collected.reExports.push(node);
        break;
      case 'ExportAllDeclaration':
        collected.reExports.push(node);
        break;
      case 'TSImportEqualsDeclaration':
        collected.importEquals.push(node);
        break;
      case 'CallExpression':
        collected.calls.push(node);
        break;
      case 'NewExpression':
        collected.news.push(node);
        break;
      case 'ImportExpression':
        collected.importExpressions.push(node);
        break;
      case 'MemberExpression':
        if (memberName(node) === 'env' && isEnvHost(node.object)) collected.envObjects.push(node);
        if (node.object.type === 'ThisExpression' && enclosingClass) {
          const list = collected.thisMembers.get(enclosingClass) ?? [];
          list.push(node);
          collected.thisMembers.set(enclosingClass, list);
        }
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        classForChildren = node;
        break;
      case 'VariableDeclarator':
        if (node.id.type === 'Identifier' && node.init && isRequireAliasInit(node.init)) collected.requireAliases.add(node.id.name);
        break;
      default:
        break;
    }
    const keys = visitorKeys[node.type] ?? [];
    for (const key of keys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const item = child[index] as Node | null;
          if (item && typeof item.type === 'string') {
            (item as { parent: Node }).parent = node;
            stack.push([item, classForChildren]);
          }
        }
      } else if (child && typeof (child as Node).type === 'string') {
        ((child as Node) as { parent: Node }).parent = node;
        stack.push([child as Node, classForChildren]);
      }
    }
  }
  return collected;
}

/** `require` itself or a `createRequire(…)` call: what a module-loading alias is initialised with. */
function isRequireAliasInit(init: Node): boolean {
  const inner = unwrap(init);
  if (inner.type === 'Identifier') return inner.name === 'require';
  return isCreateRequireCall(inner);
}

function isCreateRequireCall(node: Node): boolean {
  const call = unwrap(node);
  if (call.type !== 'CallExpression') return false;
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return callee.name === 'createRequire' || callee.name === 'createRequireFromPath';
  return callee.type === 'MemberExpression' && memberName(callee) === 'createRequire';
}

const ENV_HOSTS = new Set(['process', 'Bun']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

/** `process`, `Bun`, `globalThis.process` (and `global`/`window`/`self`), `import.meta`: what has an `env`. */
function isEnvHost(node: Node): boolean {
  if (node.type === 'Identifier') return ENV_HOSTS.has(node.name);
  if (node.type === 'MemberExpression') {
    const name = memberName(node);
    const object = unwrap(node.object);
    return name !== undefined && ENV_HOSTS.has(name) && object.type === 'Identifier' && GLOBAL_OBJECTS.has(object.name);
  }
  return node.type === 'MetaProperty' && node.meta.name === 'import' && node.property.name === 'meta';
}

/** The innermost scope around a node (ESLint's `sourceCode.getScope` without ESLint). */
export function scopeOf(scopeManager: ScopeManager, node: Node): Scope {
  for (let current: Node | undefined = node; current; current = current.parent) {
    // Innermost: for a module's Program that is the module scope (its top-level declarations), not the global one.
    const scope = scopeManager.acquire(current, true);
    if (scope) {
      if (scope.type === 'function-expression-name') return scope.childScopes[0]!;
      return scope;
    }
  }
  return scopeManager.globalScope!;
}

export function findVariable(scope: Scope | null, name: string): Variable | undefined {
  for (let current = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/** Is `name` at `node` the host's global (not shadowed by a local declaration)? */
export function isGlobalName(scopeManager: ScopeManager, node: Node, name: string): boolean {
  const variable = findVariable(scopeOf(scopeManager, node), name);
  return !variable || variable.defs.length === 0;
}

class Analyzer {
  readonly calls: CallSite[] = [];
  readonly imports: ImportSite[] = [];
  readonly unresolvedModules: UnresolvedModuleSite[] = [];
  private readonly siteNodes = new Set<Node>();
  private readonly visited = new Map<Variable, Set<ApiShape>>();
  private readonly trackedClassMembers = new Set<string>();
  readonly importedLibraries = new Set<LibraryEntry>();

  constructor(
    private readonly input: AnalyzeInput,
    readonly collected: Collected,
  ) {}

  private get scopeManager(): ScopeManager {
    return this.input.scopeManager;
  }

  run(): void {
    for (const declaration of this.collected.importDeclarations) this.visitImportDeclaration(declaration);
    for (const declaration of this.collected.importEquals) this.visitImportEquals(declaration);
    for (const declaration of this.collected.reExports) this.visitReExport(declaration);
    for (const call of this.collected.calls) this.visitPossibleRequire(call);
    for (const expression of this.collected.importExpressions) this.visitImportExpression(expression);
    this.visitAmbientCalls();
  }

  private addImport(site: Omit<ImportSite, 'specifier'> & { specifier?: string }): void {
    const specifier = site.specifier ?? staticString(site.source) ?? '';
    this.imports.push({ ...site, specifier });
    if (site.library) this.importedLibraries.add(site.library);
  }

  /** Classifies a module specifier: a JWT library, an auth module's private path, or neither. */
  private classify(specifier: string): Pick<ImportSite, 'library' | 'authModule' | 'resolvedFile'> | undefined {
    const library = this.input.settings.libraries.find(specifier);
    if (library) return { library };
    if (this.input.settings.authModules.length === 0) return undefined;
    const resolvedFile = this.resolveLocalSpecifier(specifier);
    if (!resolvedFile) return undefined;
    const file = path.resolve(this.input.filename);
    for (const authModule of this.input.settings.authModules) {
      const insideModule = file.startsWith(authModule.folder + path.sep);
      if (!insideModule && authModule.isPrivate(resolvedFile)) return { authModule, resolvedFile };
    }
    return undefined;
  }

  /** Relative specifiers and `root`-relative paths; aliases need the CLI's tsconfig resolution. */
  private resolveLocalSpecifier(specifier: string): string | undefined {
    if (specifier.startsWith('.')) return path.resolve(path.dirname(this.input.filename), specifier);
    if (specifier.startsWith('/')) return specifier;
    return undefined;
  }

  private visitImportDeclaration(declaration: TSESTree.ImportDeclaration): void {
    const specifier = declaration.source.value;
    const target = this.classify(specifier);
    if (!target) return;
    const typeOnly =
      declaration.importKind === 'type' ||
      (declaration.specifiers.length > 0 &&
        declaration.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));
    this.addImport({ form: 'import', node: declaration, source: declaration.source, typeOnly, ...target });
    const library = target.library;
    if (!library) return;
    for (const specifierNode of declaration.specifiers) {
      let tracked: Tracked | undefined;
      if (specifierNode.type === 'ImportNamespaceSpecifier') {
        tracked = { library, shape: moduleObject(library), api: '' };
      } else if (specifierNode.type === 'ImportDefaultSpecifier') {
        tracked = { library, shape: library.defaultExport ?? library.namespace, api: '' };
      } else {
        const imported = specifierNode.imported.type === 'Identifier' ? specifierNode.imported.name : String(specifierNode.imported.value);
        tracked = this.member({ library, shape: moduleObject(library), api: '' }, imported);
      }
      if (!tracked) continue;
      for (const variable of this.scopeManager.getDeclaredVariables(specifierNode)) this.trackVariable(variable, tracked);
    }
  }

  private visitImportEquals(declaration: TSESTree.TSImportEqualsDeclaration): void {
    if (declaration.moduleReference.type !== 'TSExternalModuleReference') return;
    const specifier = staticString(declaration.moduleReference.expression);
    if (specifier === undefined) return;
    const target = this.classify(specifier);
    if (!target) return;
    this.addImport({
      form: 'import-equals',
      node: declaration,
      source: declaration.moduleReference.expression,
      typeOnly: declaration.importKind === 'type',
      ...target,
    });
    if (!target.library) return;
    const tracked: Tracked = { library: target.library, shape: moduleObject(target.library), api: '' };
    for (const variable of this.scopeManager.getDeclaredVariables(declaration)) this.trackVariable(variable, tracked);
  }

  private visitReExport(declaration: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration): void {
    if (!declaration.source) return;
    const target = this.classify(declaration.source.value);
    if (!target) return;
    const typeOnly = declaration.exportKind === 'type';
    this.addImport({
      form: declaration.type === 'ExportAllDeclaration' ? 'export-all' : 'export-from',
      node: declaration,
      source: declaration.source,
      typeOnly,
      ...target,
    });
    // A re-exported verify/decode/sign function is a site too: the barrel hands it out.
    if (target.library && declaration.type === 'ExportNamedDeclaration' && !typeOnly) {
      for (const specifierNode of declaration.specifiers) {
        if (specifierNode.exportKind === 'type') continue;
        const local = specifierNode.local.type === 'Identifier' ? specifierNode.local.name : String(specifierNode.local.value);
        const tracked = this.member({ library: target.library, shape: moduleObject(target.library), api: '' }, local);
        if (tracked?.shape.kind) this.addCall(tracked, specifierNode, 'reference', []);
      }
    }
  }

  /**
   * `require('m')`, `module.require('m')`, `globalThis.require('m')`, `createRequire(url)('m')`, a local
   * alias of `require`, `require.call(null, 'm')`. Any other `x.require('m')` (`process.mainModule`)
   * counts when `m` is a JWT library, but its non-literal arguments are not reported (too many look-alikes).
   */
  private visitPossibleRequire(call: TSESTree.CallExpression): void {
    let callee = unwrap(call.callee);
    let argumentIndex = 0;
    if (callee.type === 'MemberExpression' && memberName(callee) === 'call' && this.requireCalleeKind(unwrap(callee.object))) {
      callee = unwrap(callee.object);
      argumentIndex = 1;
    }
    const kind = this.requireCalleeKind(callee);
    if (!kind) return;
    const argument = call.arguments[argumentIndex];
    if (!argument) return;
    const specifier = this.constantString(argument);
    if (specifier === undefined) {
      if (kind === 'require' && argument.type !== 'SpreadElement') this.unresolvedModules.push({ node: call, form: 'require' });
      return;
    }
    const target = this.classify(specifier);
    if (!target || (kind === 'loose' && !target.library)) return;
    this.addImport({ form: 'require', node: call, source: argument, specifier, typeOnly: false, ...target });
    if (target.library) this.trackValue(call, { library: target.library, shape: moduleObject(target.library), api: '' });
  }

  /** A string the code spells out: a literal, folded pieces, or a `const` bound to one. */
  private constantString(node: Node): string | undefined {
    const value = staticString(node);
    if (value !== undefined) return value;
    const inner = unwrap(node);
    if (inner.type !== 'Identifier') return undefined;
    const variable = findVariable(scopeOf(this.scopeManager, inner), inner.name);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.node.type !== 'VariableDeclarator' || def.node.id.type !== 'Identifier' || def.parent?.type !== 'VariableDeclaration') return undefined;
    return def.parent.kind === 'const' ? staticString(def.node.init) : undefined;
  }

  /** 'require' for a module loader we know; 'loose' for some other `x.require`; undefined otherwise. */
  private requireCalleeKind(node: Node): 'require' | 'loose' | undefined {
    return this.isRequireCallee(node) ? 'require' : node.type === 'MemberExpression' && memberName(node) === 'require' ? 'loose' : undefined;
  }

  private isRequireCallee(callee: Node): boolean {
    const node = unwrap(callee);
    if (node.type === 'Identifier') {
      if (node.name !== 'require' && !this.collected.requireAliases.has(node.name)) return false;
      const variable = findVariable(scopeOf(this.scopeManager, node), node.name);
      if (!variable || variable.defs.length === 0) return node.name === 'require';
      // const require = createRequire(import.meta.url); const load = require;
      return variable.defs.some(
        (def) =>
          def.node.type === 'VariableDeclarator' &&
          def.node.init != null &&
          (isCreateRequireCall(def.node.init) || this.isGlobalRequire(def.node.init)),
      );
    }
    if (node.type === 'MemberExpression') {
      const name = memberName(node);
      const object = unwrap(node.object);
      return (
        name === 'require' &&
        object.type === 'Identifier' &&
        ['module', 'globalThis', 'global', 'window', 'self'].includes(object.name) &&
        isGlobalName(this.scopeManager, object, object.name)
      );
    }
    return node.type === 'CallExpression' && isCreateRequireCall(node);
  }

  private isGlobalRequire(node: Node): boolean {
    const inner = unwrap(node);
    return inner.type === 'Identifier' && inner.name === 'require' && isGlobalName(this.scopeManager, inner, 'require');
  }


  private visitImportExpression(expression: TSESTree.ImportExpression): void {
    const specifier = this.constantString(expression.source);
    if (specifier === undefined) {
      this.unresolvedModules.push({ node: expression, form: 'dynamic-import' });
      return;
    }
    const target = this.classify(specifier);
    if (!target) return;
    this.addImport({ form: 'dynamic-import', node: expression, source: expression.source, specifier, typeOnly: false, ...target });
    if (target.library) {
      this.trackValue(expression, { library: target.library, shape: moduleObject(target.library), api: '', promise: true });
    }
  }

  /** Decorators a framework plugin adds once a file imports it (`request.jwtVerify()`). */
  private visitAmbientCalls(): void {
    const ambientLibraries = [...this.importedLibraries].filter((library) => library.ambient);
    if (ambientLibraries.length === 0) return;
    for (const call of this.collected.calls) {
      if (this.siteNodes.has(call)) continue;
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
          this.addCall({ library, shape: { kind: match.kind }, api: match.path.join('.') }, call, 'ambient', call.arguments, match.note);
          break;
        }
      }
    }
  }

  private member(value: Tracked, name: string): Tracked | undefined {
    const shape = value.shape.members?.[name];
    if (!shape) return undefined;
    return { library: value.library, shape, api: value.api ? `${value.api}.${name}` : name };
  }

  addCall(value: Pick<Tracked, 'library' | 'shape' | 'api'>, node: Node, form: CallSite['form'], args: readonly Node[], note?: string): void {
    if (!value.shape.kind || this.siteNodes.has(node)) return;
    this.siteNodes.add(node);
    // jwt-simple's decode(t, key, true) skips verification: it is a decode, not a verify.
    const noVerify = value.shape.checks?.includes('jwtSimpleAlgorithmArg') && isTruthyLiteral(args[2]);
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

  private trackVariable(variable: Variable, value: Tracked): void {
    let shapes = this.visited.get(variable);
    if (!shapes) {
      shapes = new Set();
      this.visited.set(variable, shapes);
    }
    if (shapes.has(value.shape)) return;
    shapes.add(value.shape);
    const exported = variable.defs.some((def) => def.node.parent?.parent?.type === 'ExportNamedDeclaration');
    if (exported && value.shape.kind) {
      const def = variable.defs[0]!;
      this.addCall(value, def.node.type === 'VariableDeclarator' && def.node.init ? def.node.init : def.name, 'reference', []);
    }
    for (const reference of variable.references) {
      const identifier = reference.identifier as Node;
      const kinds = reference as { isTypeReference?: boolean; isValueReference?: boolean };
      // `export { verify }` is a value-and-type reference: follow it as a value.
      if (kinds.isTypeReference && !kinds.isValueReference) {
        this.trackTypeAnnotation(identifier, value);
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

  /** `constructor(private jwt: JwtService)`, `jwt: JwtService`: the annotated binding is an instance. */
  private trackTypeAnnotation(identifier: Node, value: Tracked): void {
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
        this.trackClassMember(owner, annotated.name, instance);
        return;
      }
      for (const variable of this.scopeManager.getDeclaredVariables(owner?.type === 'VariableDeclarator' ? owner : owner!)) {
        if (variable.name === annotated.name) this.trackVariable(variable, instance);
      }
      return;
    }
    if (annotated.type === 'PropertyDefinition') {
      const name = propertyKeyName(annotated);
      if (name) this.trackClassMember(annotated, name, instance);
    }
  }

  /** `this.name` inside the class that declares or assigns it. */
  private trackClassMember(insideClass: Node, name: string, value: Tracked): void {
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
    const member = this.member(value, name);
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
          const member = name === undefined ? undefined : this.member(value, name);
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
        const member = name === undefined ? undefined : this.member(value, name);
        if (member) this.trackValue(call, { ...member, shape: { members: { value: member.shape } } });
        else if (name === undefined) this.addComputedAccess(value, call);
        return;
      }
      if (object.name === 'Promise' && method === 'resolve' && isGlobalObject && !value.shape.kind) {
        this.trackValue(call, { ...value, promise: true });
        return;
      }
    }
    const instance = value.shape.instance;
    if (instance && call.arguments[0] === argument) {
      // moduleRef.get(JwtService), app.get(JwtService), await moduleRef.resolve(JwtService): a DI container's instance.
      const method = callee.type === 'MemberExpression' ? memberName(callee) : undefined;
      if (method === 'get' || method === 'resolve') {
        this.trackValue(call, { library: value.library, shape: instance, api: value.api, promise: method === 'resolve' });
        return;
      }
      // constructor(@Inject(JwtService) private readonly tokens: any)
      if (call.parent?.type === 'Decorator') {
        this.trackInjected(call.parent, { library: value.library, shape: instance, api: value.api });
        return;
      }
    }
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

  /** A parameter decorated with `@Inject(Class)` holds an instance of the class, whatever its annotation says. */
  private trackInjected(decorator: TSESTree.Decorator, instance: Tracked): void {
    const target = decorator.parent;
    const parameter = target?.type === 'TSParameterProperty' ? target.parameter : target;
    const identifier = parameter?.type === 'AssignmentPattern' ? parameter.left : parameter;
    if (!target || identifier?.type !== 'Identifier') return;
    if (target.type === 'TSParameterProperty') this.trackClassMember(target, identifier.name, instance);
    const owner = target.parent;
    if (!owner || !isFunction(owner)) return;
    for (const variable of this.scopeManager.getDeclaredVariables(owner)) {
      if (variable.name === identifier.name) this.trackVariable(variable, instance);
    }
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
          const member = name === undefined ? undefined : this.member(value, name);
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

const MAX_CODE_STRING_DEPTH = 2;
const VM_RUNNERS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);

/**
 * Code handed to the runtime as a constant string: `eval(code)`, `new Function(…, body)`, `vm.runIn…`,
 * `new vm.Script(code)`, `new Worker(code, { eval: true })`, `setTimeout(code)`. `body` code is a
 * function body (it may `return`).
 */
function codeStringOf(call: TSESTree.CallExpression | TSESTree.NewExpression, scopeManager: ScopeManager): { argument: Node; body: boolean } | undefined {
  const callee = unwrap(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
  if (!name) return undefined;
  const args = call.arguments;
  const first = args[0];
  if (!first) return undefined;
  const isGlobal = callee.type !== 'Identifier' || isGlobalName(scopeManager, callee, name);
  if (name === 'Function' && isGlobal) return { argument: args[args.length - 1]!, body: true };
  if (VM_RUNNERS.has(name) && callee.type === 'MemberExpression') return { argument: first, body: name === 'compileFunction' };
  if (call.type === 'NewExpression') {
    if (name === 'Script') return { argument: first, body: false };
    const options = args[1] && unwrap(args[1]);
    const evalOption = options?.type === 'ObjectExpression' ? findProperty(options, 'eval') : undefined;
    if (name === 'Worker' && evalOption && isTruthyLiteral(evalOption.value)) return { argument: first, body: false };
    return undefined;
  }
  if ((name === 'eval' || name === 'setTimeout' || name === 'setInterval') && isGlobal) return { argument: first, body: false };
  return undefined;
}

interface CodeStringSites {
  readonly calls: CallSite[];
  readonly imports: ImportSite[];
  readonly unresolved: UnresolvedModuleSite[];
}

/** Analyses constant code strings like any other code and reports what they reach at the call that runs them. */
function analyzeCodeStrings(input: AnalyzeInput, collected: Collected): CodeStringSites {
  const found: CodeStringSites = { calls: [], imports: [], unresolved: [] };
  const depth = input.codeStringDepth ?? 0;
  if (depth >= MAX_CODE_STRING_DEPTH) return found;
  for (const call of [...collected.calls, ...collected.news]) {
    const target = codeStringOf(call, input.scopeManager);
    const code = target && staticString(target.argument);
    if (!target || code === undefined || !mightContainSites(code, input.settings)) continue;
    let parsed;
    try {
      // A script (require is a global there), parsed as JavaScript.
      parsed = parseFile(`${input.filename}.code-string.cjs`, target.body ? `(function () {\n${code}\n})` : code);
    } catch {
      continue;
    }
    const inner = analyzeFile({ ...parsed, filename: input.filename, text: code, settings: input.settings, codeStringDepth: depth + 1 });
    const seen = new Set<string>();
    for (const site of inner.calls) {
      const key = `${site.kind}:${site.library}:${site.api}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.calls.push({ kind: site.kind, library: site.library, api: site.api, form: 'reference', node: call, args: [], note: 'inside a code string' });
    }
    for (const site of inner.imports) {
      if (seen.has(site.specifier)) continue;
      seen.add(site.specifier);
      found.imports.push({ ...site, node: call, source: target.argument });
    }
    for (const site of inner.unresolvedModules) found.unresolved.push({ node: call, form: site.form });
  }
  return found;
}

/** Runs every pass over one parsed file. Pure: same tree and settings, same result. */
export function analyzeFile(input: AnalyzeInput): FileAnalysis {
  const collected = collect(input.ast);
  const analyzer = new Analyzer(input, collected);
  analyzer.run();
  const calls = [...analyzer.calls];
  for (const site of findHandRolledDecodes(collected.calls, input.scopeManager)) {
    if (!analyzer.hasSiteAt(site.node)) calls.push(site);
  }
  const services = input.parserServices;
  if (services?.program && services.esTreeNodeToTSNodeMap) {
    const known = new Set(calls.map((site) => site.node));
    for (const site of resolveCallsWithTypes(collected, services as ParserServices, input.settings)) {
      if (!known.has(site.node)) calls.push(site);
    }
  }
  const codeStrings = analyzeCodeStrings(input, collected);
  calls.push(...codeStrings.calls);
  calls.sort((a, b) => a.node.range[0] - b.node.range[0]);
  const imports = [...analyzer.imports, ...codeStrings.imports].sort((a, b) => a.node.range[0] - b.node.range[0]);
  return {
    calls,
    imports,
    secrets: findSecretReads(collected.envObjects, collected.calls, input.scopeManager, input.settings),
    unsafe: findUnsafeSites(calls, input.scopeManager),
    unresolvedModules: [...analyzer.unresolvedModules, ...codeStrings.unresolved],
    exempt: input.settings.isExempt(input.filename),
    mentionsJwt: MENTIONS_JWT.test(input.text),
  };
}
