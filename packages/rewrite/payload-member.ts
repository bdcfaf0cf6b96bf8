/**
 * Calls whose result holds the payload in its `payload` member (jose's `jwtVerify`, hono's `decode`): only
 * uses that read nothing but `payload` map onto a canonical function that returns the payload.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { CallSite } from '../engine/index.js';
import { propertyName } from './ast.js';
import { valueText } from './call-text.js';
import type { CanonicalExport } from './canonical-import.js';
import type { PlanContext } from './plan-context.js';
import type { TextEdit } from './text.js';

type Node = TSESTree.Node;

export interface MemberOptions {
  readonly to: CanonicalExport;
  readonly name: string;
  readonly asyncCanonical: boolean;
  readonly returns: 'payload' | 'result';
  readonly asType?: string;
  /** The canonical call, `validateToken(token)`. */
  readonly callText: string;
  readonly awaited: boolean;
}

/** The edits of a planned rewrite: `node` is the whole range it replaces. */
export interface PlannedEdits {
  readonly node: Node;
  readonly edits: TextEdit[];
  readonly description: string;
}

const isPayloadRead = (node: Node): node is TSESTree.MemberExpression =>
  node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'payload';

/** Every use of the `const` declared by `holder` is `<name>.payload` (read): those uses, else undefined. */
function payloadOnlyUses(ctx: PlanContext, holder: TSESTree.VariableDeclarator): TSESTree.MemberExpression[] | undefined {
  const declaration = holder.parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const' || declaration.parent?.type === 'ExportNamedDeclaration') return undefined;
  const [variable] = ctx.scopeManager.getDeclaredVariables(holder);
  if (!variable) return undefined;
  const uses: TSESTree.MemberExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const member = reference.identifier.parent;
    if (!member || !isPayloadRead(member) || member.object !== reference.identifier) return undefined;
    const outer = member.parent;
    const written = (outer?.type === 'AssignmentExpression' && outer.left === member) || outer?.type === 'UpdateExpression' || (outer?.type === 'UnaryExpression' && outer.operator === 'delete');
    if (written) return undefined;
    uses.push(member);
  }
  return uses;
}

export function payloadMemberRewrite(ctx: PlanContext, site: CallSite, value: Node, options: MemberOptions): PlannedEdits | string {
  const { name, asyncCanonical, returns, asType, callText } = options;
  const label = `${site.library} \`${site.api}\``;
  const shown = `${options.awaited ? 'await ' : ''}${site.api}(…)`;
  const replaced = (target: Node, as?: string): TextEdit => ({ start: target.range[0], end: target.range[1], text: valueText(ctx, target, callText, asyncCanonical, returns, as) });
  const holder = value.parent;
  if (holder?.type === 'VariableDeclarator' && holder.init === value && holder.id.type === 'ObjectPattern') {
    const pattern = holder.id;
    const only = pattern.properties.length === 1 ? pattern.properties[0] : undefined;
    if (!only || only.type !== 'Property' || propertyName(only) !== 'payload' || only.value.type !== 'Identifier' || pattern.typeAnnotation) {
      return `More of the ${label} result than \`payload\` is used; rewrite by hand with ${name}.`;
    }
    const localName = only.value.name;
    return {
      node: holder,
      edits: [{ start: pattern.range[0], end: pattern.range[1], text: localName }, replaced(value, asType)],
      description: `const { payload } = ${shown} → const ${localName} = ${name}(…)`,
    };
  }
  if (holder?.type === 'VariableDeclarator' && holder.init === value && holder.id.type === 'Identifier' && !holder.id.typeAnnotation && !asType) {
    // `const r = await jwtVerify(…)` read only as `r.payload`: `r` now holds the payload itself.
    const uses = payloadOnlyUses(ctx, holder);
    if (!uses) return `The ${label} result \`${holder.id.name}\` is used for more than its \`payload\`; rewrite by hand with ${name}.`;
    const variableName = holder.id.name;
    return {
      node: holder,
      edits: [replaced(value), ...uses.map((use) => ({ start: use.range[0], end: use.range[1], text: variableName }))],
      description: `const ${variableName} = ${shown}; ${variableName}.payload → const ${variableName} = ${name}(…); ${variableName}`,
    };
  }
  if (holder && isPayloadRead(holder) && holder.object === value) {
    return { node: holder, edits: [replaced(holder, asType)], description: `(${shown}).payload → ${name}(…)` };
  }
  if (holder?.type === 'ExpressionStatement') {
    // The result is dropped: only the verification itself matters.
    return { node: value, edits: [{ start: value.range[0], end: value.range[1], text: valueText(ctx, value, callText, asyncCanonical, 'payload') }], description: `${shown} → ${name}(…)` };
  }
  return `The whole ${label} result is used, not just its payload; rewrite by hand with ${name}.`;
}

/** The callback of `call.then(({ payload }) => …)`, when its one parameter takes only `payload`. */
export function thenCallbackOf(call: TSESTree.CallExpression): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined {
  const member = call.parent;
  if (member?.type !== 'MemberExpression' || member.object !== call || member.computed || member.property.type !== 'Identifier' || member.property.name !== 'then') return undefined;
  const thenCall = member.parent;
  if (thenCall?.type !== 'CallExpression' || thenCall.callee !== member || thenCall.arguments.length !== 1) return undefined;
  const callback = thenCall.arguments[0];
  if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return undefined;
  return callback.params.length === 1 ? callback : undefined;
}

/** `jwtVerify(t, k).then(({ payload }) => …)` → `validateToken(t).then((payload) => …)` (an async canonical function only). */
export function thenRewrite(site: CallSite, call: TSESTree.CallExpression, callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, options: MemberOptions): PlannedEdits | string {
  const { name, callText } = options;
  const label = `${site.library} \`${site.api}\``;
  if (!options.asyncCanonical) return `${name} is not async, so it has no \`.then\`; rewrite this ${label} promise chain by hand.`;
  if (options.asType) return `The ${label} promise chain has type arguments; rewrite by hand with ${name}.`;
  const callEdit: TextEdit = { start: call.range[0], end: call.range[1], text: callText };
  // A canonical function that returns `{ payload }` keeps the callback as it is.
  if (options.returns === 'result') return { node: call, edits: [callEdit], description: `${site.api}(…).then → ${name}(…).then` };
  const parameter = callback.params[0]!;
  const only = parameter.type === 'ObjectPattern' && parameter.properties.length === 1 ? parameter.properties[0] : undefined;
  if (!only || only.type !== 'Property' || propertyName(only) !== 'payload' || only.value.type !== 'Identifier' || (parameter.type === 'ObjectPattern' && parameter.typeAnnotation)) {
    return `The \`.then\` callback of ${label} takes more than \`{ payload }\`; rewrite by hand with ${name}.`;
  }
  const localName = only.value.name;
  return {
    node: call,
    edits: [callEdit, { start: parameter.range[0], end: parameter.range[1], text: localName }],
    description: `${site.api}(…).then(({ payload }) => …) → ${name}(…).then((${localName}) => …)`,
  };
}
