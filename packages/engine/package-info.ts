import fs from 'node:fs';
import path from 'node:path';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** The package's root folder (where docs/ lives in the tarball). */
  readonly root: string;
}

let cached: PackageInfo | undefined;

/** The plugin's own package.json, found from this file in the source tree and in dist/ alike. */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const json = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (json.name === 'eslint-plugin-jwt-ssot') {
        cached = { name: json.name, version: json.version ?? '0.0.0', root: dir };
        return cached;
      }
    }
    if (path.dirname(dir) === dir) throw new Error('eslint-plugin-jwt-ssot: cannot find its own package.json');
  }
}
