/**
 * Only the token survives a rewrite, so the key and options a call passes must be the canonical module's
 * own. These checks say why they may not be: a reason for the follow-up comment, and a short phrase for
 * the editor suggestion's "after checking: …".
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { keySourceOf } from './key-source.js';
import { sourceOf, type PlanContext } from './plan-context.js';
import { describeSource, sameSource, type SecretSource } from './secret-source.js';
import { normalizeCode } from './text.js';
import { propertyName } from './ast.js';

type Node = TSESTree.Node;

export interface Check {
  /** What the person must check or decide: the follow-up comment's reason. */
  readonly reason: string;
  /** The same, as the suggestion's "after checking: {{check}}". */
  readonly check: string;
  readonly about: 'key' | 'options' | 'confirm';
}


/** Where the canonical function's key comes from; empty when nothing was learned about it. */
function canonicalKeySources(shape: Pick<PlanContext['shape'], 'keySources' | 'secretEnv'>): readonly SecretSource[] {
  return shape.keySources ?? shape.secretEnv.map((name): SecretSource => ({ kind: 'env', name }));
}

/**
 * Several verify functions, none of which uses the site's key: the reason lists each with its key, so a
 * person sees at once which token kind this is not (`none of validateAccessToken (JWT_SECRET), … uses that key`).
 */
function noVerifierUsesKey(ctx: PlanContext, site: SecretSource, siteKey: string): string | undefined {
  const verifiers = ctx.shape.verifiers;
  if (!verifiers || verifiers.length < 2) return undefined;
  const keysOf = verifiers.map((verifier) => ({ name: verifier.name, keys: canonicalKeySources({ keySources: verifier.keySources, secretEnv: ctx.shape.secretEnv }) }));
  if (keysOf.some(({ keys }) => keys.some((source) => sameSource(site, source)))) return undefined;
  const root = ctx.settings.root;
  const candidates = keysOf.map(({ name, keys }) => `${name} (${keys.filter((source) => source.kind !== 'unknown').map((source) => describeSource(source, root)).join(', ') || 'an untraced key'})`);
  return `Verifies with ${siteKey}; none of ${candidates.join(', ')} uses that key; decide which function verifies this token.`;
}

/** Is the key expression itself a read of the environment (`process.env.X!`), so that its name says it all? */
function isDirectEnvRead(key: Node): boolean {
  const inner = unwrapKey(key);
  if (inner.type !== 'MemberExpression') return false;
  const host = unwrapKey(inner.object);
  return host.type === 'MemberExpression' && !host.computed && host.property.type === 'Identifier' && host.property.name === 'env';
}

function unwrapKey(node: Node): Node {
  let current = node;
  while (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression' || current.type === 'ChainExpression') current = current.expression;
  return current;
}

/**
 * Why the key argument cannot be dropped, or undefined when it comes from the same secret source as the
 * canonical function's own key (the same env variable or the same declaration, traced through the code).
 */
export function keyCheck(ctx: PlanContext, key: Node, name: string): Check | undefined {
  const site = keySourceOf(ctx, key);
  const canonical = canonicalKeySources(ctx.shape);
  // One line, whatever the code's layout: it goes into a line comment and a one-line report.
  const keyText = sourceOf(ctx, key).replace(/\s+/g, ' ').slice(0, 60);
  const known = canonical.filter((source) => source.kind !== 'unknown');
  if (canonical.length === 1 && sameSource(site, canonical[0]!)) return undefined;
  // Migrate only: where the syntactic trace stopped, the type checker may prove the same declaration.
  if (ctx.typedKeyMatch?.(ctx, key, site)) return undefined;
  // Nothing learned about the canonical key (a package, an unreadable module): a recognised secret is
  // taken as its key, as it always was; `canonical.module` as a file makes the comparison exact.
  if (canonical.length === 0 && site.kind === 'env' && ctx.analysis.secrets.some((secret) => secret.name === site.name)) return undefined;
  const untraced: Check = {
    about: 'key',
    reason: `Verifies with a key that is not a recognised secret (\`${keyText}\`); check that ${name} uses the same key, then call it.`,
    check: `\`${keyText}\` is the key ${name} verifies with`,
  };
  // A key of this file that cannot be traced (a literal, a file read, a JWKS) is described by its text.
  if (site.kind === 'unknown' || (site.kind === 'declaration' && site.file === ctx.file)) return untraced;
  const root = ctx.settings.root;
  // A direct env read or a config lookup names its source in full; anything else is quoted with its source.
  const direct = (site.kind === 'env' && isDirectEnvRead(key)) || site.kind === 'config';
  const siteKey = direct ? describeSource(site, root) : `\`${keyText}\` (${site.kind === 'env' ? `env ${describeSource(site, root)}` : describeSource(site, root)})`;
  if (known.length === 0) {
    return {
      about: 'key',
      reason: `Verifies with ${siteKey}, and the key ${name} uses could not be traced; check that they are the same, then call it.`,
      check: `${name} verifies with ${siteKey}`,
    };
  }
  const canonicalKey = known.map((source) => describeSource(source, root)).join(', ');
  if (canonical.length > 1 && canonical.some((source) => sameSource(site, source))) {
    return {
      about: 'key',
      reason: `Verifies with ${siteKey}, one of the keys ${name} uses (${canonicalKey}); check that ${name} verifies with it here.`,
      check: `${name} verifies this token with ${siteKey}`,
    };
  }
  return {
    about: 'key',
    reason: noVerifierUsesKey(ctx, site, siteKey) ?? `Verifies with ${siteKey} while ${name} uses ${canonicalKey}; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.`,
    check: `${name}'s key (${canonicalKey}) is right where this call used ${siteKey}`,
  };
}

/**
 * Does the canonical module pass option `key` with this value? A value both sides trace to a source
 * (`issuer: config.jwt.issuer`) is compared by source, so two spellings of one value agree and one
 * spelling of two values does not; anything else by its normalised text.
 */
function enforcesOption(ctx: PlanContext, key: string, value: Node): boolean {
  const canonicalSource = ctx.shape.verifyOptionSources?.[key];
  if (canonicalSource) {
    const site = keySourceOf(ctx, value);
    if (site.kind !== 'unknown') return sameSource(site, canonicalSource);
  }
  return ctx.shape.verifyOptions[key] === normalizeCode(sourceOf(ctx, value));
}

/** Why the options cannot be dropped, or undefined when they only repeat what the canonical module enforces. */
export function optionsCheck(ctx: PlanContext, options: Node, name: string): Check | undefined {
  const optionsText = sourceOf(ctx, options).slice(0, 60);
  const check = `${name} enforces what \`${optionsText}\` asks for`;
  if (options.type !== 'ObjectExpression') return { about: 'options', reason: `Options \`${optionsText}\` cannot be checked against ${name}; rewrite by hand.`, check };
  const extra: string[] = [];
  for (const property of options.properties) {
    if (property.type !== 'Property') return { about: 'options', reason: `Spread options cannot be checked against ${name}; rewrite by hand.`, check };
    const key = propertyName(property);
    if (key === undefined || !enforcesOption(ctx, key, property.value)) extra.push(key ?? '[computed]');
  }
  if (extra.length === 0) return undefined;
  return {
    about: 'options',
    reason: `Options ${extra.join(', ')} are not what ${name} enforces; move them into the canonical module or keep this call.`,
    check: `${name} enforces the options ${extra.join(', ')} as this call sets them`,
  };
}
