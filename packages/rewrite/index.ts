/**
 * The rewrite core: what to do with a JWT site (rewrite it onto the canonical function, or hand it to a
 * person with a follow-up comment), for `jwt-ssot migrate`, the jscodeshift transform and the lint rules'
 * suggestions alike. Nothing here loads ts-morph or TypeScript's API except canonical-shape-typed.ts and
 * key-source-typed.ts, and those only when migrate asks them to.
 */
export { applyEdits, detectEol, lineNumber, OverlapError, type TextEdit } from './text.js';
export { CanonicalImport, isCommonJsFile, usesJsExtensions, type CanonicalExport } from './canonical-import.js';
export { canonicalImportSpecifier, type SpecifierHints } from './import-specifier.js';
export { applyCanonicalSettings, defaultCanonicalShape, learnCanonicalShapeFromSyntax, shapeForVerifier, type CanonicalShape, type VerifierShape } from './canonical-shape.js';
export { learnCanonicalShape } from './canonical-shape-typed.js';
export { FOLLOW_UP_PREFIX, followUpComment } from './follow-ups.js';
export { planSite, type FollowUpPlan, type Plan, type Rewrite } from './plan.js';
export { planFile, rewritableFindings, type FilePlan } from './plan-file.js';
export type { PlanContext } from './plan-context.js';
export { migrateFile, siteKey, type EditKind, type FollowUp, type MigrateEdit, type MigrateInput, type MigrateResult, type SiteOutcome } from './migrate-file.js';
export { MigrationProject } from './migration-project.js';
export { canonicalSuggestion, type SuggestionMessageIds, type SuggestionSource } from './suggest.js';
