/**
 * The lint rules run in editors: the part of the rewrite core they load must never reach ts-morph or
 * TypeScript's program API (migrate loads ts-morph lazily, from canonical-shape-typed.ts only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '../..');
const HEAVY = /require\(['"](typescript|ts-morph)['"]\)|^import (?!type)[^;]*from ['"](typescript|ts-morph)['"]/m;

/** Source files reachable from `entry` through relative imports (type-only imports excluded). */
function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [path.join(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)(?! type)[^;]*?from '(\.[^']+)\.js';/gm)) {
      pending.push(path.resolve(path.dirname(file), `${match[1]}.ts`));
    }
  }
  return seen;
}

describe('the editor path of the rewrite core', () => {
  for (const rule of ['rules/no-direct-verify.ts', 'rules/no-direct-decode.ts']) {
    it(`${rule} reaches neither ts-morph nor TypeScript's API`, () => {
      const files = closure(rule);
      expect([...files].map((file) => path.relative(ROOT, file))).toContain('packages/rewrite/suggest.ts');
      expect([...files].map((file) => path.relative(ROOT, file))).not.toContain('packages/rewrite/canonical-shape-typed.ts');
      for (const file of files) expect(HEAVY.test(fs.readFileSync(file, 'utf8')), path.relative(ROOT, file)).toBe(false);
    });
  }

  it('migrate does reach ts-morph, through the lazily loading module', () => {
    expect(HEAVY.test(fs.readFileSync(path.join(ROOT, 'packages/rewrite/canonical-shape-typed.ts'), 'utf8'))).toBe(true);
  });
});
