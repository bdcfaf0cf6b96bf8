/**
 * Where a recipe's key and options are, read from the catalogue's data on the call: a key argument, a key
 * named inside the options (`{ secret }`), the options of the factory that made the called function
 * (fast-jwt's `createVerifier(options)`), an algorithm named positionally (`'HS256'`). No library is named here.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findVariable, scopeOf, type RewriteRecipe } from '../engine/index.js';
import { propertyName } from './ast.js';
import { sourceOf, type PlanContext } from './plan-context.js';
import { normalizeCode } from './text.js';

type Node = TSESTree.Node;

export interface RecipeInputs {
  /** The key expressions the call verifies with (an argument, or the value of a key option). */
  readonly keys: readonly Node[];
  /** The options to compare with the canonical ones, without the key options; undefined when there are none. */
  readonly options?: Node;
  /** A key option is a function (fast-jwt's key callback): the call returns a promise. */
  readonly promise?: boolean;
}

/** The factory call that made `call`'s callee: the callee itself, or the `const` initialiser it names. */
export function factoryCallOf(ctx: PlanContext, call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const callee = call.callee;
  if (callee.type === 'CallExpression') return callee;
  if (callee.type !== 'Identifier') return undefined;
  const variable = findVariable(scopeOf(ctx.scopeManager, callee), callee.name);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.node.type !== 'VariableDeclarator') return undefined;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  const init = def.node.init;
  return init?.type === 'CallExpression' ? init : undefined;
}

/**
 * The options without the properties that carry the key, as a node the options check can read (its
 * text stays the original's, for messages); `keys` receives the key values.
 */
function splitKeyOptions(options: Node, keyOptions: readonly string[], keys: Node[]): Node | undefined {
  if (options.type !== 'ObjectExpression' || keyOptions.length === 0) return options;
  const rest = options.properties.filter((property) => {
    const name = property.type === 'Property' ? propertyName(property) : undefined;
    if (property.type !== 'Property' || name === undefined || !keyOptions.includes(name)) return true;
    keys.push(property.value);
    return false;
  });
  if (rest.length === options.properties.length) return options;
  return rest.length === 0 ? undefined : ({ ...options, properties: rest } as TSESTree.ObjectExpression);
}

/** The key and options of a recipe call, or the reason they cannot be found. */
export function recipeInputs(ctx: PlanContext, call: TSESTree.CallExpression, recipe: RewriteRecipe, keyArg: number | undefined, optionsArg: number | undefined, label: string, name: string): RecipeInputs | string {
  const keys: Node[] = [];
  const keyOptions = recipe.keyOptions ?? [];
  if (recipe.factory) {
    const factory = factoryCallOf(ctx, call);
    if (!factory) return `${label} is a function whose factory call cannot be found here; rewrite by hand with ${name}.`;
    const factoryArgs = factory.arguments;
    if (factoryArgs.some((arg) => arg.type === 'SpreadElement')) return `Spread arguments to the factory of ${label}; rewrite by hand with ${name}.`;
    const options = factoryArgs[recipe.factory.optionsArg] as Node | undefined;
    if (factoryArgs.length > recipe.factory.optionsArg + 1) return `The factory of ${label} takes more arguments than ${name} can express; rewrite by hand.`;
    if (!options) return recipe.to === 'decode' ? { keys } : `The factory of ${label} has no key; rewrite by hand with ${name}.`;
    if (keyOptions.length === 0) {
      const empty = options.type === 'ObjectExpression' && options.properties.length === 0;
      return empty ? { keys } : `The factory of ${label} has options (\`${sourceOf(ctx, options).slice(0, 60)}\`) that ${name} cannot express; rewrite by hand.`;
    }
    if (options.type !== 'ObjectExpression') return `The factory options of ${label} (\`${sourceOf(ctx, options).slice(0, 60)}\`) cannot be checked against ${name}; rewrite by hand.`;
    const rest = splitKeyOptions(options, keyOptions, keys);
    if (keys.length === 0) return `The factory of ${label} names no key; rewrite by hand with ${name}.`;
    const promise = keys.some((key) => key.type === 'ArrowFunctionExpression' || key.type === 'FunctionExpression');
    return { keys, options: rest, promise };
  }
  const args = call.arguments;
  const key = keyArg === undefined ? undefined : (args[keyArg] as Node | undefined);
  if (key) keys.push(key);
  const rawOptions = optionsArg === undefined ? undefined : (args[optionsArg] as Node | undefined);
  // An algorithm named positionally where options may also go (hono's `verify(t, k, 'HS256' | { alg })`).
  const options = rawOptions && optionsArg === recipe.algorithmArg && isStringLiteral(rawOptions) ? undefined : rawOptions;
  return { keys, options: options && splitKeyOptions(options, keyOptions, keys) };
}

function isStringLiteral(node: Node): node is TSESTree.StringLiteral {
  return node.type === 'Literal' && typeof node.value === 'string';
}

/** Why the positional algorithm argument differs from what the canonical function pins, if it does. */
export function algorithmProblem(ctx: PlanContext, call: TSESTree.CallExpression, recipe: RewriteRecipe, name: string): { reason: string; check: string } | undefined {
  const index = recipe.algorithmArg;
  const arg = index === undefined ? undefined : call.arguments[index];
  if (!arg || !isStringLiteral(arg)) return undefined;
  const pinned = ctx.shape.verifyOptions['algorithms'];
  if (pinned !== undefined && pinned === normalizeCode(`['${arg.value}']`)) return undefined;
  return {
    reason: `Pins the algorithm ${arg.value} while ${name} ${pinned ? `pins ${pinned}` : 'pins none that could be read'}; decide which is right.`,
    check: `${name} accepts the algorithm ${arg.value} as this call does`,
  };
}

/** An argument that must be absent or a falsy literal is something else (a `noVerify` flag that may be set). */
export function truthyFlag(ctx: PlanContext, call: TSESTree.CallExpression, recipe: RewriteRecipe): string | undefined {
  for (const index of recipe.falsyArgs ?? []) {
    const arg = call.arguments[index];
    if (!arg) continue;
    const falsy = (arg.type === 'Literal' && !arg.value) || (arg.type === 'Identifier' && arg.name === 'undefined');
    if (!falsy) return sourceOf(ctx, arg);
  }
  return undefined;
}
