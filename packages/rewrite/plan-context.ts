/** What planning a site needs to know about its file: shared by migrate and the lint rules' suggestions. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FileAnalysis, Settings } from '../engine/index.js';
import type { CanonicalImport } from './canonical-import.js';
import type { CanonicalShape } from './canonical-shape.js';
import type { SecretSource } from './secret-source.js';

export interface PlanContext {
  readonly file: string;
  readonly settings: Settings;
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly analysis: FileAnalysis;
  readonly shape: CanonicalShape;
  readonly canonicalImport: CanonicalImport;
  /** Migrate only: the type checker's word on a key the syntactic trace could not settle (key-source-typed.ts). */
  readonly typedKeyMatch?: (ctx: PlanContext, key: TSESTree.Node, site: SecretSource) => boolean;
}

export const sourceOf = (ctx: PlanContext, node: { range: readonly [number, number] }): string => ctx.text.slice(node.range[0], node.range[1]);
