/**
 * For `jwt-ssot migrate` only: where the syntactic key trace (key-source.ts) stops, the type checker
 * resolves the key expression's symbol across files, following what syntax cannot (a namespace
 * re-export `export * as keys from './keys'`, `export =`, `import x = require()`, enum members, static
 * class members reached through those). Two keys are the same when they end at the same declaration
 * (file and position), or at declarations whose initialisers trace syntactically to the same source.
 * It only ever turns an undecided pair into an equal one: a pair the syntax knows to differ is never
 * asked about. ts-morph is loaded lazily; the lint rules never import this file (too slow for an editor).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type * as TsMorph from 'ts-morph';
import { analyzeFile, parseFile, resolverFor, type Settings } from '../engine/index.js';
import { staticString } from '../engine/ast/nodes.js';
import { loadModule, type ModuleFile } from './key-modules.js';
import { keySourceOf } from './key-source.js';
import type { PlanContext } from './plan-context.js';
import { sameSource, type SecretSource } from './secret-source.js';

type Ts = typeof TsMorph.ts;
type TsNode = TsMorph.ts.Node;
type TsExpression = TsMorph.ts.Expression;

/** Hops through bindings, aliases and properties before giving up (config chains are short). */
const MAX_HOPS = 32;
/** Calls that hand back the secret they are given in another encoding (the syntactic trace's list). */
const KEEPS_SECRET = new Set(['TextEncoder.encode', 'Buffer.from', 'String', 'createSecretKey', 'crypto.createSecretKey']);

/** Where a typed trace ends: an environment variable, or a declaration whose value it cannot follow. */
type Terminal = { readonly kind: 'env'; readonly name: string } | { readonly kind: 'declaration'; readonly node: TsNode };

/**
 * The typed key comparison of one migration run: one ts-morph project (the project's tsconfig when it
 * has one), into which each migrated file's current text is put before its keys are resolved.
 */
export class TypedKeys {
  private project?: TsMorph.Project | null;
  private ts?: Ts;
  private canonical?: ReadonlyArray<readonly SecretSource[]> | null;

  constructor(private readonly settings: Settings) {}

  /**
   * Is the site's `key` (whose syntactic source is `site`) the canonical function's key, by the type
   * checker? Asked only when the syntactic trace of one side stopped; false whenever it cannot tell.
   */
  sameKey(ctx: PlanContext, key: TSESTree.Node, site: SecretSource): boolean {
    const canonicalSyntactic = ctx.shape.keySources ?? ctx.shape.secretEnv.map((name): SecretSource => ({ kind: 'env', name }));
    const siteUntraced = site.kind === 'unknown' || (site.kind === 'declaration' && site.file === ctx.file);
    const canonicalUntraced = canonicalSyntactic.some((source) => source.kind === 'unknown' || (source.kind === 'declaration' && source.file === this.settings.canonical?.file));
    // Both sides traced and different: the syntax has decided, and the types must not overrule it.
    if (!siteUntraced && !canonicalUntraced) return false;
    // A trace that never leaves its file sees nothing the syntactic one did not: no type checker for it.
    if (siteUntraced && !importsProjectModule(ctx, this.settings)) return false;
    try {
      const canonicalKeys = this.canonicalKeys();
      if (!canonicalKeys || canonicalKeys.length === 0) return false;
      const siteIdentities = siteUntraced ? this.typedIdentities(ctx.file, ctx.text, key.range, ctx) : [site];
      // Every key the canonical function verifies with must be this one (a function with two keys is not).
      return canonicalKeys.every((identities) => identities.some((canonical) => siteIdentities.some((identity) => sameSource(identity, canonical))));
    } catch {
      // The type checker could not load the project: the syntactic answer stands.
      return false;
    }
  }

  /** The identities of each key argument of the canonical function's own verify calls (cached per run). */
  private canonicalKeys(): ReadonlyArray<readonly SecretSource[]> | undefined {
    if (this.canonical !== undefined) return this.canonical ?? undefined;
    this.canonical = null;
    const canonical = this.settings.canonical;
    if (!canonical?.file) return undefined;
    const file = canonical.file;
    const text = fs.readFileSync(file, 'utf8');
    const { ast, scopeManager } = parseFile(file, text);
    const analysis = analyzeFile({ ast, scopeManager, filename: file, text, settings: this.settings });
    const keys: TSESTree.Node[] = [];
    for (const call of analysis.calls) {
      const keyArg = call.kind === 'verify' ? call.shape?.keyArg : undefined;
      const key = keyArg === undefined ? undefined : call.args[keyArg];
      if (key && key.type !== 'SpreadElement') keys.push(key);
    }
    const range = importsProjectModule({ file, ast, scopeManager }, this.settings) ? this.exportedRange(file, text, canonical.exports.verify) : undefined;
    const inside = range ? keys.filter((key) => range[0] <= key.range[0] && key.range[1] <= range[1]) : [];
    const module: ModuleFile = { file, ast, scopeManager };
    const leavesFile = importsProjectModule(module, this.settings);
    this.canonical = (inside.length > 0 ? inside : keys).map((key) => {
      const syntactic = keySourceOf({ ...module, settings: this.settings }, key);
      const traced = syntactic.kind !== 'unknown' && !(syntactic.kind === 'declaration' && syntactic.file === file);
      return traced || !leavesFile ? [syntactic] : [...(syntactic.kind === 'unknown' ? [] : [syntactic]), ...this.typedIdentities(file, text, key.range, module)];
    });
    return this.canonical;
  }

  /** Where the canonical module's export `name` is declared (a function or `const x = () => …`). */
  private exportedRange(file: string, text: string, name: string): readonly [number, number] | undefined {
    const declaration = this.sourceFile(file, text)?.getExportedDeclarations().get(name)?.[0];
    return declaration ? [declaration.getStart(), declaration.getEnd()] : undefined;
  }

  /** The typed trace of the expression at `range` in `file`, as secret sources (empty: it cannot tell). */
  private typedIdentities(file: string, text: string, range: readonly [number, number], own: ModuleFile): SecretSource[] {
    const sourceFile = this.sourceFile(file, text);
    const ts = this.ts;
    if (!sourceFile || !ts) return [];
    const node = nodeAt(ts, sourceFile.compilerNode, range);
    if (!node) return [];
    const terminal = new TypedTrace(ts, sourceFile.getProject().getTypeChecker().compilerObject).follow(node as TsExpression, 0);
    if (!terminal) return [];
    if (terminal.kind === 'env') return [terminal];
    const declaration = terminal.node;
    const declarationFile = path.resolve(declaration.getSourceFile().fileName);
    const identity: SecretSource = { kind: 'declaration', file: declarationFile, name: declarationName(ts, declaration), at: declaration.getStart() };
    // The declaration's initialiser may trace syntactically to a source (`cleanEnv(process.env).SECRET`).
    const value = valueOf(ts, declaration);
    if (!value || value === 'not-a-key') return [identity];
    const module = declarationFile === path.resolve(own.file) ? own : loadModule(this.settings, own.file, declarationFile);
    const estree = module && estreeNodeAt(module.ast, [value.getStart(), value.getEnd()]);
    const syntactic = module && estree ? keySourceOf({ ...module, settings: this.settings }, estree) : undefined;
    return syntactic && syntactic.kind !== 'unknown' ? [syntactic, identity] : [identity];
  }

  /** `file` in the project with `text` as its content (null: ts-morph could not be loaded). */
  private sourceFile(file: string, text: string): TsMorph.SourceFile | undefined {
    if (this.project === undefined) {
      this.project = null;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when migrate needs it, never by the rules
      const tsMorph = require('ts-morph') as typeof TsMorph;
      this.ts = tsMorph.ts;
      const tsconfig = resolverFor(this.settings).tsconfigFacts(file)?.file;
      const ownTsconfig = tsconfig && !path.relative(this.settings.root, tsconfig).startsWith('..') ? tsconfig : undefined;
      // JavaScript files must be in the program for their symbols to resolve, whatever the tsconfig says.
      const compilerOptions = ownTsconfig
        ? { allowJs: true }
        : { allowJs: true, module: tsMorph.ts.ModuleKind.Preserve, moduleResolution: tsMorph.ts.ModuleResolutionKind.Bundler, strict: true };
      this.project = new tsMorph.Project({ ...(ownTsconfig ? { tsConfigFilePath: ownTsconfig } : {}), compilerOptions, skipAddingFilesFromTsConfig: true });
    }
    if (!this.project) return undefined;
    const existing = this.project.getSourceFile(file);
    if (existing?.getFullText() === text) return existing;
    return this.project.createSourceFile(file, text, { overwrite: true });
  }
}

/** One key's trace through the type checker's symbols. */
class TypedTrace {
  constructor(
    private readonly ts: Ts,
    private readonly checker: TsMorph.ts.TypeChecker,
  ) {}

  follow(expression: TsExpression, hops: number): Terminal | undefined {
    const { ts } = this;
    if (hops > MAX_HOPS) return undefined;
    const node = skipWrappers(ts, expression);
    if (ts.isCallExpression(node)) {
      const first = node.arguments[0];
      if (first && KEEPS_SECRET.has(callName(ts, node.expression) ?? '')) return this.follow(first, hops + 1);
      // A helper without parameters that returns one expression (`getJwtSecret()`).
      const helper = node.arguments.length === 0 ? this.declarationOf(node.expression) : undefined;
      const returned = helper && singleReturn(ts, helper);
      return returned ? this.follow(returned, hops + 1) : undefined;
    }
    const env = envName(ts, node);
    if (env !== undefined) return { kind: 'env', name: env };
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
    const declaration = this.declarationOf(node);
    if (!declaration) return undefined;
    const value = valueOf(ts, declaration);
    if (value === 'not-a-key') return undefined;
    return (value && this.follow(value, hops + 1)) ?? { kind: 'declaration', node: declaration };
  }

  /** The one declaration the name denotes, through imports, re-exports, `export =` and shorthand properties. */
  private declarationOf(node: TsNode): TsNode | undefined {
    const { ts, checker } = this;
    const location = ts.isPropertyAccessExpression(node) ? node.name : ts.isElementAccessExpression(node) ? node.argumentExpression : node;
    let symbol = checker.getSymbolAtLocation(location);
    for (let hop = 0; symbol && hop < MAX_HOPS; hop++) {
      if (symbol.flags & ts.SymbolFlags.Alias) {
        symbol = checker.getAliasedSymbol(symbol);
        continue;
      }
      const declarations = symbol.declarations ?? [];
      const declaration = symbol.valueDeclaration ?? (declarations.length === 1 ? declarations[0] : undefined);
      if (declaration && ts.isShorthandPropertyAssignment(declaration)) {
        symbol = checker.getShorthandAssignmentValueSymbol(declaration);
        continue;
      }
      return declaration;
    }
    return undefined;
  }
}

/** Does the module import or require a module of the project (not a package)? Only then can a key trace leave it. */
function importsProjectModule(module: ModuleFile, settings: Settings): boolean {
  const resolver = resolverFor(settings);
  const isProjectModule = (specifier: unknown): boolean => {
    if (typeof specifier !== 'string') return false;
    const file = resolver.resolve(module.file, specifier, { packages: false });
    return file !== undefined && !/[\\/]node_modules[\\/]/.test(file);
  };
  for (const statement of module.ast.body) {
    if (statement.type === 'ImportDeclaration' && statement.importKind !== 'type' && isProjectModule(statement.source.value)) return true;
    if (statement.type === 'TSImportEqualsDeclaration' && statement.moduleReference.type === 'TSExternalModuleReference' && isProjectModule(statement.moduleReference.expression.value)) return true;
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      let init = declarator.init;
      while (init?.type === 'MemberExpression') init = init.object;
      if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && isProjectModule(staticString(init.arguments[0]))) return true;
    }
  }
  return false;
}

/** `(x as T)!`, `await x`, `x satisfies T` → `x`. */
function skipWrappers(ts: Ts, expression: TsExpression): TsExpression {
  let current = expression;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current) || ts.isAwaitExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/**
 * What a declaration's value is: the expression to follow, undefined when it has none to follow (the
 * declaration itself is the identity), or 'not-a-key' when it may hold anything (a parameter, a `let`,
 * an interface member, a field the constructor sets).
 */
function valueOf(ts: Ts, declaration: TsNode): TsExpression | undefined | 'not-a-key' {
  if (ts.isVariableDeclaration(declaration)) {
    if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) || !ts.isIdentifier(declaration.name)) return 'not-a-key';
    return declaration.initializer;
  }
  if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
  // A field set by the constructor holds whatever each instance was given.
  if (ts.isPropertyDeclaration(declaration)) return declaration.initializer ?? 'not-a-key';
  if (ts.isExportAssignment(declaration)) return declaration.expression;
  // A getter that may return one of several values is not one key.
  if (ts.isGetAccessorDeclaration(declaration)) return singleReturn(ts, declaration) ?? 'not-a-key';
  if (ts.isEnumMember(declaration)) return undefined;
  // CommonJS in JavaScript: `exports.secret = …`, `module.exports.secret = …`.
  if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent) && declaration.parent.left === declaration) {
    return declaration.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? declaration.parent.right : 'not-a-key';
  }
  if (ts.isBinaryExpression(declaration)) return declaration.operatorToken.kind === ts.SyntaxKind.EqualsToken ? declaration.right : 'not-a-key';
  return 'not-a-key';
}

/** The one returned expression of a function, method or getter without parameters. */
function singleReturn(ts: Ts, declaration: TsNode): TsExpression | undefined {
  const fn = ts.isVariableDeclaration(declaration) ? declaration.initializer : declaration;
  if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn))) return undefined;
  if (fn.parameters.length > 0 || !fn.body) return undefined;
  if (!ts.isBlock(fn.body)) return fn.body;
  const statements = fn.body.statements;
  const only = statements.length === 1 ? statements[0] : undefined;
  return only && ts.isReturnStatement(only) ? only.expression : undefined;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Bun.env.X` → 'X'. */
function envName(ts: Ts, node: TsExpression): string | undefined {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
  const name = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isStringLiteral(node.argumentExpression) ? node.argumentExpression.text : undefined;
  const host = skipWrappers(ts, node.expression);
  if (name === undefined || !ts.isPropertyAccessExpression(host) || host.name.text !== 'env') return undefined;
  const object = host.expression;
  if (ts.isMetaProperty(object)) return name;
  return ts.isIdentifier(object) && (object.text === 'process' || object.text === 'Bun') ? name : undefined;
}

/** `Buffer.from`, `new TextEncoder().encode` (as `TextEncoder.encode`), `String`. */
function callName(ts: Ts, callee: TsExpression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object = skipWrappers(ts, callee.expression);
  if (ts.isNewExpression(object) && ts.isIdentifier(object.expression)) return `${object.expression.text}.${callee.name.text}`;
  const host = ts.isIdentifier(object) ? object.text : ts.isPropertyAccessExpression(object) ? callName(ts, object) : undefined;
  return host === undefined ? undefined : `${host}.${callee.name.text}`;
}

/** A name for people: `SECRET`, `Config.JWT_SECRET`, `Keys.Jwt`. */
function declarationName(ts: Ts, declaration: TsNode): string {
  const name = (declaration as { name?: TsNode }).name;
  const own = name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : declaration.getText().slice(0, 40);
  const owner = declaration.parent as TsNode | undefined;
  const ownerName = owner && (ts.isClassDeclaration(owner) || ts.isEnumDeclaration(owner)) ? owner.name?.text : undefined;
  return ownerName ? `${ownerName}.${own}` : own;
}

/** The outermost TypeScript node spanning exactly `range` (ESTree ranges leave out parentheses and trivia). */
function nodeAt(ts: Ts, root: TsNode, [start, end]: readonly [number, number]): TsNode | undefined {
  let current: TsNode | undefined = root;
  while (current) {
    if (current !== root && current.getStart() === start && current.getEnd() === end) return current;
    let next: TsNode | undefined;
    ts.forEachChild(current, (child) => {
      if (!next && child.getStart() <= start && end <= child.getEnd()) next = child;
    });
    current = next;
  }
  return undefined;
}

/** The outermost ESTree node spanning exactly `range`. */
function estreeNodeAt(root: TSESTree.Node, [start, end]: readonly [number, number]): TSESTree.Node | undefined {
  let current: TSESTree.Node | undefined = root;
  while (current) {
    if (current !== root && current.range[0] === start && current.range[1] === end) return current;
    let next: TSESTree.Node | undefined;
    for (const key of visitorKeys[current.type] ?? []) {
      const child = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        const candidate = item as TSESTree.Node | null | undefined;
        if (!next && candidate && typeof candidate.type === 'string' && candidate.range[0] <= start && end <= candidate.range[1]) next = candidate;
      }
    }
    current = next;
  }
  return undefined;
}
