/**
 * The migration of one file, as a pure function of its text: the engine finds the sites exactly as the
 * rules `no-direct-verify` and `no-direct-decode` report them, each site is either rewritten onto the
 * canonical validator or marked with `// TODO(jwt-ssot): <reason>`, and the edits are spliced into the
 * original text by range. The CLI (`jwt-ssot migrate`) and the jscodeshift transform both call this.
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import {
  analyzeFile,
  canonicalSpecifier,
  entryImportSpecifier,
  findingsFor,
  isCommonJsFile,
  mightContainSites,
  parseFile,
  stripExtension,
  usesJsExtensions,
  type CallSite,
  type FileAnalysis,
  type Finding,
  type Settings,
} from '../../engine/index.js';
import { findVariable, scopeOf } from '../../engine/index.js';
import { defaultCanonicalShape, type CanonicalShape } from './shape.js';
import { applyEdits, detectEol, indentAt, lineNumber, lineStart, mapOffset, nextLineStart, normalizeCode, type TextEdit } from './text.js';
import { removeUnusedLibraryImports, usedLibraryBindings } from './imports.js';

type Node = TSESTree.Node;

export const MARKER = 'TODO(jwt-ssot):';

export interface MigrateInput {
  readonly file: string;
  readonly text: string;
  readonly settings: Settings;
  /** What the canonical validator looks like; default: `settings.canonical.async`/`.returns`, else sync payload. */
  readonly canonicalShape?: CanonicalShape;
  /** The specifier to import the canonical module by (e.g. a tsconfig `paths` alias); default: `canonicalSpecifier`. */
  readonly specifier?: string;
  /** New relative imports end in `.js` (NodeNext ESM); default: when the file's own relative imports do. */
  readonly jsExtension?: boolean;
}

export type EditKind = 'rewrite' | 'follow-up' | 'import' | 'remove-import' | 'entry-import';

export interface MigrateEdit {
  readonly kind: EditKind;
  /** Line in the original text. */
  readonly line: number;
  readonly description: string;
}

export interface FollowUp {
  /** Line of the marked statement in the new text. */
  readonly line: number;
  readonly reason: string;
}

export interface SiteOutcome {
  readonly rule: 'no-direct-verify' | 'no-direct-decode';
  /** Position of the reported node in the original text. */
  readonly line: number;
  readonly column: number;
  readonly outcome: 'rewritten' | 'follow-up';
  readonly reason?: string;
}

export interface MigrateResult {
  readonly text: string;
  readonly changed: boolean;
  readonly edits: readonly MigrateEdit[];
  readonly followUps: readonly FollowUp[];
  readonly sites: readonly SiteOutcome[];
}

/** The canonical function a rewrite calls. */
type Which = 'verify' | 'decode';

interface Rewrite {
  readonly kind: 'rewrite';
  readonly edits: TextEdit[];
  /** The whole range the rewrite replaces (for overlap checks). */
  readonly range: readonly [number, number];
  readonly uses: Which;
  readonly description: string;
}

interface Mark {
  readonly kind: 'follow-up';
  readonly reason: string;
}

type Plan = Rewrite | Mark;

const follow = (reason: string): Mark => ({ kind: 'follow-up', reason });

const FORM_WORDS: Record<CallSite['form'], string> = {
  call: 'a call',
  new: 'constructed with new',
  indirect: 'called through call/apply',
  reference: 'handed on as a value',
  computed: 'a computed member',
  ambient: 'a framework decorator',
  'hand-rolled': 'hand-rolled decoding',
};

const JSONWEBTOKEN_VERIFY = new Set(['jsonwebtoken:verify', 'jsonwebtoken:default.verify']);
const JOSE_VERIFY = new Set(['jose:jwtVerify', 'jose:default.jwtVerify']);
const TOKEN_ONLY_DECODE = new Set([
  'jsonwebtoken:decode',
  'jsonwebtoken:default.decode',
  'jose:decodeJwt',
  'jose:default.decodeJwt',
  'jwt-decode:jwtDecode',
  'jwt-decode:default',
  'jwt-decode:jwt-decode',
]);

/** Parents in which `await x` / `x as T` need no parentheses. */
function isSafeSlot(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node;
    case 'AssignmentExpression':
    case 'AssignmentPattern':
      return parent.right === node;
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee !== node;
    case 'ReturnStatement':
    case 'ExpressionStatement':
    case 'ArrayExpression':
    case 'SpreadElement':
    case 'JSXExpressionContainer':
    case 'TemplateLiteral':
    case 'ThrowStatement':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return true;
    case 'Property':
      return parent.value === node;
    case 'ArrowFunctionExpression':
      return parent.body === node;
    case 'ConditionalExpression':
      return parent.test !== node;
    case 'IfStatement':
    case 'WhileStatement':
      return parent.test === node;
    default:
      return false;
  }
}

function isFunctionNode(node: Node): node is TSESTree.FunctionLike {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The nearest function around `node`, or undefined at module level / in a class field or static block. */
function enclosingFunction(node: Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
    if (current.type === 'PropertyDefinition' || current.type === 'StaticBlock') return undefined;
  }
  return undefined;
}

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock', 'TSModuleBlock']);

/** Members that may carry a line comment of their own when they start their line. */
const MEMBER_LISTS = new Set(['ClassBody', 'ObjectExpression']);

/**
 * Where a marker goes: the statement (in a statement list) that contains `node`, or a class member /
 * object property that starts its own line, so the marker sits next to the site rather than above a
 * whole class or object.
 */
function statementOf(node: Node, text: string): Node {
  let current = node;
  while (current.parent && !STATEMENT_LISTS.has(current.parent.type)) {
    if (MEMBER_LISTS.has(current.parent.type) && text.slice(lineStart(text, current.range[0]), current.range[0]).trim() === '') return current;
    current = current.parent;
  }
  return current;
}

function propertyName(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  return property.key.type === 'Literal' ? String(property.key.value) : undefined;
}

interface Context {
  readonly input: MigrateInput;
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly analysis: FileAnalysis;
  readonly shape: CanonicalShape;
  readonly bindings: CanonicalBindings;
}

const slice = (ctx: Context, node: Node | TSESTree.TypeNode | TSESTree.TSTypeParameterInstantiation): string =>
  ctx.text.slice(node.range[0], node.range[1]);

/** Names of the secrets a key expression reads, following `const` bindings a few hops. */
function keySecretNames(ctx: Context, expression: Node): Set<string> {
  const names = new Set<string>();
  const seen = new Set<Node>();
  const visit = (node: Node, depth: number): void => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const secret of ctx.analysis.secrets) {
      if (node.range[0] <= secret.node.range[0] && secret.node.range[1] <= node.range[1]) names.add(secret.name);
    }
    const stack: Node[] = [node];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.type === 'Identifier' && depth < 4) {
        const parent = current.parent;
        const isPropertyName =
          (parent?.type === 'MemberExpression' && parent.property === current && !parent.computed) ||
          (parent?.type === 'Property' && parent.key === current && !parent.computed);
        if (!isPropertyName) {
          const variable = findVariable(scopeOf(ctx.scopeManager, current), current.name);
          const def = variable?.defs[0];
          if (def?.node.type === 'VariableDeclarator' && def.node.init) visit(def.node.init, depth + 1);
        }
      }
      for (const key of visitorKeys[current.type] ?? []) {
        const child = (current as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(child) ? child : [child]) {
          if (item && typeof (item as Node).type === 'string' && (item as Node).range) stack.push(item as Node);
        }
      }
    }
  };
  visit(expression, 0);
  return names;
}

/** Why the key argument cannot be dropped, or undefined when it is the canonical module's own secret. */
function keyProblem(ctx: Context, key: Node, name: string): string | undefined {
  const names = keySecretNames(ctx, key);
  if (names.size === 0) {
    return `Verifies with a key that is not a recognised secret (\`${slice(ctx, key).slice(0, 60)}\`); check that ${name} uses the same key, then call it.`;
  }
  const known = ctx.shape.secretEnv;
  const foreign = [...names].filter((secret) => known.length > 0 && !known.includes(secret));
  if (foreign.length > 0) {
    return `Verifies with ${foreign.join(', ')} while ${name} uses ${known.join(', ')}; decide which key is right.`;
  }
  return undefined;
}

/** Why the options cannot be dropped, or undefined when they only repeat what the canonical module enforces. */
function optionsProblem(ctx: Context, options: Node, name: string): string | undefined {
  if (options.type !== 'ObjectExpression') return `Options \`${slice(ctx, options).slice(0, 60)}\` cannot be checked against ${name}; rewrite by hand.`;
  const extra: string[] = [];
  for (const property of options.properties) {
    if (property.type !== 'Property') return `Spread options cannot be checked against ${name}; rewrite by hand.`;
    const key = propertyName(property);
    if (key === undefined || ctx.shape.verifyOptions[key] !== normalizeCode(slice(ctx, property.value))) extra.push(key ?? '[computed]');
  }
  return extra.length === 0 ? undefined : `Options ${extra.join(', ')} are not what ${name} enforces; move them into the canonical module or keep this call.`;
}

/** Text of a value expression replacing `target`, in parentheses when its slot needs them. */
function valueText(ctx: Context, target: Node, call: string, awaitIt: boolean, returns: 'payload' | 'result', asType?: string): string {
  let value = returns === 'payload' ? (awaitIt ? `await ${call}` : call) : awaitIt ? `(await ${call}).payload` : `${call}.payload`;
  if (asType) value = `${value} as ${asType}`;
  const bare = value.startsWith('await ') || asType !== undefined;
  return bare && !isSafeSlot(target) && !isParenthesized(ctx, target) ? `(${value})` : value;
}

function isParenthesized(ctx: Context, node: Node): boolean {
  const before = ctx.text.slice(0, node.range[0]).trimEnd();
  const after = ctx.text.slice(node.range[1]).trimStart();
  return before.endsWith('(') && after.startsWith(')') && node.parent?.type !== 'CallExpression' && node.parent?.type !== 'NewExpression';
}

/** Type arguments on the original call: kept on a generic canonical function, else turned into `as T`. */
function typeHandling(ctx: Context, call: TSESTree.CallExpression, generic: boolean): { typeArgs: string; asType?: string } {
  const typeArguments = call.typeArguments;
  if (!typeArguments) return { typeArgs: '' };
  if (generic) return { typeArgs: slice(ctx, typeArguments) };
  const first = typeArguments.params[0];
  return { typeArgs: '', asType: first ? slice(ctx, first) : undefined };
}

function planVerify(ctx: Context, site: CallSite): Plan {
  const name = ctx.input.settings.canonical?.exports.verify;
  if (!name) return follow(`No canonical validator is configured (settings['jwt-ssot'].canonical); verify through one module.`);
  const api = `${site.library}:${site.api}`;
  const isJsonwebtoken = JSONWEBTOKEN_VERIFY.has(api);
  const isJose = JOSE_VERIFY.has(api);
  const how = site.note ? ` (${site.note})` : '';
  if (site.form !== 'call' || site.node.type !== 'CallExpression') {
    return follow(`${site.library} \`${site.api}\`${how} is ${FORM_WORDS[site.form]}; move this verification to ${name} by hand.`);
  }
  if (!isJsonwebtoken && !isJose) return follow(`${site.library} \`${site.api}\`${how} has no automatic rewrite; verify with ${name} instead.`);
  const call = site.node;
  const args = call.arguments;
  if (args.some((arg) => arg.type === 'SpreadElement')) return follow(`Spread arguments to ${site.library} \`${site.api}\`; rewrite by hand with ${name}.`);
  if (args.some((arg) => arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') || (isJsonwebtoken && args.length > 3)) {
    return follow(`Callback form of ${site.library} \`${site.api}\`; rewrite the callback to use the result of ${name}.`);
  }
  const [token, key, options] = args as Node[];
  if (!token || !key) return follow(`${site.library} \`${site.api}\` without a key; rewrite by hand with ${name}.`);
  if (options) {
    if (isJsonwebtoken && options.type !== 'ObjectExpression') {
      return follow(`The third argument of jsonwebtoken \`verify\` may be options or a callback; rewrite by hand with ${name}.`);
    }
    const problem = optionsProblem(ctx, options, name);
    if (problem) return follow(problem);
  }
  const problem = keyProblem(ctx, key, name);
  if (problem) return follow(problem);

  const awaitNode = call.parent?.type === 'AwaitExpression' && call.parent.argument === call ? call.parent : undefined;
  const fn = enclosingFunction(call);
  const canAwait = Boolean(fn?.async);
  if (ctx.shape.verifyAsync && !awaitNode && !canAwait) {
    return follow(`${name} is async but this caller is not; make the caller async, then await ${name}.`);
  }
  const local = ctx.bindings.local('verify');
  const { typeArgs, asType } = typeHandling(ctx, call, ctx.shape.verifyGeneric);
  const callText = `${local}${typeArgs}(${slice(ctx, token)})`;
  const returns = ctx.shape.verifyReturns;

  if (isJsonwebtoken) {
    const target = awaitNode ?? call;
    const awaitIt = Boolean(awaitNode) || ctx.shape.verifyAsync;
    const replacement = valueText(ctx, target, callText, awaitIt, returns, asType);
    return rewrite(target, [{ start: target.range[0], end: target.range[1], text: replacement }], 'verify', `${site.api}(…) → ${name}(…)`);
  }

  // jose: `await jwtVerify(…)` resolves to `{ payload, protectedHeader }`.
  if (!awaitNode) return follow(`The promise from jose \`${site.api}\` is not awaited here; rewrite by hand with ${name}.`);
  const awaitIt = ctx.shape.verifyAsync;
  const holder = awaitNode.parent;
  if (holder?.type === 'VariableDeclarator' && holder.init === awaitNode && holder.id.type === 'ObjectPattern') {
    const pattern = holder.id;
    const only = pattern.properties.length === 1 ? pattern.properties[0] : undefined;
    if (!only || only.type !== 'Property' || propertyName(only) !== 'payload' || only.value.type !== 'Identifier' || pattern.typeAnnotation) {
      return follow(`More of the jose \`${site.api}\` result than \`payload\` is used; rewrite by hand with ${name}.`);
    }
    const localName = only.value.name;
    const value = returns === 'payload' ? valueText(ctx, awaitNode, callText, awaitIt, 'payload', asType) : valueText(ctx, awaitNode, callText, awaitIt, 'result', asType);
    return rewrite(
      holder,
      [
        { start: pattern.range[0], end: pattern.range[1], text: localName },
        { start: awaitNode.range[0], end: awaitNode.range[1], text: value },
      ],
      'verify',
      `const { payload } = await ${site.api}(…) → const ${localName} = ${name}(…)`,
    );
  }
  if (holder?.type === 'MemberExpression' && holder.object === awaitNode && !holder.computed && holder.property.type === 'Identifier' && holder.property.name === 'payload') {
    const value = valueText(ctx, holder, callText, awaitIt, returns, asType);
    return rewrite(holder, [{ start: holder.range[0], end: holder.range[1], text: value }], 'verify', `(await ${site.api}(…)).payload → ${name}(…)`);
  }
  return follow(`The whole jose \`${site.api}\` result is used, not just its payload; rewrite by hand with ${name}.`);
}

function rewrite(node: Node, edits: TextEdit[], uses: Which, description: string): Rewrite {
  return { kind: 'rewrite', edits, range: [node.range[0], node.range[1]], uses, description };
}

/** The `JSON.parse(…)` around a hand-rolled base64 decode: `JSON.parse(atob(x))`, `JSON.parse(Buffer.from(x, 'base64').toString())`. */
function jsonParseAround(node: Node): TSESTree.CallExpression | undefined {
  let current: Node = node;
  const parent = current.parent;
  // Buffer.from(…).toString() / .toString('utf8')
  if (parent?.type === 'MemberExpression' && parent.object === current && !parent.computed && parent.property.type === 'Identifier' && parent.property.name === 'toString') {
    const call = parent.parent;
    if (call?.type !== 'CallExpression' || call.callee !== parent) return undefined;
    current = call;
  }
  const outer = current.parent;
  if (outer?.type !== 'CallExpression' || outer.arguments.length !== 1 || outer.arguments[0] !== current) return undefined;
  const callee = outer.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier' || callee.object.name !== 'JSON') return undefined;
  return callee.property.type === 'Identifier' && callee.property.name === 'parse' ? outer : undefined;
}

/** A token expression found through a variable can be copied to the decode site only when it cannot have changed. */
function isStableToken(ctx: Context, token: Node, site: Node): boolean {
  if (site.range[0] <= token.range[0] && token.range[1] <= site.range[1]) return true;
  if (token.type !== 'Identifier') return false;
  const variable = findVariable(scopeOf(ctx.scopeManager, site), token.name);
  if (!variable || variable !== findVariable(scopeOf(ctx.scopeManager, token), token.name)) return false;
  const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
  return writes.length === 0;
}

function planDecode(ctx: Context, site: CallSite): Plan {
  const settings = ctx.input.settings;
  const verifyName = settings.canonical?.exports.verify;
  const name = settings.canonical?.exports.decode;
  if (!name) {
    return follow(
      verifyName
        ? `No canonical decode is configured (settings['jwt-ssot'].canonical.exports.decode); verify with ${verifyName} or add a decode export.`
        : `No canonical module is configured (settings['jwt-ssot'].canonical); decode through one module.`,
    );
  }
  const how = site.note ? ` (${site.note})` : '';
  if (site.form === 'hand-rolled') {
    const parse = jsonParseAround(site.node);
    const token = site.token;
    if (!parse || !token) return follow(`Hand-rolled decoding that is not JSON.parse(…) of one token segment; use ${name} by hand.`);
    if (!isStableToken(ctx, token, parse)) return follow(`The decoded token \`${slice(ctx, token)}\` may change before this line; use ${name} by hand.`);
    return decodeRewrite(ctx, site, parse, parse, slice(ctx, token), name, undefined);
  }
  if (site.form !== 'call' || site.node.type !== 'CallExpression') {
    return follow(`${site.library} \`${site.api}\`${how} is ${FORM_WORDS[site.form]}; move this decoding to ${name} by hand.`);
  }
  if (!TOKEN_ONLY_DECODE.has(`${site.library}:${site.api}`)) return follow(`${site.library} \`${site.api}\`${how} has no automatic rewrite; decode with ${name} instead.`);
  const call = site.node;
  if (call.arguments.length !== 1 || call.arguments[0]!.type === 'SpreadElement') {
    return follow(`${site.library} \`${site.api}\` with options (${call.arguments.slice(1).map((arg) => slice(ctx, arg)).join(', ') || 'spread'}) that ${name} cannot express; rewrite by hand.`);
  }
  return decodeRewrite(ctx, site, call, call, slice(ctx, call.arguments[0]!), name, call);
}

function decodeRewrite(ctx: Context, site: CallSite, target: Node, siteNode: Node, tokenText: string, name: string, call: TSESTree.CallExpression | undefined): Plan {
  const awaitNode = target.parent?.type === 'AwaitExpression' && target.parent.argument === target ? target.parent : undefined;
  if (ctx.shape.decodeAsync && !awaitNode && !enclosingFunction(siteNode)?.async) {
    return follow(`${name} is async but this caller is not; make the caller async, then await ${name}.`);
  }
  const local = ctx.bindings.local('decode');
  const { typeArgs, asType } = call ? typeHandling(ctx, call, ctx.shape.decodeGeneric) : { typeArgs: '', asType: undefined };
  const replaced = awaitNode ?? target;
  const value = valueText(ctx, replaced, `${local}${typeArgs}(${tokenText})`, Boolean(awaitNode) || ctx.shape.decodeAsync, 'payload', asType);
  return rewrite(replaced, [{ start: replaced.range[0], end: replaced.range[1], text: value }], 'decode', `${site.api}(…) → ${name}(…)`);
}

/** How the file refers to the canonical exports, and the import edit they need. */
class CanonicalBindings {
  private readonly locals = new Map<Which, string>();
  private readonly needsImport = new Map<Which, { exportName: string; local: string }>();
  private readonly commonJs: boolean;
  private readonly specifier: string | undefined;
  /** An existing import/require of the canonical module to merge new names into. */
  private mergeTarget?: { kind: 'named' | 'default-only' | 'pattern'; node: Node };
  private namespace?: string;

  constructor(
    private readonly input: MigrateInput,
    private readonly text: string,
    private readonly ast: TSESTree.Program,
    private readonly scopeManager: TSESLint.Scope.ScopeManager,
  ) {
    this.commonJs = isCommonJsFile(input.file, ast);
    this.specifier = input.specifier ?? canonicalSpecifier(input.settings, input.file, { jsExtension: !this.commonJs && (input.jsExtension ?? usesJsExtensions(ast)) });
  }

  private isCanonicalSpecifier(specifier: string): boolean {
    if (specifier === this.specifier) return true;
    const file = this.input.settings.canonical?.file;
    if (!file || !specifier.startsWith('.')) return false;
    const resolved = path.resolve(path.dirname(path.resolve(this.input.file)), specifier.replace(/\.(c|m)?js$/, ''));
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
  local(which: Which): string {
    const cached = this.locals.get(which);
    if (cached) return cached;
    const exportName = (which === 'verify' ? this.input.settings.canonical!.exports.verify : this.input.settings.canonical!.exports.decode)!;
    const existing = this.existing(exportName);
    const local = existing ?? (this.namespace ? `${this.namespace}.${exportName}` : this.freeName(exportName));
    if (!existing && !this.namespace) this.needsImport.set(which, { exportName, local });
    this.locals.set(which, local);
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
  importEdit(used: ReadonlySet<Which>, eol: string): { edit: TextEdit; description: string } | undefined {
    const names = [...this.needsImport.entries()].filter(([which]) => used.has(which)).map(([, binding]) => binding);
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
    const position = first ? this.aboveMarkers(first) : this.text.length;
    return { edit: { start: position, end: position, text: `${statement}${eol}${first ? eol : ''}` }, description };
  }

  /** The start of the `// TODO(jwt-ssot):` markers right above a statement (they must stay next to it), else its start. */
  private aboveMarkers(statement: Node): number {
    let position = statement.range[0];
    let cursor = statement.range[0];
    for (const comment of (this.ast.comments ?? []).filter((candidate) => candidate.range[1] <= cursor).reverse()) {
      if (this.text.slice(comment.range[1], cursor).trim() !== '') break;
      if (comment.value.trim().startsWith(MARKER)) position = comment.range[0];
      cursor = comment.range[0];
    }
    return position;
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
    return this.text.slice(sample.range[0], sample.range[1]).trimEnd().endsWith(';') || sample.type === 'FunctionDeclaration' || sample.type === 'ClassDeclaration' ? ';' : '';
  }
}

/** The reason of a `// TODO(jwt-ssot):` comment right above the statement (only blank space between). */
function markerReason(text: string, ast: TSESTree.Program, statement: Node): string | undefined {
  let cursor = statement.range[0];
  const comments = (ast.comments ?? []).filter((comment) => comment.range[1] <= cursor).reverse();
  for (const comment of comments) {
    if (text.slice(comment.range[1], cursor).trim() !== '') return undefined;
    const value = comment.value.trim();
    if (value.startsWith(MARKER)) return value.slice(MARKER.length).trim();
    cursor = comment.range[0];
  }
  return undefined;
}

function hasMarker(text: string, ast: TSESTree.Program, statement: Node): boolean {
  return markerReason(text, ast, statement) !== undefined;
}

function markerEdit(text: string, statement: Node, reason: string, eol: string): TextEdit {
  const start = statement.range[0];
  const lineBegin = lineStart(text, start);
  const indent = indentAt(text, start);
  const comment = `// ${MARKER} ${reason}`;
  if (text.slice(lineBegin, start).trim() === '') return { start: lineBegin, end: lineBegin, text: `${indent}${comment}${eol}` };
  return { start, end: start, text: `${comment}${eol}${indent}` };
}

/** The whole migration of one file. Throws ParseError when the input does not parse; never returns unparsable text. */
export function migrateSource(input: MigrateInput): MigrateResult {
  const bom = input.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom ? input.text.slice(1) : input.text;
  const unchanged: MigrateResult = { text: input.text, changed: false, edits: [], followUps: [], sites: [] };
  const { settings } = input;
  if (!mightContainSites(text, settings)) return unchanged;
  const { ast, scopeManager } = parseFile(input.file, text);
  const analysis = analyzeFile({ ast, scopeManager, filename: input.file, text, settings });
  if (analysis.exempt) return unchanged;
  const findings: Finding[] = [...findingsFor('no-direct-verify', analysis, settings), ...findingsFor('no-direct-decode', analysis, settings)].filter(
    (finding) => finding.call,
  );
  const entryFindings = findingsFor('no-auth-import-bypass', analysis, settings).filter((finding) => finding.importSite?.authModule);
  if (findings.length === 0 && entryFindings.length === 0) return unchanged;

  const eol = detectEol(text);
  const shape = input.canonicalShape ?? defaultCanonicalShape(settings);
  const bindings = new CanonicalBindings(input, text, ast, scopeManager);
  const ctx: Context = { input, text, ast, scopeManager, analysis, shape, bindings };
  const usedBefore = usedLibraryBindings(scopeManager, analysis);

  // A decode on a verification's failure path is a policy (keep a fallback or not), never a rewrite:
  // moving it onto the canonical decode would keep accepting forged tokens and hide it from the rules.
  const fallbackDecodes = new Set<Node>();
  for (const unsafe of analysis.unsafe) {
    if (unsafe.reason === 'fallbackDecode' && unsafe.decodeSite) fallbackDecodes.add(unsafe.decodeSite.node);
  }
  const plans = new Map<Finding, Plan>();
  for (const finding of findings) {
    const call = finding.call!;
    // A site a marker already hands to a person stays theirs (this is what keeps a second run a no-op).
    const marked = markerReason(text, ast, statementOf(finding.node, text));
    if (marked !== undefined) {
      plans.set(finding, follow(marked));
      continue;
    }
    if (fallbackDecodes.has(call.node)) {
      plans.set(finding, follow('This decode is a fallback for a failed verification of the same token: it accepts exactly the tokens the verification rejects; remove the fallback or justify it.'));
      continue;
    }
    plans.set(finding, call.kind === 'decode' ? planDecode(ctx, call) : planVerify(ctx, call));
  }

  // Rewrites must not swallow another site or a marker position; such rewrites become follow-ups.
  let markers: Array<{ statement: Node; reasons: string[] }> = [];
  for (let changed = true; changed; ) {
    changed = false;
    const rewrites = [...plans.entries()].filter((entry): entry is [Finding, Rewrite] => entry[1].kind === 'rewrite');
    const byStatement = new Map<Node, string[]>();
    for (const [finding, plan] of plans) {
      if (plan.kind !== 'follow-up') continue;
      const statement = statementOf(finding.node, text);
      const reasons = byStatement.get(statement) ?? [];
      if (!reasons.includes(plan.reason)) reasons.push(plan.reason);
      byStatement.set(statement, reasons);
    }
    markers = [...byStatement].map(([statement, reasons]) => ({ statement, reasons }));
    for (const [finding, plan] of rewrites) {
      const [start, end] = plan.range;
      const swallowsSite = findings.some((other) => other !== finding && start <= other.node.range[0] && other.node.range[1] <= end);
      const overlapsRewrite = rewrites.some(([other, otherPlan]) => other !== finding && otherPlan.range[0] < end && start < otherPlan.range[1] && other.node.range[0] < finding.node.range[0]);
      const swallowsMarker = markers.some(({ statement }) => start < statement.range[0] && statement.range[0] < end);
      if (swallowsSite || overlapsRewrite || swallowsMarker) {
        plans.set(finding, follow(`Another JWT call is nested in this one; migrate both by hand.`));
        changed = true;
      }
    }
  }

  const edits: TextEdit[] = [];
  const described: MigrateEdit[] = [];
  const used = new Set<Which>();
  const sites: SiteOutcome[] = [];
  for (const [finding, plan] of plans) {
    const rule = finding.rule as SiteOutcome['rule'];
    const { line, column } = finding.node.loc.start;
    if (plan.kind === 'rewrite') {
      edits.push(...plan.edits);
      used.add(plan.uses);
      described.push({ kind: 'rewrite', line, description: plan.description });
      sites.push({ rule, line, column, outcome: 'rewritten' });
    } else {
      sites.push({ rule, line, column, outcome: 'follow-up', reason: plan.reason });
    }
  }
  // The import goes first: at the same position as a marker (top of a file without imports) it must
  // land above the marker, which belongs directly above its statement.
  const importEdit = bindings.importEdit(used, eol);
  if (importEdit) {
    edits.push(importEdit.edit);
    described.push({ kind: 'import', line: lineNumber(text, importEdit.edit.start), description: importEdit.description });
  }
  const markerPositions: Array<{ offset: number; reason: string }> = [];
  for (const { statement, reasons } of markers) {
    const reason = reasons.join(' ');
    markerPositions.push({ offset: statement.range[0], reason });
    if (hasMarker(text, ast, statement)) continue;
    edits.push(markerEdit(text, statement, reason, eol));
    described.push({ kind: 'follow-up', line: statement.loc.start.line, description: `// ${MARKER} ${reason}` });
  }
  for (const finding of entryFindings) {
    const site = finding.importSite!;
    const specifier = entryImportSpecifier(site, input.file);
    if (!specifier || site.source.type !== 'Literal') continue;
    const quote = site.source.raw[0] ?? "'";
    edits.push({ start: site.source.range[0], end: site.source.range[1], text: `${quote}${specifier}${quote}` });
    described.push({ kind: 'entry-import', line: site.source.loc.start.line, description: `${site.specifier} → ${specifier}` });
  }

  const firstText = applyEdits(text, edits);
  // Pass 2: drop library imports the rewrites left unused (re-analysed on the new text).
  const second = parseFile(input.file, firstText);
  const secondAnalysis = analyzeFile({ ast: second.ast, scopeManager: second.scopeManager, filename: input.file, text: firstText, settings });
  const removals = removeUnusedLibraryImports(firstText, second.scopeManager, secondAnalysis, usedBefore);
  const finalText = applyEdits(firstText, removals.map((removal) => removal.edit));
  for (const removal of removals) {
    described.push({ kind: 'remove-import', line: lineNumber(text, mapBack(edits, removal.edit.start)), description: removal.description });
  }
  if (removals.length > 0) parseFile(input.file, finalText);

  const followUps: FollowUp[] = markerPositions
    .map(({ offset, reason }) => {
      const inFinal = mapOffset(
        removals.map((removal) => removal.edit),
        mapOffset(edits, offset),
      );
      return { line: lineNumber(finalText, inFinal), reason };
    })
    .sort((a, b) => a.line - b.line);
  described.sort((a, b) => a.line - b.line);
  const outText = bom + finalText;
  return { text: outText, changed: outText !== input.text, edits: described, followUps, sites: sites.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** Approximate original offset of a pass-1 offset (for reporting lines of pass-2 edits). */
function mapBack(edits: readonly TextEdit[], pos: number): number {
  let delta = 0;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (const edit of sorted) {
    const newStart = edit.start + delta;
    if (newStart >= pos) break;
    delta += edit.text.length - (edit.end - edit.start);
  }
  return Math.max(0, pos - delta);
}
