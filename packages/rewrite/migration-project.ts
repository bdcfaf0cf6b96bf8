/**
 * Per-project state of a migration run: the canonical function's shape, learned once (syntax, then
 * ts-morph where syntax cannot tell), and the typed key comparison where the syntactic trace stops. Shared by `jwt-ssot migrate` and the jscodeshift transform so both
 * produce the same text.
 */
import type { Settings } from '../engine/index.js';
import { learnCanonicalShape } from './canonical-shape-typed.js';
import type { CanonicalShape } from './canonical-shape.js';
import { canonicalImportSpecifier } from './import-specifier.js';
import { TypedKeys } from './key-source-typed.js';
import { migrateFile, type MigrateResult } from './migrate-file.js';

export class MigrationProject {
  private shape?: CanonicalShape;
  private typedKeys?: TypedKeys;

  constructor(private readonly settings: Settings) {}

  canonicalShape(): CanonicalShape {
    this.shape ??= learnCanonicalShape(this.settings);
    return this.shape;
  }

  /** The specifier a new ESM import of the canonical module in `file` uses. */
  specifierFor(file: string): string | undefined {
    return canonicalImportSpecifier(this.settings, file, { commonJs: false, importsUseJs: false });
  }

  /** `followUpSites`: sites (by siteKey) to leave as follow-ups with these reasons instead of rewriting them. */
  migrate(file: string, text: string, followUpSites?: ReadonlyMap<string, string>): MigrateResult {
    this.typedKeys ??= new TypedKeys(this.settings);
    const typedKeys = this.typedKeys;
    return migrateFile({
      file,
      text,
      settings: this.settings,
      canonicalShape: this.canonicalShape(),
      typedKeyMatch: (ctx, key, site) => typedKeys.sameKey(ctx, key, site),
      ...(followUpSites ? { followUpSites } : {}),
    });
  }
}
