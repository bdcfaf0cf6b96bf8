/** Small AST readers the rewrite core shares. */
import type { TSESTree } from '@typescript-eslint/utils';

/** The static name of a property key (`a`, `'a'`, `1`), or undefined for a computed one. */
export function propertyName(property: { readonly key: TSESTree.Node; readonly computed: boolean }): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  return property.key.type === 'Literal' ? String(property.key.value) : undefined;
}
