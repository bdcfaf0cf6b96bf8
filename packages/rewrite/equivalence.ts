/**
 * Only the token survives a rewrite, so the key and options a call passes must be the canonical module's
 * own. These checks say why they may not be: a reason for the follow-up comment, and a short phrase for
 * the editor suggestion's "after checking: …".
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { findVariable, scopeOf } from '../engine/index.js';
import { sourceOf, type PlanContext } from './plan-context.js';
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


/** Names of the secrets a key expression reads, following `const` bindings a few hops. */
function keySecretNames(ctx: PlanContext, expression: Node): Set<string> {
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
export function keyCheck(ctx: PlanContext, key: Node, name: string): Check | undefined {
  const names = keySecretNames(ctx, key);
  const keyText = sourceOf(ctx, key).slice(0, 60);
  if (names.size === 0) {
    return {
      about: 'key',
      reason: `Verifies with a key that is not a recognised secret (\`${keyText}\`); check that ${name} uses the same key, then call it.`,
      check: `\`${keyText}\` is the key ${name} verifies with`,
    };
  }
  const known = ctx.shape.secretEnv;
  const foreign = [...names].filter((secret) => known.length > 0 && !known.includes(secret));
  if (foreign.length > 0) {
    return {
      about: 'key',
      reason: `Verifies with ${foreign.join(', ')} while ${name} uses ${known.join(', ')}; decide which key is right.`,
      check: `${name}'s key (${known.join(', ')}) is right where this call used ${foreign.join(', ')}`,
    };
  }
  return undefined;
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
    if (key === undefined || ctx.shape.verifyOptions[key] !== normalizeCode(sourceOf(ctx, property.value))) extra.push(key ?? '[computed]');
  }
  if (extra.length === 0) return undefined;
  return {
    about: 'options',
    reason: `Options ${extra.join(', ')} are not what ${name} enforces; move them into the canonical module or keep this call.`,
    check: `${name} enforces the options ${extra.join(', ')} as this call sets them`,
  };
}
