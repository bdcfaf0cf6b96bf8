/**
 * The import of the canonical export a rewrite calls: reuse a binding the file already has, merge into an
 * existing import or require of the canonical module, or add one under a free local name, spelled the way
 * the file's module system and project want (see import-specifier.ts).
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { stripExtension, type Settings } from '../engine/index.js';
import { startAboveFollowUps } from './follow-ups.js';
import { canonicalImportSpecifier } from './import-specifier.js';
import { nextLineStart, type TextEdit } from './text.js';
import { propertyName } from './ast.js';

type Node = TSESTree.Node;

/** The canonical export a rewrite calls: its exported name (one of the verify functions, or the decode function). */
export type CanonicalExport = string;

/** Does the tree call `require(…)` anywhere, or assign `module.exports` / `exports.x`? */
function usesCommonJs(ast: TSESTree.Program): boolean {
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') return true;
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && (node.object.name === 'module' || node.object.name === 'exports')) {
      if (node.object.name === 'exports' || (node.property.type === 'Identifier' && node.property.name === 'exports')) return true;
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return false;
}

/**
 * Does the file use CommonJS? `.cjs`/`.cts` always, `.mjs`/`.mts` never; otherwise a file with static
 * imports or exports is ESM, one that calls `require` or assigns `module.exports` is CommonJS, and a file
 * with neither is ESM when it is TypeScript (or parsed as a module), so a `.ts` file that only uses
 * `import()` gets an `import`.
 */
export function isCommonJsFile(filename: string, ast: TSESTree.Program): boolean {
  const ext = path.extname(filename);
  if (ext === '.cjs' || ext === '.cts') return true;
  if (ext === '.mjs' || ext === '.mts') return false;
  if (ast.body.some((statement) => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'))) return false;
  if (usesCommonJs(ast)) return true;
  return !(ext === '.ts' || ext === '.tsx') && ast.sourceType !== 'module';
}

/** Relative imports in this file end with `.js` (NodeNext ESM) — new ones should too. */
export function usesJsExtensions(ast: TSESTree.Program): boolean {
  return ast.body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' &&
      statement.source.value.startsWith('.') &&
      /\.(c|m)?js$/.test(statement.source.value),
  );
}

/** How the file refers to the canonical exports, and the import edit they need. */
export class CanonicalImport {
  private readonly locals = new Map<CanonicalExport, string>();
  private readonly needsImport = new Map<CanonicalExport, { exportName: string; local: string }>();
  private readonly commonJs: boolean;
  private readonly givenSpecifier: string | undefined;
  private resolvedSpecifier?: { readonly value: string | undefined };
  /** An existing import/require of the canonical module to merge new names into. */
  private mergeTarget?: { kind: 'named' | 'default-only' | 'pattern'; node: Node };
  private namespace?: string;

  constructor(
    private readonly file: string,
    private readonly settings: Settings,
    private readonly text: string,
    private readonly ast: TSESTree.Program,
    private readonly scopeManager: TSESLint.Scope.ScopeManager,
    specifier?: string,
  ) {
    this.commonJs = isCommonJsFile(file, ast);
    this.givenSpecifier = specifier;
  }

  /** The specifier new imports use; read from the project only when a site needs it (it touches the disk). */
  private get specifier(): string | undefined {
    this.resolvedSpecifier ??= {
      value: this.givenSpecifier ?? canonicalImportSpecifier(this.settings, this.file, { commonJs: this.commonJs, importsUseJs: usesJsExtensions(this.ast) }),
    };
    return this.resolvedSpecifier.value;
  }

  private isCanonicalSpecifier(specifier: string): boolean {
    if (specifier === this.specifier) return true;
    const file = this.settings.canonical?.file;
    if (!file || !specifier.startsWith('.')) return false;
    const resolved = path.resolve(path.dirname(path.resolve(this.file)), specifier.replace(/\.(c|m)?js$/, ''));
    return stripExtension(resolved) === stripExtension(file);
  }

  private taken(name: string): boolean {
    const global = this.scopeManager.globalScope;
    if (global?.through.some((reference) => reference.identifier.name === name)) return true;
    return this.scopeManager.scopes.some((scope) => scope.set.has(name));
  }

  private freeName(exportName: string): string {
    if (!this.taken(exportName)) return exportName;
    const base = `ssot${exportName[0]!.toUpperCase()}${exportName.slice(1)}`;
    let candidate = base;
    for (let index = 2; this.taken(candidate) || [...this.locals.values()].includes(candidate); index++) candidate = `${base}${index}`;
    return candidate;
  }

  /** Finds an existing binding of the export, or plans a new one; returns the callee text. */
  local(exportName: CanonicalExport): string {
    const cached = this.locals.get(exportName);
    if (cached) return cached;
    const existing = this.existing(exportName);
    const local = existing ?? (this.namespace ? `${this.namespace}.${exportName}` : this.freeName(exportName));
    if (!existing && !this.namespace) this.needsImport.set(exportName, { exportName, local });
    this.locals.set(exportName, local);
    return local;
  }

  private existing(exportName: string): string | undefined {
    for (const statement of this.ast.body) {
      if (statement.type === 'ImportDeclaration' && statement.importKind !== 'type' && this.isCanonicalSpecifier(statement.source.value)) {
        for (const specifier of statement.specifiers) {
          if (specifier.type === 'ImportNamespaceSpecifier') this.namespace = specifier.local.name;
          if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type') {
            const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
            if (imported === exportName) return specifier.local.name;
          }
        }
        if (!this.mergeTarget && !this.namespace) {
          const named = statement.specifiers.some((specifier) => specifier.type === 'ImportSpecifier');
          if (named) this.mergeTarget = { kind: 'named', node: statement };
          else if (statement.specifiers.length === 1 && statement.specifiers[0]!.type === 'ImportDefaultSpecifier') this.mergeTarget = { kind: 'default-only', node: statement };
        }
      }
      if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1) {
        const declarator = statement.declarations[0]!;
        const init = declarator.init;
        if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') continue;
        const source = init.arguments[0];
        if (source?.type !== 'Literal' || typeof source.value !== 'string' || !this.isCanonicalSpecifier(source.value)) continue;
        if (declarator.id.type === 'Identifier') this.namespace = declarator.id.name;
        else if (declarator.id.type === 'ObjectPattern') {
          for (const property of declarator.id.properties) {
            if (property.type === 'Property' && propertyName(property) === exportName && property.value.type === 'Identifier') return property.value.name;
          }
          if (!this.mergeTarget && !declarator.id.properties.some((property) => property.type === 'RestElement')) {
            this.mergeTarget = { kind: 'pattern', node: declarator.id };
          }
        }
      }
    }
    return undefined;
  }

  /** The edit that imports what the final rewrites use (merged into an existing import when there is one). */
  importEdit(used: ReadonlySet<CanonicalExport>, eol: string): { edit: TextEdit; description: string } | undefined {
    const names = [...this.needsImport.entries()].filter(([exportName]) => used.has(exportName)).map(([, binding]) => binding);
    if (names.length === 0 || !this.specifier) return undefined;
    const esmList = names.map(({ exportName, local }) => (local === exportName ? exportName : `${exportName} as ${local}`)).join(', ');
    const cjsList = names.map(({ exportName, local }) => (local === exportName ? exportName : `${exportName}: ${local}`)).join(', ');
    const target = this.mergeTarget;
    const description = `import ${names.map((name) => name.exportName).join(', ')} from ${this.specifier}`;
    if (target?.kind === 'named') {
      const declaration = target.node as TSESTree.ImportDeclaration;
      const last = [...declaration.specifiers].reverse().find((specifier) => specifier.type === 'ImportSpecifier')!;
      return { edit: { start: last.range[1], end: last.range[1], text: `, ${esmList}` }, description };
    }
    if (target?.kind === 'default-only') {
      const defaultSpecifier = (target.node as TSESTree.ImportDeclaration).specifiers[0]!;
      return { edit: { start: defaultSpecifier.range[1], end: defaultSpecifier.range[1], text: `, { ${esmList} }` }, description };
    }
    if (target?.kind === 'pattern') {
      const pattern = target.node as TSESTree.ObjectPattern;
      const last = pattern.properties[pattern.properties.length - 1];
      if (last) return { edit: { start: last.range[1], end: last.range[1], text: `, ${cjsList}` }, description };
    }
    const quote = this.quote();
    const anchor = this.anchor();
    const semi = this.semicolon(anchor);
    const statement = this.commonJs
      ? `const { ${cjsList} } = require(${quote}${this.specifier}${quote})${semi}`
      : `import { ${esmList} } from ${quote}${this.specifier}${quote}${semi}`;
    if (anchor) {
      const rest = this.text.slice(anchor.range[1], nextLineStart(this.text, anchor.range[1]));
      const lineEnd = /^[ \t]*(\/\/[^\r\n]*)?\r?\n?$/.test(rest) ? anchor.range[1] + rest.replace(/\r?\n$/, '').length : anchor.range[1];
      return { edit: { start: lineEnd, end: lineEnd, text: `${eol}${statement}` }, description };
    }
    const first = this.ast.body[0];
    const position = first ? startAboveFollowUps(this.text, this.ast, first) : this.text.length;
    return { edit: { start: position, end: position, text: `${statement}${eol}${first ? eol : ''}` }, description };
  }

  private quote(): string {
    for (const statement of this.ast.body) {
      if (statement.type === 'ImportDeclaration') return statement.source.raw.startsWith('"') ? '"' : "'";
    }
    const match = /require\((['"])/.exec(this.text);
    return match ? match[1]! : "'";
  }

  /** The statement after which a new import goes: the last import, the last top-level require, or the directives. */
  private anchor(): Node | undefined {
    let anchor: Node | undefined;
    for (const statement of this.ast.body) {
      if (statement.type === 'ImportDeclaration' || (statement.type === 'ExpressionStatement' && statement.directive !== undefined && !anchor)) {
        anchor = statement;
        continue;
      }
      if (this.commonJs && statement.type === 'VariableDeclaration') {
        const init = statement.declarations[0]?.init;
        const call = init?.type === 'MemberExpression' ? init.object : init;
        if (call?.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'require') anchor = statement;
      }
    }
    return anchor;
  }

  private semicolon(anchor: Node | undefined): string {
    const sample = anchor ?? this.ast.body[0];
    if (!sample) return ';';
    // A function or class declaration never ends in `;`, so it says nothing about the file's style (exported or not).
    const declared = (sample.type === 'ExportNamedDeclaration' || sample.type === 'ExportDefaultDeclaration') && sample.declaration ? sample.declaration : sample;
    const silent = declared.type === 'FunctionDeclaration' || declared.type === 'ClassDeclaration' || declared.type === 'TSInterfaceDeclaration';
    return silent || this.text.slice(sample.range[0], sample.range[1]).trimEnd().endsWith(';') ? ';' : '';
  }
}


