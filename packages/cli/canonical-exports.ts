/**
 * What a canonical module exports, read from its syntax, for `init` (which exported function already
 * verifies?) and the settings check (does the module export the configured names?). The engine's
 * exportedNames covers ES exports and `export *` chains; this adds the CommonJS forms
 * (`module.exports = { f }`, `module.exports.f = …`, `exports.f = …`) and, for each export, the code that
 * implements it, so the engine's call sites can be matched to the function they sit in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { analyzeFile, exportedNames, parseFile, readSettings, type ParsedFile, type SpecifierResolver } from '../engine/index.js';

type Node = TSESTree.Node;

/** One exported name and the code behind it (undefined when it is imported or not a local declaration). */
export interface ExportEntry {
  readonly name: string;
  readonly implementation?: Node;
  /** Where the implementation lives: the module itself, or the file a re-export leads to. */
  readonly file: string;
}

/** An exported function that contains JWT-library calls of the given kind, directly or through local helpers. */
export interface JwtExport {
  readonly name: string;
  readonly kind: 'verify' | 'decode';
  readonly file: string;
}

/** Each file read and parsed once per look-up, so the nodes of an export and of the engine's call sites are the same objects. */
export class ModuleReader {
  private readonly parsed = new Map<string, (ParsedFile & { text: string }) | undefined>();

  read(file: string): (ParsedFile & { text: string }) | undefined {
    if (!this.parsed.has(file)) {
      let entry: (ParsedFile & { text: string }) | undefined;
      try {
        const text = fs.readFileSync(file, 'utf8');
        // oxc-parser where the project has it (its trees equal typescript-estree's: parser-differential
        // test): otherwise this one module would load TypeScript for an audit that parses nothing else with it.
        entry = { ...parseFile(file, text, { preferOxc: true }), text };
      } catch {
        entry = undefined; // unreadable or unparsable: it exports nothing we can see
      }
      this.parsed.set(file, entry);
    }
    return this.parsed.get(file);
  }
}

function identifierName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return undefined;
}

/** `module.exports` or `exports`. */
function isCommonJsExportsObject(node: Node): boolean {
  if (node.type === 'Identifier') return node.name === 'exports';
  return node.type === 'MemberExpression' && !node.computed && identifierName(node.object) === 'module' && identifierName(node.property) === 'exports';
}

/** The top-level declarations by name: functions, classes and variable declarators. */
function topLevelDeclarations(program: TSESTree.Program): Map<string, Node> {
  const declarations = new Map<string, Node>();
  const add = (statement: Node | null | undefined): void => {
    if (!statement) return;
    if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id) declarations.set(statement.id.name, statement);
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) if (declarator.id.type === 'Identifier') declarations.set(declarator.id.name, declarator);
    }
  };
  for (const statement of program.body) {
    add(statement);
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') add(statement.declaration as Node | null);
  }
  return declarations;
}

/** A value assigned to an export: a local name stands for its declaration, anything else for itself. */
function implementationOf(value: Node, declarations: ReadonlyMap<string, Node>): Node | undefined {
  return value.type === 'Identifier' ? declarations.get(value.name) : value;
}

/** The module's own exports (ES and CommonJS), and the re-exports (`export … from`) still to follow. */
function ownExports(program: TSESTree.Program): { entries: Map<string, Node | undefined>; reexports: Array<{ source: string; local?: string; exported?: string }> } {
  const declarations = topLevelDeclarations(program);
  const entries = new Map<string, Node | undefined>();
  const reexports: Array<{ source: string; local?: string; exported?: string }> = [];
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      if (statement.source) {
        for (const specifier of statement.specifiers) {
          reexports.push({ source: statement.source.value, local: identifierName(specifier.local), exported: identifierName(specifier.exported) });
        }
        continue;
      }
      for (const specifier of statement.specifiers) {
        const exported = identifierName(specifier.exported);
        const local = identifierName(specifier.local);
        if (exported) entries.set(exported, local === undefined ? undefined : declarations.get(local));
      }
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') entries.set(declarator.id.name, declarator);
      } else if (declaration && 'id' in declaration && declaration.id?.type === 'Identifier') {
        entries.set(declaration.id.name, declaration);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      entries.set('default', implementationOf(statement.declaration as Node, declarations));
    } else if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      reexports.push({ source: statement.source.value });
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      // module.exports = { f, g: h, k() {} }
      if (isCommonJsExportsObject(left) && right.type === 'ObjectExpression') {
        for (const property of right.properties) {
          if (property.type !== 'Property' || property.computed) continue;
          const name = identifierName(property.key);
          if (name) entries.set(name, implementationOf(property.value, declarations));
        }
      }
      // module.exports.f = …, exports.f = …
      if (left.type === 'MemberExpression' && !left.computed && isCommonJsExportsObject(left.object)) {
        const name = identifierName(left.property);
        if (name) entries.set(name, implementationOf(right, declarations));
      }
    }
  }
  return { entries, reexports };
}

/**
 * Every name the module exports, with its implementation where the module (or a project file it
 * re-exports from) declares it. `export *` and `export { a as b } from` are followed into project files
 * through the resolver, never into packages.
 */
export function exportEntries(file: string, resolver: SpecifierResolver, reader = new ModuleReader(), seen = new Set<string>()): ExportEntry[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const parsed = reader.read(file);
  if (!parsed) return [];
  const { entries, reexports } = ownExports(parsed.ast);
  const result: ExportEntry[] = [...entries].map(([name, implementation]) => ({ name, implementation, file }));
  for (const reexport of reexports) {
    const target = resolver.resolve(file, reexport.source, { packages: false });
    const followed = target ? exportEntries(target, resolver, reader, new Set(seen)) : [];
    if (reexport.local === undefined) {
      // `export *` passes on everything but the default export.
      result.push(...followed.filter((entry) => entry.name !== 'default' && !entries.has(entry.name)));
    } else if (reexport.exported !== undefined) {
      const entry = followed.find((candidate) => candidate.name === reexport.local);
      result.push({ name: reexport.exported, implementation: entry?.implementation, file: entry?.file ?? file });
    }
  }
  return result;
}

/**
 * The names the module exports, as the engine lists them (ES exports through `export *` chains) plus the
 * CommonJS forms. The settings check and `init` read exports only through this.
 */
export function moduleExportNames(file: string, resolver: SpecifierResolver): Set<string> {
  const names = exportedNames(file, resolver);
  for (const entry of exportEntries(file, resolver)) names.add(entry.name);
  return names;
}

function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Identifiers called in `node`: `helper(t)`, for following a function into the local helpers it calls. */
function calledNames(node: Node): Set<string> {
  const names = new Set<string>();
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'CallExpression' && current.callee.type === 'Identifier') names.add(current.callee.name);
    for (const [key, value] of Object.entries(current)) {
      if (key === 'parent' || !value || typeof value !== 'object') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof (child as Node).type === 'string' && Array.isArray((child as Node).range)) stack.push(child as Node);
      }
    }
  }
  return names;
}

type JwtKind = 'verify' | 'decode';

/** Which JWT call kinds a top-level declaration of the file makes, itself or through the local helpers it calls. */
function jwtKindsIn(parsed: ParsedFile & { text: string }, file: string): (node: Node) => Set<JwtKind> {
  // Default settings: the module is analysed as any other file, so its own calls are sites, not exempt.
  let analysis;
  try {
    analysis = analyzeFile({ ast: parsed.ast, scopeManager: parsed.scopeManager, filename: file, text: parsed.text, settings: readSettings(undefined, path.dirname(file)) });
  } catch {
    return () => new Set();
  }
  const calls = analysis.calls.filter((call) => call.kind === 'verify' || call.kind === 'decode');
  const declarations = topLevelDeclarations(parsed.ast);
  const memo = new Map<Node, Set<JwtKind>>();
  const kindsOf = (node: Node, visiting: Set<Node>): Set<JwtKind> => {
    const known = memo.get(node);
    if (known) return known;
    if (visiting.has(node)) return new Set();
    visiting.add(node);
    const kinds = new Set(calls.filter((call) => contains(node, call.node)).map((call) => call.kind as JwtKind));
    for (const name of calledNames(node)) {
      const helper = declarations.get(name);
      if (helper && helper !== node) for (const kind of kindsOf(helper, visiting)) kinds.add(kind);
    }
    memo.set(node, kinds);
    return kinds;
  };
  return (node) => kindsOf(node, new Set());
}

/**
 * The module's exported functions that verify (a verify call of a JWT library in their body, or in a
 * local helper they call) and those that only decode, in source order. What `init` proposes.
 */
export function jwtExports(file: string, resolver: SpecifierResolver): JwtExport[] {
  const reader = new ModuleReader();
  const kindsByFile = new Map<string, ((node: Node) => Set<JwtKind>) | undefined>();
  const found: JwtExport[] = [];
  for (const entry of exportEntries(file, resolver, reader)) {
    if (!entry.implementation) continue;
    if (!kindsByFile.has(entry.file)) {
      const parsed = reader.read(entry.file);
      kindsByFile.set(entry.file, parsed && jwtKindsIn(parsed, entry.file));
    }
    const kinds = kindsByFile.get(entry.file)?.(entry.implementation);
    if (!kinds || kinds.size === 0) continue;
    found.push({ name: entry.name, kind: kinds.has('verify') ? 'verify' : 'decode', file: entry.file });
  }
  return found;
}
