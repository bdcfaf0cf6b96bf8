/**
 * "Which tests protect this?": for each file with findings, the test files that import it directly or
 * through other files. Imports are read from the text (static imports, re-exports, `require`, `import()`
 * with literal specifiers: fast, and forgiving of files that do not parse) and resolved by the engine's
 * one resolver: extensions, index files, `.js` written for a `.ts` source under NodeNext, and tsconfig
 * `paths`/`baseUrl` aliases. Package imports are not followed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toPosix } from '../../engine/paths.js';
import { createResolver, type SpecifierResolver } from '../../engine/resolve.js';
import type { ImpactEntry } from './types.js';

const IMPORT_PATTERNS = [
  // import x from '…', import '…', export … from '…', import type … from '…'
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/g,
  // require('…'), import('…'), jest.mock('…')-style calls are not imports and are left out
  /\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__']);

export function isTestFile(relativeFile: string): boolean {
  if (TEST_FILE.test(relativeFile)) return true;
  return relativeFile.split(/[\\/]/).slice(0, -1).some((segment) => TEST_FOLDERS.has(segment));
}

/** The literal specifiers a file's text imports, re-exports or requires (the SSOT map reads them too). */
export function importSpecifiers(text: string): string[] {
  const specifiers = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) specifiers.add(match[1]!);
  }
  return [...specifiers];
}

/** The project file `specifier` names from `fromFile` (relative or through a tsconfig alias), or undefined. */
function resolveProjectImport(
  resolver: SpecifierResolver,
  fromFile: string,
  specifier: string,
  known: ReadonlySet<string>,
): string | undefined {
  const target = resolver.resolve(fromFile, specifier, { packages: false });
  return target !== undefined && known.has(target) ? target : undefined;
}

/**
 * `targets`: absolute files with findings. `projectFiles`: every source file of the project (tests
 * included). Returns, per target, the test files that reach it, relative to `root`. The resolver is this
 * run's own, so a later audit in the same process sees the files as they are then.
 */
export function testImpact(
  targets: readonly string[],
  projectFiles: readonly string[],
  root: string,
  resolver: SpecifierResolver = createResolver(),
): ImpactEntry[] {
  const known = new Set(projectFiles);
  const importers = new Map<string, Set<string>>();
  for (const file of projectFiles) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const specifier of importSpecifiers(text)) {
      const target = resolveProjectImport(resolver, file, specifier, known);
      if (!target || target === file) continue;
      const set = importers.get(target) ?? new Set<string>();
      set.add(file);
      importers.set(target, set);
    }
  }
  const relative = (file: string): string => toPosix(path.relative(root, file));
  return targets.map((target) => {
    const seen = new Set<string>([target]);
    const queue = [target];
    const tests = new Set<string>();
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const importer of importers.get(current) ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        queue.push(importer);
        if (isTestFile(relative(importer))) tests.add(relative(importer));
      }
    }
    return { file: relative(target), tests: [...tests].sort() };
  });
}
