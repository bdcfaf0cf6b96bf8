/**
 * Per-project facts the rewrite of one file needs but cannot see in it: the canonical validator's shape,
 * and how to spell the import (tsconfig `paths` alias, NodeNext `.js` endings). Shared by the CLI and the
 * jscodeshift transform so both produce the same text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toPosix } from '../../engine/paths.js';
import { stripExtension, type Settings } from '../../engine/index.js';
import { learnCanonicalShape, type CanonicalShape } from './shape.js';
import { migrateSource, type MigrateResult } from './source.js';

interface TsconfigFacts {
  readonly file: string;
  readonly nodeNext: boolean;
  /** Absolute base the `paths` targets resolve from, and the mappings. */
  readonly pathsBase: string;
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

export function findTsconfig(from: string, stopAt?: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (dir === stopAt || path.dirname(dir) === dir) return undefined;
  }
}

function readTsconfig(file: string): TsconfigFacts | undefined {
  const ts = require('typescript') as typeof import('typescript');
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  if (read.error) return undefined;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
  const options = parsed.options;
  const resolution = options.moduleResolution;
  const nodeNext = resolution === ts.ModuleResolutionKind.NodeNext || resolution === ts.ModuleResolutionKind.Node16;
  const pathsBase = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath ?? path.dirname(file);
  return { file, nodeNext, pathsBase, paths: options.paths ?? {} };
}

function packageType(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        return (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The alias a tsconfig `paths` entry gives the canonical module, e.g. `@/auth/jwt-handler`. */
function pathsAlias(facts: TsconfigFacts, canonicalFile: string): string | undefined {
  const target = stripExtension(canonicalFile);
  for (const [pattern, targets] of Object.entries(facts.paths)) {
    for (const mapping of targets) {
      const absolute = stripExtension(path.resolve(facts.pathsBase, mapping));
      const star = absolute.indexOf('*');
      if (star === -1) {
        if (absolute === target && !pattern.includes('*')) return pattern;
        continue;
      }
      const prefix = absolute.slice(0, star);
      const suffix = absolute.slice(star + 1);
      if (target.startsWith(prefix) && target.endsWith(suffix) && target.length >= prefix.length + suffix.length) {
        const middle = toPosix(target.slice(prefix.length, target.length - suffix.length));
        if (pattern.includes('*')) return pattern.replace('*', middle);
      }
    }
  }
  return undefined;
}

export class MigrationProject {
  private readonly tsconfigs = new Map<string, TsconfigFacts | undefined>();
  private shape?: CanonicalShape;

  constructor(private readonly settings: Settings) {}

  canonicalShape(): CanonicalShape {
    this.shape ??= learnCanonicalShape(this.settings);
    return this.shape;
  }

  private tsconfigFor(file: string): TsconfigFacts | undefined {
    const configFile = findTsconfig(path.dirname(file));
    if (!configFile) return undefined;
    if (!this.tsconfigs.has(configFile)) this.tsconfigs.set(configFile, readTsconfig(configFile));
    return this.tsconfigs.get(configFile);
  }

  /** True/false when the project's module system decides `.js` endings; undefined to follow the file's own imports. */
  jsExtensionFor(file: string): boolean | undefined {
    const facts = this.tsconfigFor(file);
    if (!facts?.nodeNext) return undefined;
    const ext = path.extname(file);
    if (ext === '.mts' || ext === '.mjs') return true;
    if (ext === '.cts' || ext === '.cjs') return false;
    return packageType(file) === 'module' ? true : undefined;
  }

  /** A tsconfig `paths` alias for the canonical module, when one maps to it (and no `importPath` is set). */
  specifierFor(file: string): string | undefined {
    const canonical = this.settings.canonical;
    if (!canonical?.file || canonical.importPath) return undefined;
    const facts = this.tsconfigFor(file);
    if (!facts) return undefined;
    const alias = pathsAlias(facts, canonical.file);
    if (!alias) return undefined;
    return this.jsExtensionFor(file) ? `${alias}.js` : alias;
  }

  migrate(file: string, text: string): MigrateResult {
    return migrateSource({
      file,
      text,
      settings: this.settings,
      canonicalShape: this.canonicalShape(),
      specifier: this.specifierFor(file),
      jsExtension: this.jsExtensionFor(file),
    });
  }
}
