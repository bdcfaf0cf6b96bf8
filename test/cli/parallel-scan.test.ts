import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../packages/cli/audit/scan.js';
import type { Violation } from '../../packages/cli/audit/types.js';
import { AUTO_THRESHOLD, ConcurrencyError, joinResults, parseConcurrency, threadCount } from '../../packages/cli/parallel-scan.js';
import { BIN, removeTree, runBin, writeTree } from './helpers.js';
import { PROJECT } from './project.js';

describe('--concurrency', () => {
  it('parses n, auto and off', () => {
    expect(parseConcurrency('3')).toBe(3);
    expect(parseConcurrency('auto')).toBe('auto');
    expect(parseConcurrency('off')).toBe('off');
    for (const bad of ['0', '-1', 'two', '1.5', '']) expect(() => parseConcurrency(bad)).toThrow(ConcurrencyError);
  });

  it('auto stays on one thread for small trees and on busy machines', () => {
    expect(threadCount('auto', AUTO_THRESHOLD - 1, 8, 0)).toBe(1);
    expect(threadCount('auto', AUTO_THRESHOLD, 2, 0)).toBe(2);
    expect(threadCount('auto', 100_000, 4, 0)).toBe(4);
    expect(threadCount('auto', 100_000, 4, 1.5)).toBe(2);
    expect(threadCount('auto', 100_000, 2, 6)).toBe(1);
    expect(threadCount('auto', 100_000, 1, 0)).toBe(1);
  });

  it('an explicit count is honoured (never more threads than files), off is one', () => {
    expect(threadCount(4, 10, 1, 9)).toBe(4);
    expect(threadCount(4, 2, 8, 0)).toBe(2);
    expect(threadCount('off', 100_000, 8, 0)).toBe(1);
  });
});

describe('joinResults', () => {
  const violation = (file: string, line: number): Violation =>
    ({ file, line, column: 1, endLine: line, endColumn: 2, rule: 'jwt-ssot/no-direct-verify', messageId: 'directVerify', library: 'jsonwebtoken', api: 'verify', kind: 'verify', message: 'm', replacement: 'r', lineText: '' }) as Violation;
  const part = (violations: Violation[], errors: string[], scanned: number, parsed: number): ScanResult => ({
    violations,
    suppressed: [],
    errors: errors.map((file) => ({ file, message: 'Binary file (contains NUL bytes); not analysed.' })),
    skipped: [],
    filesScanned: scanned,
    filesParsed: parsed,
  });

  it('sorts violations as one scan would, keeps errors in listing order and adds the counts', () => {
    const root = '/project';
    const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((file) => path.join(root, file));
    const joined = joinResults([part([violation('c.ts', 2), violation('a.ts', 9)], ['c.ts'], 2, 2), part([violation('b.ts', 1), violation('a.ts', 3)], ['b.ts'], 2, 1)], files, root);
    expect(joined.violations.map((item) => `${item.file}:${item.line}`)).toEqual(['a.ts:3', 'a.ts:9', 'b.ts:1', 'c.ts:2']);
    expect(joined.errors.map((error) => error.file)).toEqual(['b.ts', 'c.ts']);
    expect(joined.filesScanned).toBe(4);
    expect(joined.filesParsed).toBe(3);
  });
});

describe('audit on worker threads (built CLI)', () => {
  let dir: string;
  beforeAll(() => {
    // Enough files that every thread gets some, with sites spread over them.
    const files: Record<string, string> = { ...PROJECT };
    for (let index = 0; index < 40; index++) {
      files[`src/generated-like/m${index}.ts`] =
        index % 3 === 0 ? `import jwt from 'jsonwebtoken';\nexport const f${index} = (t: string) => jwt.decode(t);\n` : `export const v${index} = new TextDecoder().decode(new Uint8Array(${index}));\n`;
    }
    files['src/generated-like/binary.ts'] = 'export const x = 1;\u0000\n';
    dir = writeTree(files);
  });
  afterAll(() => removeTree(dir));

  it('reports exactly what the sequential scan reports', () => {
    expect(fs.existsSync(BIN)).toBe(true);
    const sequential = runBin(dir, ['audit', '--format', 'json', '--concurrency', 'off']);
    const threaded = runBin(dir, ['audit', '--format', 'json', '--concurrency', '3']);
    expect(threaded.stderr).toBe(sequential.stderr);
    expect(threaded.code).toBe(sequential.code);
    expect(JSON.parse(threaded.stdout)).toEqual(JSON.parse(sequential.stdout));
    const report = JSON.parse(threaded.stdout);
    expect(report.violations.length).toBeGreaterThan(20);
    expect(report.errors).toHaveLength(1);
  });

  it('rejects a bad --concurrency with exit 2', () => {
    const result = runBin(dir, ['audit', '--concurrency', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--concurrency many');
  });
});
