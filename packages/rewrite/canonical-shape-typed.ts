/**
 * For migrate only: what the canonical function's syntax cannot tell (no written return type: is the
 * result a promise? does it carry `payload`?) is read from its type with ts-morph, loaded lazily. The
 * lint rules never import this file: TypeScript's API is too slow for an editor.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { resolverFor, type Settings } from '../engine/index.js';
import { learnCanonicalShapeFromSyntax, withFunctionFacts, withVerifierFacts, type CanonicalShape, type FunctionFacts } from './canonical-shape.js';

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
  isVoid(): boolean;
  isIntersection(): boolean;
  getIntersectionTypes(): TsMorphType[];
  getCallSignatures(): TsMorphSignature[];
}
interface TsMorphSourceFile {
  getExportedDeclarations(): Map<string, Array<{ getType(): TsMorphType }>>;
}

/** The tsconfig the canonical module is compiled with: the resolver's nearest one, if it belongs to this project. */
function tsconfigOf(file: string, settings: Settings): string | undefined {
  const found = resolverFor(settings).tsconfigFacts(file)?.file;
  return found && !path.relative(settings.root, found).startsWith('..') ? found : undefined;
}

/** The signature facts of one export, or undefined when ts-morph cannot tell. */
function typedFacts(sourceFile: TsMorphSourceFile, name: string): FunctionFacts | undefined {
  const declaration = sourceFile.getExportedDeclarations().get(name)?.[0];
  const signature = declaration?.getType().getCallSignatures()[0];
  if (!signature) return undefined;
  let returned = signature.getReturnType();
  const isAsync = returned.getSymbol()?.getName() === 'Promise';
  if (isAsync) returned = returned.getTypeArguments()[0] ?? returned;
  // In a JS file the inferred result of an overloaded library call can be an impossible intersection
  // (`Jwt & JwtPayload & void` for `jwt.verify(t, key)`): it says nothing about a `{ payload }` result.
  const impossible = returned.isIntersection() && returned.getIntersectionTypes().some((part) => part.isVoid());
  const hasPayloadMember = !impossible && !returned.isAny() && !returned.isUnknown() && returned.getProperty('payload') !== undefined;
  return { async: isAsync, returns: hasPayloadMember ? 'result' : 'payload', generic: signature.getTypeParameters().length > 0, certain: true };
}

/** ts-morph's facts per canonical module content (the key sources are not cached here: they follow config modules). */
interface RefinedFacts {
  readonly verify?: FunctionFacts;
  readonly decode?: FunctionFacts;
  /** Several verify functions: each one's facts, by name. */
  readonly verifiers?: ReadonlyMap<string, FunctionFacts | undefined>;
}
const refined = new Map<string, RefinedFacts>();

/**
 * The canonical shape for migrate: the syntactic one, with ts-morph deciding whatever the syntax left
 * open (a function without a written return type, or an export syntax does not find).
 */
export function learnCanonicalShape(settings: Settings): CanonicalShape {
  const syntactic = learnCanonicalShapeFromSyntax(settings);
  const canonical = settings.canonical;
  const { file, text } = syntactic;
  if (!canonical || !file || text === undefined) return syntactic.shape;
  const verifierUncertain = [...(syntactic.verifierFacts?.values() ?? [])].some((facts) => !facts?.certain);
  const needsTypes = !syntactic.verify?.certain || (canonical.exports.decode !== undefined && !syntactic.decode?.certain) || verifierUncertain;
  if (!needsTypes) return syntactic.shape;
  const key = `${file}\0${createHash('sha1').update(text).digest('hex')}\0${JSON.stringify(canonical)}`;
  let facts = refined.get(key);
  if (!facts) {
    facts = { verify: syntactic.verify, decode: syntactic.decode, ...(syntactic.verifierFacts ? { verifiers: syntactic.verifierFacts } : {}) };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when migrate needs it, never by the rules
      const { Project } = require('ts-morph') as typeof import('ts-morph');
      const tsconfig = tsconfigOf(file, settings);
      const project = new Project({
        ...(tsconfig ? { tsConfigFilePath: tsconfig } : { compilerOptions: { strict: true, allowJs: true } }),
        skipAddingFilesFromTsConfig: true,
      });
      const sourceFile = project.createSourceFile(file, text, { overwrite: true }) as unknown as TsMorphSourceFile;
      const verify = syntactic.verify?.certain ? syntactic.verify : (typedFacts(sourceFile, canonical.exports.verify) ?? syntactic.verify);
      const decode = !canonical.exports.decode || syntactic.decode?.certain ? syntactic.decode : (typedFacts(sourceFile, canonical.exports.decode) ?? syntactic.decode);
      const verifiers = syntactic.verifierFacts && new Map([...syntactic.verifierFacts].map(([name, known]) => [name, known?.certain ? known : (typedFacts(sourceFile, name) ?? known)]));
      facts = { verify, decode, ...(verifiers ? { verifiers } : {}) };
    } catch {
      // ts-morph could not load the module: keep what the syntax said (reported through `source`).
    }
    refined.set(key, facts);
  }
  const { verify, decode, verifiers } = facts;
  const shape = verify ? withFunctionFacts(settings, syntactic.shape, file, verify, decode) : syntactic.shape;
  return verifiers ? withVerifierFacts(settings, shape, verifiers) : shape;
}
