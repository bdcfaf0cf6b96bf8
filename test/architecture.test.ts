/** scripts/check-architecture.mjs on small trees: cycles and long files fail `npm test`, type-only cycles do not. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from './migrate/helpers.js';

const SCRIPT = path.join(__dirname, '..', 'scripts', 'check-architecture.mjs');
const trees: string[] = [];

function tree(files: Record<string, string>): string {
  const dir = tempDir('jwt-ssot-arch-');
  trees.push(dir);
  writeFiles(dir, files);
  return dir;
}

function check(dir: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterEach(() => {
  for (const dir of trees.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('check-architecture', () => {
  it('passes a tree without cycles, resolving .js specifiers to .ts sources and folders to index files', () => {
    const dir = tree({
      'packages/engine/index.ts': "export { a } from './a.js';\n",
      'packages/engine/a.ts': "import { b } from './util/index.js';\nexport const a = b;\n",
      'packages/engine/util/index.ts': "export const b = 1;\n",
      'rules/r.ts': "import { a } from '../packages/engine';\nexport default a;\n",
    });
    const result = check(dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4 source files, no import cycles');
  });

  it('fails naming the cycle, through .js specifiers and an index file', () => {
    const dir = tree({
      'packages/engine/analyze.ts': "import { pass } from './passes/index.js';\nexport const analyze = () => pass();\n",
      'packages/engine/passes/index.ts': "export { pass } from './pass.js';\n",
      'packages/engine/passes/pass.ts': "import { analyze } from '../analyze.js';\nexport const pass = () => analyze;\n",
      'packages/cli/bin.ts': "const load = () => require('./command.js');\nexport default load;\n",
      'packages/cli/command.ts': "export const run = () => import('./bin.js');\n",
    });
    const result = check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Import cycle: packages/engine/analyze.ts → packages/engine/passes/index.ts → packages/engine/passes/pass.ts → packages/engine/analyze.ts',
    );
    // require() and import() run the module too, so they close a cycle as well.
    expect(result.stderr).toContain('Import cycle: packages/cli/bin.ts → packages/cli/command.ts → packages/cli/bin.ts');
    expect(result.stderr).toContain('2 import cycle(s), 0 file(s) over 500 lines');
  });

  it('passes a cycle made only of type imports, which the compiler erases', () => {
    const dir = tree({
      'packages/engine/findings.ts': "import type { Site } from './types.js';\nimport { type Kind } from './kinds.js';\nexport type Finding = Site & { kind: Kind };\n",
      'packages/engine/types.ts': "import type { Finding } from './findings.js';\nexport type Site = { finding?: Finding };\n",
      'packages/engine/kinds.ts': "export type { Finding } from './findings.js';\nexport type Kind = 'verify';\n",
    });
    const result = check(dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails naming a product file over 500 lines, and leaves tests, fixtures, the example and scripts alone', () => {
    const long = 'export const x = 1;\n'.repeat(501);
    const dir = tree({
      'codemods/transform.ts': long,
      'packages/cli/ok.ts': 'export const y = 1;\n'.repeat(500),
      'packages/golden-path-example/src/big.ts': long,
      'packages/cli/test/big.ts': long,
      'rules/__fixtures__/big.ts': long,
      'scripts/big.mjs': long,
      'test/a.test.ts': "import './b.test.js';\n",
      'test/b.test.ts': "import './a.test.js';\n",
    });
    const result = check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Too long: codemods/transform.ts has 501 lines (limit 500)');
    expect(result.stderr).not.toContain('ok.ts');
    expect(result.stderr).not.toContain('big');
    expect(result.stderr).not.toContain('Import cycle');
  });
});
