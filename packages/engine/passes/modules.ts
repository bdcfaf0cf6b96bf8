/**
 * Module references: imports, `require()` in its many spellings, `import()`, re-exports and
 * `import x = require()`. Each specifier is classified as a JWT library (whose value the tracker then
 * follows) or a private path of an auth module (a bypass of its entry).
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { LibraryEntry } from '../catalogue/index.js';
import { isCreateRequireCall, type Collected } from '../ast/collect.js';
import { memberName, staticString, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, isGlobalName, scopeOf } from '../ast/scope.js';
import { resolverFor } from '../resolve.js';
import type { Settings } from '../settings.js';
import type { AnalyzeInput, ImportSite, UnresolvedModuleSite } from '../types.js';
import { mayNameJwtModule } from './computed-specifiers.js';
import { isAmbient, isDeclarationFile, usedOnlyAsTypes } from './type-positions.js';
import { leadsToSites, memberOf, moduleObject, type Tracked, type Tracker } from './tracked.js';

type SpecifierTarget = Pick<ImportSite, 'library' | 'authModule'>;

/** Classifies a module specifier: a JWT library, an auth module's private path, or neither. */
function classifySpecifier(specifier: string, fromFile: string, settings: Settings): SpecifierTarget | undefined {
  const library = settings.libraries.find(specifier);
  if (library) return { library };
  if (settings.authModules.length === 0) return undefined;
  // Relative, absolute and tsconfig-alias specifiers, through the one resolver (bare package names are not private paths).
  const resolvedFile = resolverFor(settings).importTarget(fromFile, specifier);
  if (!resolvedFile) return undefined;
  const file = path.resolve(fromFile);
  for (const authModule of settings.authModules) {
    const insideModule = file.startsWith(authModule.folder + path.sep);
    if (!insideModule && authModule.isPrivate(resolvedFile)) return { authModule };
  }
  return undefined;
}

export interface ModuleSites {
  readonly imports: ImportSite[];
  readonly unresolvedModules: UnresolvedModuleSite[];
  /** Libraries the file references, for their ambient decorators. */
  readonly importedLibraries: ReadonlySet<LibraryEntry>;
}

/** Finds every module reference and hands each library value it yields to the tracker. */
export function findModuleSites(input: AnalyzeInput, collected: Collected, tracker: Tracker): ModuleSites {
  const pass = new ModulePass(input, collected, tracker);
  // A declaration file never runs: its imports and re-exports only describe types.
  if (isDeclarationFile(input.filename)) return pass;
  for (const declaration of collected.importDeclarations) pass.visitImportDeclaration(declaration);
  for (const declaration of collected.importEquals) pass.visitImportEquals(declaration);
  for (const declaration of collected.reExports) pass.visitReExport(declaration);
  for (const call of collected.calls) pass.visitPossibleRequire(call);
  for (const expression of collected.importExpressions) pass.visitImportExpression(expression);
  return pass;
}

class ModulePass implements ModuleSites {
  readonly imports: ImportSite[] = [];
  readonly unresolvedModules: UnresolvedModuleSite[] = [];
  readonly importedLibraries = new Set<LibraryEntry>();

  constructor(
    private readonly input: AnalyzeInput,
    private readonly collected: Collected,
    private readonly tracker: Tracker,
  ) {}

  private get scopeManager(): AnalyzeInput['scopeManager'] {
    return this.input.scopeManager;
  }

  private classify(specifier: string): SpecifierTarget | undefined {
    return classifySpecifier(specifier, this.input.filename, this.input.settings);
  }

  private addImport(site: Omit<ImportSite, 'specifier'> & { specifier?: string }): void {
    const specifier = site.specifier ?? staticString(site.source) ?? '';
    this.imports.push({ ...site, specifier });
    if (site.library) this.importedLibraries.add(site.library);
  }

  /**
   * A multi-purpose SDK's import counts only when `track` (following its bindings) reaches a token
   * surface; any other library's always does.
   */
  private reachesTokens(library: LibraryEntry | undefined, track: (tracker: Tracker) => void): boolean {
    return !library?.multiPurpose || this.tracker.reachesTokenSurface(track);
  }

  visitImportDeclaration(declaration: TSESTree.ImportDeclaration): void {
    if (isAmbient(declaration)) return;
    const specifier = declaration.source.value;
    const target = this.classify(specifier);
    if (!target) return;
    const library = target.library;
    const bindings: Array<[TSESLint.Scope.Variable, Tracked]> = [];
    for (const specifierNode of library ? declaration.specifiers : []) {
      const tracked = library && importedValue(library, specifierNode);
      if (!tracked) continue;
      for (const variable of this.scopeManager.getDeclaredVariables(specifierNode)) bindings.push([variable, tracked]);
    }
    const track = (tracker: Tracker): void => {
      for (const [variable, tracked] of bindings) tracker.trackVariable(variable, tracked);
    };
    if (!this.reachesTokens(library, track)) return;
    const typeOnly =
      declaration.importKind === 'type' ||
      (declaration.specifiers.length > 0 &&
        declaration.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type')) ||
      // `import { JWT } from 'next-auth/jwt'` used in annotations only is elided like `import type`.
      (usedOnlyAsTypes(declaration, this.scopeManager) && !this.tracker.reachesTokenSurface(track));
    this.addImport({ form: 'import', node: declaration, source: declaration.source, typeOnly, ...target });
    track(this.tracker);
  }

  visitImportEquals(declaration: TSESTree.TSImportEqualsDeclaration): void {
    if (declaration.moduleReference.type !== 'TSExternalModuleReference' || isAmbient(declaration)) return;
    const specifier = staticString(declaration.moduleReference.expression);
    if (specifier === undefined) return;
    const target = this.classify(specifier);
    if (!target) return;
    const library = target.library;
    const variables = this.scopeManager.getDeclaredVariables(declaration);
    const track = (tracker: Tracker): void => {
      for (const variable of variables) if (library) tracker.trackVariable(variable, { library, shape: moduleObject(library), api: '' });
    };
    if (!this.reachesTokens(library, track)) return;
    this.addImport({
      form: 'import-equals',
      node: declaration,
      source: declaration.moduleReference.expression,
      typeOnly: declaration.importKind === 'type',
      ...target,
    });
    track(this.tracker);
  }

  visitReExport(declaration: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration): void {
    if (!declaration.source || isAmbient(declaration)) return;
    const target = this.classify(declaration.source.value);
    if (!target) return;
    if (target.library?.multiPurpose && !this.reExportsTokenSurface(declaration, target.library)) return;
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
        const tracked = memberOf({ library: target.library, shape: moduleObject(target.library), api: '' }, local);
        if (tracked?.shape.kind) this.tracker.addCall(tracked, specifierNode, 'reference', []);
      }
    }
  }

  /** `export *` hands out every token surface; `export { x }` only when one of the names leads to one. */
  private reExportsTokenSurface(declaration: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration, library: LibraryEntry): boolean {
    if (declaration.type === 'ExportAllDeclaration') return declaration.exportKind !== 'type';
    return declaration.specifiers.some((specifierNode) => {
      const local = specifierNode.local.type === 'Identifier' ? specifierNode.local.name : String(specifierNode.local.value);
      const member = memberOf({ library, shape: moduleObject(library), api: '' }, local);
      return specifierNode.exportKind !== 'type' && member !== undefined && leadsToSites(member.shape);
    });
  }

  /**
   * `require('m')`, `module.require('m')`, `globalThis.require('m')`, `createRequire(url)('m')`, a local
   * alias of `require`, `require.call(null, 'm')`. Any other `x.require('m')` (`process.mainModule`)
   * counts when `m` is a JWT library, but its non-literal arguments are not reported (too many look-alikes).
   */
  visitPossibleRequire(call: TSESTree.CallExpression): void {
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
    const library = target.library;
    const track = (tracker: Tracker): void => {
      if (library) tracker.trackValue(call, { library, shape: moduleObject(library), api: '' });
    };
    if (!this.reachesTokens(library, track)) return;
    this.addImport({ form: 'require', node: call, source: argument, specifier, typeOnly: false, ...target });
    track(this.tracker);
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

  visitImportExpression(expression: TSESTree.ImportExpression): void {
    const specifier = this.constantString(expression.source);
    if (specifier === undefined) {
      // Plugin and theme loaders compute their specifiers: only one that could name a JWT module is a finding.
      if (mayNameJwtModule(expression.source, this.input.filename, this.input.settings, this.scopeManager)) {
        this.unresolvedModules.push({ node: expression, form: 'dynamic-import' });
      }
      return;
    }
    const target = this.classify(specifier);
    if (!target) return;
    const library = target.library;
    const track = (tracker: Tracker): void => {
      if (library) tracker.trackValue(expression, { library, shape: moduleObject(library), api: '', promise: true });
    };
    if (!this.reachesTokens(library, track)) return;
    this.addImport({ form: 'dynamic-import', node: expression, source: expression.source, specifier, typeOnly: false, ...target });
    track(this.tracker);
  }
}

/** The value one import specifier binds: the module object, its default export, or a named member. */
function importedValue(library: LibraryEntry, specifierNode: TSESTree.ImportClause): Tracked | undefined {
  if (specifierNode.type === 'ImportNamespaceSpecifier') return { library, shape: moduleObject(library), api: '' };
  if (specifierNode.type === 'ImportDefaultSpecifier') return { library, shape: library.defaultExport ?? library.namespace, api: '' };
  const imported = specifierNode.imported.type === 'Identifier' ? specifierNode.imported.name : String(specifierNode.imported.value);
  return memberOf({ library, shape: moduleObject(library), api: '' }, imported);
}
