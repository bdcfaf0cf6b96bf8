/**
 * What the rewrite must know about the canonical function to call it correctly: is it async, does it
 * return the payload or `{ payload }`, is it generic, which secret and options does it already enforce.
 * Learned from the canonical module's syntax (the engine's parser, nothing heavier, so the lint rules
 * can use it in an editor); migrate refines what syntax cannot tell with ts-morph
 * (canonical-shape-typed.ts). Settings `canonical.async` / `.returns` override both.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { analyzeFile, parseFile, type CallSite, type Settings } from '../engine/index.js';
import { propertyName } from './ast.js';
import { dependenciesUnchanged, type KeyDependencies } from './key-modules.js';
import { keySourceOf, type KeySourceInput } from './key-source.js';
import { distinctSources, sameSource, type SecretSource } from './secret-source.js';
import { normalizeCode } from './text.js';

type Node = TSESTree.Node;

export interface CanonicalShape {
  readonly verifyAsync: boolean;
  readonly verifyReturns: 'payload' | 'result';
  /** The verify function declares type parameters: `validateToken<T>(t)`. */
  readonly verifyGeneric: boolean;
  readonly decodeAsync: boolean;
  readonly decodeGeneric: boolean;
  /** Env variables the canonical module reads its key from; empty when unknown. */
  readonly secretEnv: readonly string[];
  /**
   * Where the key of the canonical function's own verify call comes from (one entry per distinct
   * source; `unknown` when it cannot be traced). Absent when nothing was learned: the key is then
   * taken to be read from `secretEnv`.
   */
  readonly keySources?: readonly SecretSource[];
  /** Options the canonical module passes to its own library verify call: key → normalised source. */
  readonly verifyOptions: Readonly<Record<string, string>>;
  /** Of those, the ones whose value traces to a source (`issuer: config.jwt.issuer`): compared by source, not text. */
  readonly verifyOptionSources?: Readonly<Record<string, SecretSource>>;
  /**
   * Set when settings name several verify functions: what each one is and enforces, in settings order.
   * A verify site is planned against each (shapeForVerifier) and rewritten onto the first that checks the
   * same. The fields above then describe the first one.
   */
  readonly verifiers?: readonly VerifierShape[];
  /** How the shape was found, for the report. */
  readonly source: string;
}

/** One canonical verify function: its shape and what its own library verify call enforces. */
export interface VerifierShape {
  readonly name: string;
  readonly async: boolean;
  readonly returns: 'payload' | 'result';
  readonly generic: boolean;
  readonly keySources?: readonly SecretSource[];
  readonly verifyOptions: Readonly<Record<string, string>>;
  readonly verifyOptionSources?: Readonly<Record<string, SecretSource>>;
}

/** The shape with `verifier` as the verify function (what planning a site against it reads). */
export function shapeForVerifier(shape: CanonicalShape, verifier: VerifierShape): CanonicalShape {
  // The shape's own key sources describe the first function; the verifier's replace them (or their absence does).
  const { keySources: _firstKeySources, verifyOptionSources: _firstOptionSources, ...rest } = shape;
  return {
    ...rest,
    verifyAsync: verifier.async,
    verifyReturns: verifier.returns,
    verifyGeneric: verifier.generic,
    verifyOptions: verifier.verifyOptions,
    ...(verifier.keySources ? { keySources: verifier.keySources } : {}),
    ...(verifier.verifyOptionSources ? { verifyOptionSources: verifier.verifyOptionSources } : {}),
  };
}

/** What the syntax of one exported function says. `certain`: its return type is written out. */
export interface FunctionFacts {
  readonly async: boolean;
  readonly returns: 'payload' | 'result';
  readonly generic: boolean;
  readonly certain: boolean;
}

/** The learned shape plus which facts syntax could not settle (ts-morph may refine them). */
export interface SyntacticShape {
  readonly shape: CanonicalShape;
  readonly verify?: FunctionFacts;
  readonly decode?: FunctionFacts;
  /** Several verify functions: the facts of each, by name (undefined: syntax did not find it). */
  readonly verifierFacts?: ReadonlyMap<string, FunctionFacts | undefined>;
  readonly file?: string;
  readonly text?: string;
  /** Other files the key trace read (config modules), with their content hashes. */
  readonly dependencies?: ReadonlyMap<string, string>;
}

export function defaultCanonicalShape(settings: Settings, source = 'defaults'): CanonicalShape {
  return applyCanonicalSettings(settings, {
    verifyAsync: false,
    verifyReturns: 'payload',
    verifyGeneric: false,
    decodeAsync: false,
    decodeGeneric: false,
    secretEnv: [],
    verifyOptions: {},
    source,
  });
}

/** Settings `canonical.async` / `.returns` win over whatever was learned (for every verify function). */
export function applyCanonicalSettings(settings: Settings, shape: CanonicalShape): CanonicalShape {
  const canonical = settings.canonical;
  const verifiers = shape.verifiers?.map((verifier) => ({ ...verifier, async: canonical?.async ?? verifier.async, returns: canonical?.returns ?? verifier.returns }));
  return {
    ...shape,
    verifyAsync: canonical?.async ?? shape.verifyAsync,
    verifyReturns: canonical?.returns ?? shape.verifyReturns,
    ...(verifiers ? { verifiers } : {}),
  };
}

/** `shape` with each verify function's facts (those found; the others keep what they had). */
export function withVerifierFacts(settings: Settings, shape: CanonicalShape, facts: ReadonlyMap<string, FunctionFacts | undefined>): CanonicalShape {
  if (!shape.verifiers) return shape;
  const verifiers = shape.verifiers.map((verifier) => {
    const found = facts.get(verifier.name);
    return found ? { ...verifier, async: found.async, returns: found.returns, generic: found.generic } : verifier;
  });
  const first = verifiers[0]!;
  return applyCanonicalSettings(settings, { ...shape, verifiers, verifyAsync: first.async, verifyReturns: first.returns, verifyGeneric: first.generic });
}

/** `shape` with what the canonical module's verify (and decode) functions were found to be; settings win. */
export function withFunctionFacts(settings: Settings, shape: CanonicalShape, file: string, verify: FunctionFacts, decode: FunctionFacts | undefined): CanonicalShape {
  return applyCanonicalSettings(settings, {
    ...shape,
    verifyAsync: verify.async,
    verifyReturns: verify.returns,
    verifyGeneric: verify.generic,
    decodeAsync: decode?.async ?? false,
    decodeGeneric: decode?.generic ?? false,
    source: `learned from ${path.relative(settings.root, file) || file}`,
  });
}

type Enforced = Pick<VerifierShape, 'keySources' | 'verifyOptions' | 'verifyOptionSources'>;

/**
 * The key sources and verify options one canonical verify function enforces, from the library verify
 * calls inside it; when it delegates to a helper, from every verify call of the module. Options come from
 * every verify call of the module unless `ownOptions` (several verify functions: each has its own).
 */
function enforcedBy(input: KeySourceInput, text: string, verifyCalls: readonly CallSite[], functionName: string, ownOptions: boolean, dependencies: KeyDependencies): Enforced {
  const verifyFunction = exportedFunction(input.ast, functionName);
  const inside = verifyFunction ? verifyCalls.filter((call) => verifyFunction.range[0] <= call.node.range[0] && call.node.range[1] <= verifyFunction.range[1]) : [];
  const own = inside.length > 0 ? inside : verifyCalls;
  const keySources: SecretSource[] = [];
  for (const call of own) {
    const keyArg = call.shape?.keyArg;
    const key = keyArg === undefined ? undefined : call.args[keyArg];
    if (key && key.type !== 'SpreadElement') keySources.push(keySourceOf(input, key, dependencies));
    // A key passed as an option (`{ secret }`, NestJS) is the function's key too.
    for (const property of keyOptionValues(call)) keySources.push(keySourceOf(input, property, dependencies));
  }
  let verifyOptions: Record<string, string> | undefined;
  let optionSources: Record<string, SecretSource> | undefined;
  for (const call of ownOptions ? own : verifyCalls) {
    if (call.shape?.optionsArg === undefined) continue;
    const options = call.args[call.shape.optionsArg];
    const found: Record<string, string> = {};
    const sources: Record<string, SecretSource> = {};
    if (options?.type === 'ObjectExpression') {
      for (const property of options.properties) {
        if (property.type !== 'Property') continue;
        const key = propertyName(property);
        if (key === undefined) continue;
        found[key] = normalizeCode(text.slice(property.value.range[0], property.value.range[1]));
        const source = keySourceOf(input, property.value, dependencies);
        if (source.kind !== 'unknown') sources[key] = source;
      }
    }
    // Several verify calls: only what all of them enforce.
    verifyOptions = verifyOptions ? Object.fromEntries(Object.entries(verifyOptions).filter(([key, value]) => found[key] === value)) : found;
    optionSources = optionSources ? Object.fromEntries(Object.entries(optionSources).filter(([key, value]) => sources[key] && sameSource(sources[key], value))) : sources;
  }
  const traced = optionSources && Object.keys(optionSources).length > 0 ? { verifyOptionSources: optionSources } : {};
  return { verifyOptions: verifyOptions ?? {}, ...traced, ...(keySources.length > 0 ? { keySources: distinctSources(keySources) } : {}) };
}

/** The values of the key options (`secret`, `publicKey`) a recipe reads from a call's options object. */
function keyOptionValues(call: CallSite): Node[] {
  const keyOptions = call.shape?.rewrite?.keyOptions ?? [];
  const optionsArg = call.shape?.optionsArg;
  const options = optionsArg === undefined ? undefined : call.args[optionsArg];
  if (keyOptions.length === 0 || options?.type !== 'ObjectExpression') return [];
  const values: Node[] = [];
  for (const property of options.properties) {
    if (property.type === 'Property' && keyOptions.includes(propertyName(property) ?? '')) values.push(property.value);
  }
  return values;
}

function isFunction(node: Node | null | undefined): node is TSESTree.FunctionLike {
  return node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';
}

/** The top-level function (declaration or `const x = () => …`) named `local`. */
function topLevelFunction(ast: TSESTree.Program, local: string): TSESTree.FunctionLike | undefined {
  for (const statement of ast.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id?.name === local) return declaration;
    if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.id.name === local && isFunction(declarator.init)) return declarator.init;
      }
    }
  }
  return undefined;
}

/** The function the module exports as `name`: `export function`, `export const`, `export { x as name }`, `exports.name =`. */
function exportedFunction(ast: TSESTree.Program, name: string): TSESTree.FunctionLike | undefined {
  for (const statement of ast.body) {
    if (statement.type === 'ExportNamedDeclaration' && !statement.source) {
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        if (exported === name && specifier.local.type === 'Identifier') return topLevelFunction(ast, specifier.local.name);
      }
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      if (left.type === 'MemberExpression' && propertyName({ key: left.property, computed: left.computed }) === name) {
        if (isFunction(right)) return right;
        if (right.type === 'Identifier') return topLevelFunction(ast, right.name);
      }
    }
  }
  return topLevelFunction(ast, name);
}

function promisedType(type: TSESTree.TypeNode): TSESTree.TypeNode | undefined {
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier' || type.typeName.name !== 'Promise') return undefined;
  return type.typeArguments?.params[0];
}

function membersHavePayload(members: readonly TSESTree.TypeElement[]): boolean {
  return members.some((member) => member.type === 'TSPropertySignature' && propertyName(member) === 'payload');
}

/** Does the type (a literal, a local interface or alias, an intersection) have a `payload` member? */
function hasPayloadMember(ast: TSESTree.Program, type: TSESTree.TypeNode, depth = 0): boolean {
  if (depth > 4) return false;
  if (type.type === 'TSTypeLiteral') return membersHavePayload(type.members);
  if (type.type === 'TSIntersectionType') return type.types.some((part) => hasPayloadMember(ast, part, depth + 1));
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return false;
  const name = type.typeName.name;
  for (const statement of ast.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'TSInterfaceDeclaration' && declaration.id.name === name) return membersHavePayload(declaration.body.body);
    if (declaration?.type === 'TSTypeAliasDeclaration' && declaration.id.name === name) return hasPayloadMember(ast, declaration.typeAnnotation, depth + 1);
  }
  return false;
}

/** Does the function's own body return an object literal with a `payload` property? */
function returnsPayloadObject(fn: TSESTree.FunctionLike): boolean {
  const isPayloadObject = (node: Node | null | undefined): boolean =>
    node?.type === 'ObjectExpression' && node.properties.some((property) => property.type === 'Property' && propertyName(property) === 'payload');
  if (fn.body?.type !== 'BlockStatement') return isPayloadObject(fn.body);
  const stack: Node[] = [...fn.body.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ReturnStatement' && isPayloadObject(node.argument)) return true;
    if (isFunction(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') continue;
    for (const value of Object.values(node)) {
      if (value && typeof value === 'object' && value !== node.parent) {
        for (const item of Array.isArray(value) ? value : [value]) if (item && typeof (item as Node).type === 'string' && (item as Node).range) stack.push(item as Node);
      }
    }
  }
  return false;
}

function functionFacts(ast: TSESTree.Program, name: string): FunctionFacts | undefined {
  const fn = exportedFunction(ast, name);
  if (!fn) return undefined;
  const annotation = fn.returnType?.typeAnnotation;
  const promised = annotation && promisedType(annotation);
  const resultType = promised ?? annotation;
  const hasPayload = resultType ? hasPayloadMember(ast, resultType) : returnsPayloadObject(fn);
  return { async: fn.async || promised !== undefined, returns: hasPayload ? 'result' : 'payload', generic: (fn.typeParameters?.params.length ?? 0) > 0, certain: annotation !== undefined };
}

const learned = new Map<string, SyntacticShape>();

/**
 * The shape as the canonical module's syntax gives it, cached by the module's content (not its mtime,
 * whose granularity can hide an edit). A package canonical or a missing file gives the defaults.
 */
export function learnCanonicalShapeFromSyntax(settings: Settings): SyntacticShape {
  const canonical = settings.canonical;
  const file = canonical?.file;
  let text: string | undefined;
  try {
    text = file ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    text = undefined;
  }
  if (!canonical || !file || text === undefined) {
    return { shape: defaultCanonicalShape(settings, canonical ? `defaults (${canonical.module} is not a readable file)` : 'defaults (no canonical module)') };
  }
  const key = `${file}\0${createHash('sha1').update(text).digest('hex')}\0${JSON.stringify(canonical)}\0${settings.root}`;
  const cached = learned.get(key);
  // The key may be traced into config modules: an edit there must be seen too.
  if (cached && dependenciesUnchanged(cached.dependencies ?? new Map())) return cached;
  let result: SyntacticShape;
  const dependencies: KeyDependencies = new Map();
  try {
    const { ast, scopeManager } = parseFile(file, text);
    const analysis = analyzeFile({ ast, scopeManager, filename: file, text, settings });
    const secretEnv = [...new Set(analysis.secrets.map((secret) => secret.name))];
    const verifyCalls = analysis.calls.filter((call) => call.kind === 'verify');
    const input: KeySourceInput = { file, ast, scopeManager, settings };
    const several = canonical.verifyFunctions.length > 1;
    const enforced = enforcedBy(input, text, verifyCalls, canonical.exports.verify, several, dependencies);
    const verify = functionFacts(ast, canonical.exports.verify);
    const decode = canonical.exports.decode ? functionFacts(ast, canonical.exports.decode) : undefined;
    const base = defaultCanonicalShape(settings, `defaults (could not read ${canonical.exports.verify})`);
    let shape: CanonicalShape = verify ? withFunctionFacts(settings, { ...base, secretEnv, ...enforced }, file, verify, decode) : applyCanonicalSettings(settings, { ...base, secretEnv, ...enforced });
    let verifierFacts: Map<string, FunctionFacts | undefined> | undefined;
    if (several) {
      verifierFacts = new Map(canonical.verifyFunctions.map((name) => [name, functionFacts(ast, name)]));
      const verifiers = canonical.verifyFunctions.map((name): VerifierShape => {
        const facts = verifierFacts!.get(name);
        return { name, async: facts?.async ?? false, returns: facts?.returns ?? 'payload', generic: facts?.generic ?? false, ...enforcedBy(input, text, verifyCalls, name, true, dependencies) };
      });
      shape = applyCanonicalSettings(settings, { ...shape, verifiers });
    }
    result = { shape, verify, decode, ...(verifierFacts ? { verifierFacts } : {}), file, text, dependencies };
  } catch {
    // An unparsable canonical module: the defaults, said in `source`.
    result = { shape: defaultCanonicalShape(settings, `defaults (${canonical.module} does not parse)`), file, text };
  }
  learned.set(key, result);
  return result;
}
