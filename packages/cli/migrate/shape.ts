/**
 * What the codemod must know about the canonical validator to call it correctly: is it async, does it
 * return the payload or `{ payload }`, is it generic, which secret and options does it already enforce.
 * Learned once from the canonical module (ts-morph for the types, the engine for secrets and options),
 * then overridden by `settings.canonical.async` / `.returns`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { analyzeFile, parseFile, type Settings } from '../../engine/index.js';
import { normalizeCode } from './text.js';

export interface CanonicalShape {
  readonly verifyAsync: boolean;
  readonly verifyReturns: 'payload' | 'result';
  /** The verify function declares type parameters: `validateToken<T>(t)`. */
  readonly verifyGeneric: boolean;
  readonly decodeAsync: boolean;
  readonly decodeGeneric: boolean;
  /** Env variables the canonical module reads its key from; empty when unknown. */
  readonly secretEnv: readonly string[];
  /** Options the canonical module passes to its own library verify call: key → normalised source. */
  readonly verifyOptions: Readonly<Record<string, string>>;
  /** How the shape was found, for the report. */
  readonly source: string;
}

export function defaultCanonicalShape(settings: Settings, source = 'defaults'): CanonicalShape {
  return withOverrides(settings, {
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

function withOverrides(settings: Settings, shape: CanonicalShape): CanonicalShape {
  const canonical = settings.canonical;
  return {
    ...shape,
    verifyAsync: canonical?.async ?? shape.verifyAsync,
    verifyReturns: canonical?.returns ?? shape.verifyReturns,
  };
}

/** Secrets and verify options the canonical module itself uses (read with the engine). */
function enforcedByModule(file: string, text: string, settings: Settings): Pick<CanonicalShape, 'secretEnv' | 'verifyOptions'> {
  const { ast, scopeManager } = parseFile(file, text);
  const analysis = analyzeFile({ ast, scopeManager, filename: file, text, settings });
  const secretEnv = [...new Set(analysis.secrets.map((secret) => secret.name))];
  let verifyOptions: Record<string, string> | undefined;
  for (const call of analysis.calls) {
    if (call.kind !== 'verify' || call.shape?.optionsArg === undefined) continue;
    const options = call.args[call.shape.optionsArg];
    const found: Record<string, string> = {};
    if (options?.type === 'ObjectExpression') {
      for (const property of options.properties) {
        if (property.type !== 'Property' || property.computed) continue;
        const key = property.key.type === 'Identifier' ? property.key.name : String((property.key as TSESTree.Literal).value);
        found[key] = normalizeCode(text.slice(property.value.range[0], property.value.range[1]));
      }
    }
    // Several verify calls: only what all of them enforce.
    verifyOptions = verifyOptions
      ? Object.fromEntries(Object.entries(verifyOptions).filter(([key, value]) => found[key] === value))
      : found;
  }
  return { secretEnv, verifyOptions: verifyOptions ?? {} };
}

interface TsMorphSignature {
  getReturnType(): TsMorphType;
  getTypeParameters(): unknown[];
}
interface TsMorphType {
  getSymbol(): { getName(): string } | undefined;
  getTypeArguments(): TsMorphType[];
  getProperty(name: string): unknown;
  isAny(): boolean;
  isUnknown(): boolean;
  getCallSignatures(): TsMorphSignature[];
}

function findTsconfig(from: string, root: string): string | undefined {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (dir === root || path.dirname(dir) === dir) return undefined;
  }
}

/** The signature facts of one export, or undefined when ts-morph cannot tell. */
function signatureFacts(sourceFile: { getExportedDeclarations(): Map<string, Array<{ getType(): TsMorphType }>> }, name: string) {
  const declaration = sourceFile.getExportedDeclarations().get(name)?.[0];
  const signature = declaration?.getType().getCallSignatures()[0];
  if (!signature) return undefined;
  let returned = signature.getReturnType();
  const isAsync = returned.getSymbol()?.getName() === 'Promise';
  if (isAsync) returned = returned.getTypeArguments()[0] ?? returned;
  const hasPayloadMember = !returned.isAny() && !returned.isUnknown() && returned.getProperty('payload') !== undefined;
  return { isAsync, returns: hasPayloadMember ? ('result' as const) : ('payload' as const), generic: signature.getTypeParameters().length > 0 };
}

const learned = new Map<string, CanonicalShape>();

/**
 * Learns the shape from the canonical module's source. A package canonical (no file), a missing file or
 * an export ts-morph cannot read leaves the defaults; the settings' `async`/`returns` always win.
 */
export function learnCanonicalShape(settings: Settings): CanonicalShape {
  const canonical = settings.canonical;
  const file = canonical?.file;
  if (!canonical || !file || !fs.existsSync(file)) {
    return defaultCanonicalShape(settings, canonical ? `defaults (${canonical.module} is not a readable file)` : 'defaults (no canonical module)');
  }
  const cacheKey = `${file}\0${fs.statSync(file).mtimeMs}\0${JSON.stringify(canonical)}`;
  const cached = learned.get(cacheKey);
  if (cached) return cached;
  const text = fs.readFileSync(file, 'utf8');
  const enforced = enforcedByModule(file, text, settings);
  let shape: CanonicalShape = { ...defaultCanonicalShape(settings, `defaults (ts-morph could not read ${canonical.exports.verify})`), ...enforced };
  try {
    const { Project } = require('ts-morph') as typeof import('ts-morph');
    const tsconfig = findTsconfig(file, settings.root);
    const project = new Project({
      ...(tsconfig ? { tsConfigFilePath: tsconfig } : { compilerOptions: { strict: true, allowJs: true } }),
      skipAddingFilesFromTsConfig: true,
    });
    const sourceFile = project.addSourceFileAtPath(file) as unknown as Parameters<typeof signatureFacts>[0];
    const verify = signatureFacts(sourceFile, canonical.exports.verify);
    const decode = canonical.exports.decode ? signatureFacts(sourceFile, canonical.exports.decode) : undefined;
    if (verify) {
      shape = {
        ...shape,
        verifyAsync: verify.isAsync,
        verifyReturns: verify.returns,
        verifyGeneric: verify.generic,
        decodeAsync: decode?.isAsync ?? false,
        decodeGeneric: decode?.generic ?? false,
        source: `learned from ${path.relative(settings.root, file) || file}`,
      };
    }
  } catch {
    // ts-morph could not load the module: keep the defaults (reported through `source`).
  }
  shape = withOverrides(settings, shape);
  learned.set(cacheKey, shape);
  return shape;
}
