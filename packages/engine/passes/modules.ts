/**
 * Module references: imports, `require()` in its many spellings, `import()`, re-exports and
 * `import x = require()`. Each specifier is classified as a JWT library (whose value the tracker then
 * follows) or a private path of an auth module (a bypass of its entry).
 */
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import type { LibraryEntry } from '../catalogue/index.js';
import { isCreateRequireCall, type Collected } from '../ast/collect.js';
import { memberName, staticString, unwrap, type Node } from '../ast/nodes.js';
import { findVariable, isGlobalName, scopeOf } from '../ast/scope.js';
import { resolverFor } from '../resolve.js';
import type { Settings } from '../settings.js';
import type { AnalyzeInput, ImportSite, UnresolvedModuleSite } from '../types.js';
import { memberOf, moduleObject, type Tracked, type Tracker } from './tracked.js';

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

  visitImportDeclaration(declaration: TSESTree.ImportDeclaration): void {
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
        tracked = memberOf({ library, shape: moduleObject(library), api: '' }, imported);
      }
      if (!tracked) continue;
      for (const variable of this.scopeManager.getDeclaredVariables(specifierNode)) this.tracker.trackVariable(variable, tracked);
    }
  }

  visitImportEquals(declaration: TSESTree.TSImportEqualsDeclaration): void {
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
    for (const variable of this.scopeManager.getDeclaredVariables(declaration)) this.tracker.trackVariable(variable, tracked);
  }

  visitReExport(declaration: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration): void {
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
        const tracked = memberOf({ library: target.library, shape: moduleObject(target.library), api: '' }, local);
        if (tracked?.shape.kind) this.tracker.addCall(tracked, specifierNode, 'reference', []);
      }
    }
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
    this.addImport({ form: 'require', node: call, source: argument, specifier, typeOnly: false, ...target });
    if (target.library) this.tracker.trackValue(call, { library: target.library, shape: moduleObject(target.library), api: '' });
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
      this.unresolvedModules.push({ node: expression, form: 'dynamic-import' });
      return;
    }
    const target = this.classify(specifier);
    if (!target) return;
    this.addImport({ form: 'dynamic-import', node: expression, source: expression.source, specifier, typeOnly: false, ...target });
    if (target.library) {
      this.tracker.trackValue(expression, { library: target.library, shape: moduleObject(target.library), api: '', promise: true });
    }
  }
}
