/**
 * The SSOT map's import facts: which audited files import the canonical module or an auth-module entry.
 * Imports are read from the text and resolved by the engine's one resolver, exactly as `--impact` does
 * (impact.ts), so the map and the test list cannot disagree about what an import names.
 */
import fs from 'node:fs';
import { resolveSourceFile } from '../../engine/auth-entry.js';
import { createResolver, type SpecifierResolver } from '../../engine/resolve.js';
import type { Settings } from '../../engine/index.js';
import { importSpecifiers } from './impact.js';
import { relativePath } from './scan.js';
import type { SsotFacts } from './types.js';

/** Where each map target lives: absolute source files, and bare specifiers for a canonical package. */
interface Targets {
  readonly files: Map<string, string>;
  readonly packages: Set<string>;
}

function mapTargets(settingsList: readonly Settings[], root: string, resolver: SpecifierResolver): { targets: Targets; canonical: string[]; authEntries: string[] } {
  const files = new Map<string, string>();
  const packages = new Set<string>();
  const canonical = new Set<string>();
  const authEntries = new Set<string>();
  const addFile = (absolute: string, into: Set<string>): void => {
    const file = resolveSourceFile(absolute, resolver) ?? absolute;
    const name = relativePath(root, file);
    files.set(file, name);
    into.add(name);
  };
  for (const settings of settingsList) {
    const module = settings.canonical;
    if (module?.file !== undefined) addFile(module.file, canonical);
    else if (module !== undefined) {
      packages.add(module.module);
      canonical.add(module.module);
    }
    // How files spell the canonical module may be an alias the resolver does not know (no tsconfig path).
    if (module?.importPath !== undefined) packages.add(module.importPath);
    for (const auth of settings.authModules) addFile(auth.entry, authEntries);
  }
  return { targets: { files, packages }, canonical: [...canonical], authEntries: [...authEntries].sort() };
}

/**
 * `files`: the absolute files the audit scanned. `settingsList`: every settings object they use. Files
 * larger than `maxFileSize` are not read (the scan does not analyse them either).
 */
export function ssotFacts(
  files: readonly string[],
  settingsList: readonly Settings[],
  root: string,
  maxFileSize: number,
  resolver: SpecifierResolver = createResolver(),
): SsotFacts {
  const { targets, canonical, authEntries } = mapTargets(settingsList, root, resolver);
  const packageTarget = (specifier: string): string | undefined => {
    if (!targets.packages.has(specifier)) return undefined;
    // A package name is its own node; an importPath alias stands for the first canonical module.
    return canonical.find((module) => module === specifier) ?? canonical[0];
  };
  const imports: { from: string; to: string }[] = [];
  for (const file of files) {
    let text: string;
    try {
      if (fs.statSync(file).size > maxFileSize) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const from = relativePath(root, file);
    const reached = new Set<string>();
    for (const specifier of importSpecifiers(text)) {
      const resolved = resolver.resolve(file, specifier, { packages: false });
      const to = resolved !== undefined && resolved !== file ? targets.files.get(resolved) : packageTarget(specifier);
      if (to !== undefined && to !== from) reached.add(to);
    }
    for (const to of [...reached].sort()) imports.push({ from, to });
  }
  imports.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { canonical, authEntries, imports };
}
