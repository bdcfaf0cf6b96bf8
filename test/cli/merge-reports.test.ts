import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { runAudit } from '../../packages/cli/commands/audit.js';
import { mergeJsonReports, mergeSarifLogs, readReport, runMergeReports } from '../../packages/cli/commands/merge-reports.js';
import { removeTree, runInProcess, writeTree } from './helpers.js';
import { PROJECT } from './project.js';

let folder: string;

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-merge-'));
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function capture(): { io: Parameters<typeof runMergeReports>[1] & object; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    io: { cwd: folder, env: {}, stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) } },
    stdout: () => out,
    stderr: () => err,
  };
}

function write(name: string, value: unknown): string {
  fs.writeFileSync(path.join(folder, name), typeof value === 'string' ? value : JSON.stringify(value));
  return name;
}

const violation = (file: string, line: number, rule: string, library: string) => ({
  file,
  line,
  column: 3,
  endLine: line,
  endColumn: 20,
  rule: `jwt-ssot/${rule}`,
  library,
  api: 'verify',
  kind: 'verify' as const,
  message: `Message for ${file}:${line}.`,
  replacement: 'validateToken()',
});

const shard1 = {
  version: '0.1.0',
  violations: [violation('src/b.ts', 4, 'no-direct-verify', 'jsonwebtoken'), violation('src/b.ts', 1, 'no-auth-import-bypass', 'jsonwebtoken')],
  errors: [{ file: 'src/broken.ts', message: 'Parse error at 1:5: Expression expected.' }],
  suppressed: [],
  summary: { filesScanned: 10, filesParsed: 3, violations: 2, suppressed: 0, errors: 1, byRule: {}, byLibrary: {} },
};
const shard2 = {
  version: '0.1.0',
  violations: [violation('src/a.ts', 9, 'no-direct-decode', 'jwt-decode')],
  errors: [],
  suppressed: [{ ...violation('src/c.ts', 2, 'no-direct-verify', 'jose'), directive: 'eslint-disable-next-line', directiveLine: 1, justification: null }],
  summary: { filesScanned: 12, filesParsed: 4, violations: 1, suppressed: 1, errors: 0, byRule: {}, byLibrary: {} },
};

describe('merge-reports: JSON', () => {
  it('concatenates violations, errors and suppressed sites, sorted, and recomputes the summary', async () => {
    const { io, stdout, stderr } = capture();
    const code = await runMergeReports([write('1.json', shard1), write('2.json', shard2)], io);
    expect(stderr()).toBe('');
    expect(code).toBe(1);
    const merged = JSON.parse(stdout());
    expect(merged.violations.map((v: { file: string; line: number }) => `${v.file}:${v.line}`)).toEqual(['src/a.ts:9', 'src/b.ts:1', 'src/b.ts:4']);
    expect(merged.errors).toEqual(shard1.errors);
    expect(merged.suppressed).toHaveLength(1);
    expect(merged.summary).toEqual({
      filesScanned: 22,
      filesParsed: 7,
      violations: 3,
      warnings: 0,
      suppressed: 1,
      errors: 1,
      byRule: { 'jwt-ssot/no-auth-import-bypass': 1, 'jwt-ssot/no-direct-decode': 1, 'jwt-ssot/no-direct-verify': 1 },
      byLibrary: { 'jsonwebtoken': 2, 'jwt-decode': 1 },
      reports: 2,
    });
    expect(merged.version).toBe('0.1.0');
  });

  it('drops exact duplicates when the same report is given twice', () => {
    const merged = mergeJsonReports([shard1, shard1]);
    expect(merged.violations).toHaveLength(2);
    expect(merged.errors).toHaveLength(1);
    expect(merged.summary.violations).toBe(2);
  });

  it('exits 0 when the merged report is clean and writes --output atomically', async () => {
    const clean = { ...shard2, violations: [], suppressed: [] };
    const { io, stdout } = capture();
    const code = await runMergeReports([write('1.json', clean), write('2.json', clean), '--output', 'out/merged.json'], io);
    expect(code).toBe(0);
    expect(stdout()).toBe('');
    const merged = JSON.parse(fs.readFileSync(path.join(folder, 'out/merged.json'), 'utf8'));
    expect(merged.summary.filesScanned).toBe(24);
    expect(fs.readdirSync(path.join(folder, 'out'))).toEqual(['merged.json']);
  });

  it('gates on new findings only when the shards ran with a baseline; fixed = fixed in every shard', () => {
    const fixedA = { file: 'src/a.ts', rule: 'jwt-ssot/no-direct-verify', api: 'verify', line: 3 };
    const fixedB = { file: 'src/z.ts', rule: 'jwt-ssot/no-direct-decode', api: 'decode', line: 8 };
    const one = { ...shard1, baseline: { file: '.jwt-ssot-baseline.json', new: [], fixed: [fixedA, fixedB], known: 2 } };
    const two = { ...shard2, baseline: { file: '.jwt-ssot-baseline.json', new: [shard2.violations[0]!], fixed: [fixedB], known: 0 } };
    const merged = mergeJsonReports([one, two]) as ReturnType<typeof mergeJsonReports> & { baseline: { new: unknown[]; fixed: unknown[]; known: number } };
    expect(merged.baseline.new).toHaveLength(1);
    expect(merged.baseline.fixed).toEqual([fixedB]);
    expect(merged.baseline.known).toBe(2);
    expect(() => mergeJsonReports([one, shard2])).toThrow('--baseline');
  });

  it('joins impact entries by file', () => {
    const merged = mergeJsonReports([
      { ...shard1, impact: [{ file: 'src/b.ts', tests: ['test/b.test.ts'] }] },
      { ...shard2, impact: [{ file: 'src/b.ts', tests: ['test/a.test.ts', 'test/b.test.ts'] }, { file: 'src/a.ts', tests: [] }] },
    ]) as { impact?: unknown };
    expect(merged.impact).toEqual([
      { file: 'src/a.ts', tests: [] },
      { file: 'src/b.ts', tests: ['test/a.test.ts', 'test/b.test.ts'] },
    ]);
  });
});

function sarif(rules: string[], results: Array<{ rule: string; uri: string; level?: 'error' | 'note' }>, withArtifacts = true): Log {
  const uris = [...new Set(results.map((result) => result.uri))];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'jwt-ssot', version: '0.1.0', rules: rules.map((id) => ({ id, shortDescription: { text: id } })) } },
        ...(withArtifacts ? { artifacts: uris.map((uri) => ({ location: { uri } })) } : {}),
        results: results.map((result) => ({
          ruleId: result.rule,
          ruleIndex: rules.indexOf(result.rule),
          level: result.level ?? 'error',
          message: { text: `${result.rule} in ${result.uri}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: result.uri, ...(withArtifacts ? { index: uris.indexOf(result.uri) } : {}) }, region: { startLine: 1 } } }],
        })),
      },
    ],
  };
}

describe('merge-reports: SARIF', () => {
  it('merges the runs of one tool into one run, remapping rule and artifact indexes', () => {
    const merged = mergeSarifLogs([
      sarif(['jwt-ssot/no-direct-verify', 'jwt-ssot/no-direct-decode'], [{ rule: 'jwt-ssot/no-direct-decode', uri: 'src/a.ts' }]),
      sarif(['jwt-ssot/no-direct-decode', 'jwt-ssot/no-jwt-secret-access'], [
        { rule: 'jwt-ssot/no-jwt-secret-access', uri: 'src/b.ts' },
        { rule: 'jwt-ssot/no-direct-decode', uri: 'src/a.ts' },
      ]),
    ]);
    expect(merged.version).toBe('2.1.0');
    expect(merged.runs).toHaveLength(1);
    const run = merged.runs[0]!;
    const ruleIds = run.tool.driver.rules!.map((rule) => rule.id);
    expect(ruleIds).toEqual(['jwt-ssot/no-direct-verify', 'jwt-ssot/no-direct-decode', 'jwt-ssot/no-jwt-secret-access']);
    expect(run.results).toHaveLength(3);
    for (const result of run.results!) {
      expect(ruleIds[result.ruleIndex!]).toBe(result.ruleId);
      const location = result.locations![0]!.physicalLocation!.artifactLocation!;
      expect(run.artifacts![location.index!]!.location!.uri).toBe(location.uri);
    }
    expect(run.artifacts!.map((artifact) => artifact.location!.uri)).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('keeps runs of different tools apart', () => {
    const other = sarif(['x'], [{ rule: 'x', uri: 'src/x.ts' }]);
    other.runs[0]!.tool.driver.name = 'other-tool';
    const merged = mergeSarifLogs([sarif(['r'], []), other, sarif(['r'], [{ rule: 'r', uri: 'src/r.ts' }])]);
    expect(merged.runs.map((run) => run.tool.driver.name)).toEqual(['jwt-ssot', 'other-tool']);
    expect(merged.runs[0]!.results).toHaveLength(1);
  });

  it('exits 1 on error-level results, 0 when only notes remain', async () => {
    const failing = capture();
    expect(await runMergeReports([write('a.sarif', sarif(['r'], [{ rule: 'r', uri: 'a.ts' }])), write('b.sarif', sarif(['r'], []))], failing.io)).toBe(1);
    expect(JSON.parse(failing.stdout()).runs[0].results).toHaveLength(1);
    const passing = capture();
    expect(await runMergeReports([write('c.sarif', sarif(['r'], [{ rule: 'r', uri: 'a.ts', level: 'note' }], false)), '--format', 'sarif'], passing.io)).toBe(0);
  });
});

describe('merge-reports: usage', () => {
  it.each([
    [[], 'Give the report files'],
    [['missing.json'], 'missing.json: cannot read (ENOENT)'],
    [['--format', 'markdown', 'x.json'], '--format markdown: expected json or sarif'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j exits 2 with a clear message', async (argv, message) => {
    const { io, stderr } = capture();
    expect(await runMergeReports(argv, io)).toBe(2);
    expect(stderr()).toContain(message);
  });

  it('refuses to mix JSON and SARIF, and to convert between them', async () => {
    const json = write('r.json', shard1);
    const log = write('r.sarif', sarif(['r'], []));
    const mixed = capture();
    expect(await runMergeReports([json, log], mixed.io)).toBe(2);
    expect(mixed.stderr()).toContain('Cannot merge JSON reports with SARIF logs');
    const convert = capture();
    expect(await runMergeReports([json, '--format', 'sarif'], convert.io)).toBe(2);
    expect(convert.stderr()).toContain('does not convert');
  });

  it('names the file that is not a report', () => {
    expect(() => readReport('notes.txt', 'hello')).toThrow('notes.txt: not JSON');
    expect(() => readReport('other.json', '{"results": []}')).toThrow('other.json: neither a jwt-ssot JSON report');
    expect(readReport('bom.json', `\ufeff${JSON.stringify(shard1)}`).format).toBe('json');
    expect(() => readReport('null-entry.json', JSON.stringify({ ...shard1, violations: [null] }))).toThrow(
      'null-entry.json: not a well-formed jwt-ssot JSON report (violations[0]: expected an object, got null).',
    );
    expect(() => readReport('lots.json', JSON.stringify({ ...shard1, summary: { ...shard1.summary, filesScanned: 'lots' } }))).toThrow(
      'lots.json: not a well-formed jwt-ssot JSON report (summary.filesScanned: expected a whole number ≥ 0, got the string "lots").',
    );
    expect(() => readReport('no-file.json', JSON.stringify({ ...shard1, errors: [{ message: 'x' }] }))).toThrow('(errors[0].file: expected a string, got nothing');
    expect(() => readReport('run.sarif', JSON.stringify({ version: '2.1.0', runs: [null] }))).toThrow('run.sarif: not a well-formed SARIF log (runs[0]: expected an object, got null).');
  });

  it('prints help', async () => {
    const { io, stdout } = capture();
    expect(await runMergeReports(['--help'], io)).toBe(0);
    expect(stdout()).toContain('Usage: jwt-ssot merge-reports');
  });
});

describe('audit --shard i/n with merge-reports (end to end)', () => {
  // The audit's own fixture project, split three ways: the merged shards must equal one full audit.
  let dir: string;
  beforeAll(() => {
    dir = writeTree(PROJECT);
  });
  afterAll(() => removeTree(dir));

  it('JSON: the shards are disjoint and their merge equals the unsharded report', async () => {
    const full = await runInProcess(runAudit, dir, ['--format', 'json']);
    const fullReport = JSON.parse(full.stdout);
    expect(fullReport.violations.length).toBeGreaterThan(2);
    const shardFiles: string[] = [];
    const scanned: number[] = [];
    for (const index of [1, 2, 3]) {
      const file = path.join(dir, `shard-${index}.json`);
      const result = await runInProcess(runAudit, dir, ['--format', 'json', '--shard', `${index}/3`, '--output', file]);
      expect([0, 1]).toContain(result.code);
      scanned.push(JSON.parse(fs.readFileSync(file, 'utf8')).summary.filesScanned);
      shardFiles.push(file);
    }
    expect(scanned.reduce((a, b) => a + b, 0)).toBe(fullReport.summary.filesScanned);
    expect(scanned.filter((count) => count > 0).length).toBeGreaterThan(1);
    const merged = await runInProcess(runMergeReports, dir, shardFiles);
    expect(merged.code).toBe(full.code);
    const mergedReport = JSON.parse(merged.stdout);
    expect(mergedReport.violations).toEqual(fullReport.violations);
    expect(mergedReport.suppressed).toEqual(fullReport.suppressed);
    expect(mergedReport.errors).toEqual(fullReport.errors);
    const { reports, ...summary } = mergedReport.summary;
    expect(reports).toBe(3);
    expect(summary).toEqual(fullReport.summary);
  });

  it('SARIF: the merged log has one run with every result of the unsharded log', async () => {
    const full = JSON.parse((await runInProcess(runAudit, dir, ['--format', 'sarif'])).stdout) as Log;
    const files: string[] = [];
    for (const index of [1, 2]) {
      const file = path.join(dir, `shard-${index}.sarif`);
      await runInProcess(runAudit, dir, ['--format', 'sarif', '--shard', `${index}/2`, '--output', file]);
      files.push(file);
    }
    const merged = JSON.parse((await runInProcess(runMergeReports, dir, files)).stdout) as Log;
    expect(merged.runs).toHaveLength(1);
    const key = (result: NonNullable<Log['runs'][number]['results']>[number]): string =>
      `${result.ruleId} ${result.locations?.[0]?.physicalLocation?.artifactLocation?.uri}:${result.locations?.[0]?.physicalLocation?.region?.startLine}`;
    expect(merged.runs[0]!.results!.map(key).sort()).toEqual(full.runs[0]!.results!.map(key).sort());
    expect(merged.runs[0]!.tool.driver.rules!.map((rule) => rule.id)).toEqual(full.runs[0]!.tool.driver.rules!.map((rule) => rule.id));
  });

  it('refuses (exit 2) a set of shards that is incomplete, duplicated, mixed, or from another tree', async () => {
    const shard = async (spec: string, name: string, format = 'json'): Promise<string> => {
      const file = path.join(dir, name);
      const result = await runInProcess(runAudit, dir, ['--format', format, '--shard', spec, '--output', file]);
      expect([0, 1]).toContain(result.code);
      return file;
    };
    const [one, two, three] = [await shard('1/3', 'c1.json'), await shard('2/3', 'c2.json'), await shard('3/3', 'c3.json')];
    expect(JSON.parse(fs.readFileSync(one, 'utf8')).shard).toMatchObject({ index: 1, count: 3, fileCount: expect.any(Number) });
    const refused = async (files: string[], ...reasons: string[]): Promise<void> => {
      const result = await runInProcess(runMergeReports, dir, files);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      for (const reason of reasons) expect(result.stderr).toContain(reason);
    };
    await refused([one], 'missing shards 2/3, 3/3: their files were not audited');
    await refused([one, one, one], 'shard 1/3 is given 3 times', 'missing shards 2/3, 3/3');
    await refused([one, two, three, await shard('1/2', 'h1.json')], 'is shard 1/2, but');
    const unsharded = path.join(dir, 'full.json');
    await runInProcess(runAudit, dir, ['--format', 'json', '--output', unsharded]);
    await refused([one, two, three, unsharded], 'full.json is not a --shard report');
    fs.writeFileSync(path.join(dir, 'src', 'added-later.ts'), 'export const later = 1;\n');
    try {
      await refused([one, two, await shard('3/3', 'c3-later.json')], 'split another file list');
    } finally {
      fs.rmSync(path.join(dir, 'src', 'added-later.ts'));
    }
    await refused([await shard('1/2', 's1.sarif', 'sarif')], 'missing shard 2/2');
    const complete = await runInProcess(runMergeReports, dir, [three, one, two]);
    expect([0, 1]).toContain(complete.code);
    expect(JSON.parse(complete.stdout).shard).toBeUndefined();
    const sarif = await runInProcess(runMergeReports, dir, [await shard('1/2', 's1.sarif', 'sarif'), await shard('2/2', 's2.sarif', 'sarif')]);
    expect((JSON.parse(sarif.stdout) as Log).runs[0]!.properties?.jwtSsotShard).toBeUndefined();
  });

  it('refuses --update-baseline with --shard (a baseline must cover the whole tree)', async () => {
    const result = await runInProcess(runAudit, dir, ['--shard', '1/2', '--update-baseline']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--update-baseline cannot be combined with --shard');
  });

  it.each(['0/3', '4/3', 'half'])('rejects --shard %s with exit 2', async (value) => {
    const result = await runInProcess(runAudit, dir, ['--format', 'json', '--shard', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--shard ${value}`);
  });
});
