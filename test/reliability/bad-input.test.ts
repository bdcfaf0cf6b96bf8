/**
 * Bad input: `jwt-ssot audit`, `jwt-ssot migrate` (dry run and --write) and the ESLint rules over a tree
 * holding what real repositories contain (see bad-tree.ts). Every command must finish, name each bad
 * file with a specific reason and no stack trace, still find the real sites in the rest, and migrate must
 * keep CRLF, BOM and Latin-1 bytes, leave bad files byte-identical and lose nothing.
 * JWT_SSOT_LONG_TESTS=1 adds the slow variants (the 3 MB bundle actually parsed, a 2 MB line).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationProject } from '../../packages/rewrite/index.js';
import { describeParseError, encodeSource, isBinary, readSourceFile } from '../../packages/cli/source-text.js';
import { analyzeFile, findingsFor, parseFile, readSettings, RULE_IDS } from '../../packages/engine/index.js';
import {
  buildBadTree,
  LATIN1_COMMENT,
  migratedRouteFile,
  minifiedBundle,
  routeFile,
  seededBytes,
  type BadTree,
} from './bad-tree.js';
import { chownTree, pickRunUser, runCli, STACK_TRACE, type CliRun, type RunUser } from './run-cli.js';

const LONG = process.env.JWT_SSOT_LONG_TESTS === '1';
const CLI_TEST_TIMEOUT = 300_000;

interface FileError {
  readonly file: string;
  readonly message: string;
}

/** sha256 of every regular file under `dir` (symlinks are not followed), by relative path. */
function checksums(dir: string): Map<string, string> {
  const sums = new Map<string, string>();
  const visit = (folder: string): void => {
    const rel = (full: string): string => path.relative(dir, full).split(path.sep).join('/');
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      sums.set(rel(folder), '(unreadable folder)');
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        let sum: string;
        try {
          sum = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
        } catch {
          sum = '(unreadable)';
        }
        sums.set(rel(full), sum);
      }
    }
  };
  visit(dir);
  return sums;
}

function errorsByFile(errors: readonly FileError[]): Record<string, string> {
  return Object.fromEntries(errors.map((error) => [error.file, error.message]));
}

function expectFinishedCleanly(run: CliRun): void {
  expect(run.signal, `killed by ${run.signal} (timeout?)\n${run.stderr}`).toBeNull();
  expect(run.stdout).not.toMatch(STACK_TRACE);
  expect(run.stderr).not.toMatch(STACK_TRACE);
}

describe('bad input: audit, migrate and the rules on a hostile tree', () => {
  let tree: BadTree;
  let user: RunUser;
  /** The bad files and the reason each must be reported with, for the user the CLI runs as. */
  let expectedErrors: Record<string, RegExp>;
  let expectedDirectSites: string[];
  let auditViolations: Array<{ file: string; line: number; column: number; rule: string }>;

  const restoreVanishing = (): void => {
    const file = path.join(tree.root, tree.vanishing);
    fs.writeFileSync(file, routeFile('readGone'));
    if (user.uid !== undefined) fs.chownSync(file, user.uid, user.gid!);
  };

  beforeAll(() => {
    tree = buildBadTree();
    user = pickRunUser();
    chownTree(path.dirname(tree.root), user);
    fs.chmodSync(path.join(tree.root, tree.unreadable), 0o000);
    fs.chmodSync(path.join(tree.root, tree.readOnlyDir), 0o555);
    fs.chmodSync(path.join(tree.root, tree.unreadableDir), 0o000);
    expectedErrors = { ...tree.badFiles };
    expectedDirectSites = [...tree.directSites];
    if (!user.permissionsEnforced) {
      // Root without a way to drop privileges reads mode-000 files: that one is an ordinary file then.
      delete expectedErrors[tree.unreadable];
      delete expectedErrors[tree.unreadableDir];
      expectedDirectSites.push(`${tree.unreadable}:4`, `${tree.unreadableDir}/hidden.ts:4`);
      expectedDirectSites.sort();
    }
  });

  afterAll(() => tree?.remove());

  it('counts its cases: every bad-input kind the issue lists is in the tree', () => {
    const kinds = [...Object.keys(tree.badFiles), ...Object.keys(tree.skipped)];
    // syntax error, random bytes (NUL), random bytes (no NUL), too deep, 3 MB bundle, vanished, unreadable
    // file, unreadable folder; symlink loop to an ancestor, self-link, symlink out of the project.
    expect(kinds).toHaveLength(11);
    for (const file of ['src/routes/crlf.ts', 'src/routes/bom.ts', 'src/routes/crlf-bom.ts', 'src/legacy/latin1.ts', 'src/data/long-line.ts', 'src/data/deep-ok.ts', 'src/empty.ts', 'src/blank.ts', 'src/types/jwt-extra.d.ts', tree.readOnlyDir]) {
      expect(fs.existsSync(path.join(tree.root, file)), file).toBe(true);
    }
    expect(fs.statSync(path.join(tree.root, 'public/vendor.min.js')).size).toBeGreaterThanOrEqual(3 * 1024 * 1024);
  });

  it(
    'audit --format json: finishes with exit 1, names every bad file with its reason, finds the sites in the rest',
    () => {
      restoreVanishing();
      const run = runCli(tree.root, ['audit', '--format', 'json'], user, tree.vanishing);
      expectFinishedCleanly(run);
      expect(run.code).toBe(1);
      // The hook really deleted the file between listing and reading.
      expect(fs.existsSync(path.join(tree.root, tree.vanishing))).toBe(false);
      const report = JSON.parse(run.stdout) as { errors: FileError[]; violations: typeof auditViolations; summary: { errors: number } };
      const errors = errorsByFile(report.errors);
      expect(Object.keys(errors).sort()).toEqual(Object.keys(expectedErrors).sort());
      for (const [file, reason] of Object.entries(expectedErrors)) expect(errors[file], file).toMatch(reason);
      expect(errors['src/broken/syntax.ts']).toBe("Parse error at 3:37: ',' expected.");
      expect(errors['public/vendor.min.js']).toMatch(/^File too large to analyse \(\d+ bytes > 2097152; raise --max-file-size\)\.$/);
      // Skipped paths are named, with the reason, on stderr (JSON stays machine-readable on stdout).
      for (const [file, reason] of Object.entries(tree.skipped)) {
        expect(run.stderr).toMatch(new RegExp(`Skipped ${file.replace(/[.]/g, '\\.')}: .*${reason.source}`, 'i'));
      }
      expect(run.stdout).not.toContain(tree.outside);
      auditViolations = report.violations;
      const direct = report.violations
        .filter((violation) => violation.rule === 'jwt-ssot/no-direct-verify' || violation.rule === 'jwt-ssot/no-direct-decode')
        .map((violation) => `${violation.file}:${violation.line}`);
      expect(direct).toEqual(expectedDirectSites);
      // Columns are right on a BOM file, a CRLF file and after a Latin-1 line.
      const columnOf = (file: string): number | undefined => report.violations.find((v) => v.file === file && v.rule === 'jwt-ssot/no-direct-verify')?.column;
      for (const file of ['src/routes/bom.ts', 'src/routes/crlf.ts', 'src/routes/crlf-bom.ts', 'src/legacy/latin1.ts']) expect(columnOf(file), file).toBe(10);
      // Nothing from outside the project, nothing from the skipped self-link.
      expect(report.violations.some((violation) => violation.file.includes('escape') || violation.file.includes('loop'))).toBe(false);
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    'audit --format text: the same errors, readable, no stack trace',
    () => {
      restoreVanishing();
      const run = runCli(tree.root, ['audit'], user, tree.vanishing);
      expectFinishedCleanly(run);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("Parse error at 3:37: ',' expected.");
      expect(run.stdout).toContain('expressions nested too deeply for the parser');
      expect(run.stdout).toContain('File vanished during the run');
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    'the ESLint rules: parse errors stay parse errors, deep nesting and odd encodings do not crash a rule, same sites as the audit',
    async () => {
      restoreVanishing();
      const readable = [
        'src/auth/jwt-handler.ts',
        'src/routes/users.ts',
        'src/routes/crlf.ts',
        'src/routes/bom.ts',
        'src/routes/crlf-bom.ts',
        'src/routes/decode.js',
        'src/legacy/latin1.ts',
        'src/data/long-line.ts',
        'src/data/deep-ok.ts',
        'src/readonly/locked.ts',
        'src/empty.ts',
        'src/blank.ts',
        'src/types/jwt-extra.d.ts',
        'src/broken/syntax.ts',
        'src/broken/too-deep.ts',
      ];
      const eslint = new ESLint({ cwd: tree.root });
      // A rule that throws makes lintFiles reject: reaching the assertions means no rule crashed.
      const results = await eslint.lintFiles(readable);
      const byFile = new Map(results.map((result) => [path.relative(tree.root, result.filePath).split(path.sep).join('/'), result.messages]));
      const syntax = byFile.get('src/broken/syntax.ts')!;
      expect(syntax).toEqual([expect.objectContaining({ fatal: true, ruleId: null, line: 3, message: expect.stringMatching(/^Parsing error: ',' expected/) })]);
      const deep = byFile.get('src/broken/too-deep.ts')!;
      expect(deep).toEqual([expect.objectContaining({ fatal: true, ruleId: null, message: expect.stringMatching(/^Parsing error: Maximum call stack size exceeded/) })]);
      const sites: string[] = [];
      for (const [file, messages] of byFile) {
        if (file.startsWith('src/broken/')) continue;
        for (const message of messages) {
          expect(message.fatal, `${file}: ${message.message}`).toBeFalsy();
          expect(message.ruleId, `${file}: ${message.message}`).toMatch(/^jwt-ssot\//);
          sites.push(`${file}:${message.line}:${message.column} ${message.ruleId}`);
        }
      }
      // Exactly what the audit reported on the same files.
      const linted = new Set(byFile.keys());
      const audited = auditViolations.filter((violation) => linted.has(violation.file)).map((v) => `${v.file}:${v.line}:${v.column} ${v.rule}`);
      expect(sites.sort()).toEqual(audited.sort());
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    'migrate --format json (dry run): exit 1, every bad file in errors with its reason, nothing written',
    () => {
      restoreVanishing();
      const before = checksums(tree.root);
      const run = runCli(tree.root, ['migrate', '--format', 'json', '--no-typecheck'], user, tree.vanishing);
      expectFinishedCleanly(run);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { errors: FileError[]; files: Array<{ file: string; status: string; reason?: string }>; summary: { written: boolean } };
      const errors = errorsByFile(report.errors);
      expect(Object.keys(errors).sort()).toEqual(Object.keys(expectedErrors).sort());
      for (const [file, reason] of Object.entries(expectedErrors)) expect(errors[file], file).toMatch(reason);
      expect(errors['src/broken/syntax.ts']).toBe("File left unchanged, cannot parse at 3:37: ',' expected.");
      expect(errors['public/vendor.min.js']).toMatch(/^File too large to migrate \(\d+ bytes > 2097152\)\.$/);
      const status = Object.fromEntries(report.files.map((file) => [file.file, file]));
      for (const [file, reason] of Object.entries(tree.skipped)) expect(status[file], file).toMatchObject({ status: 'skipped', reason: expect.stringMatching(reason) });
      expect(status['src/legacy/latin1.ts']).toMatchObject({ status: 'changed', reason: expect.stringMatching(/Latin-1/) });
      expect(report.summary.written).toBe(false);
      const after = checksums(tree.root);
      before.delete(tree.vanishing);
      expect(after).toEqual(before);
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    'migrate --write --force: keeps CRLF, BOM and Latin-1 bytes, refuses the read-only folder, leaves every other file byte-identical',
    () => {
      restoreVanishing();
      const before = checksums(tree.root);
      const beforeLongLine = fs.readFileSync(path.join(tree.root, 'src/data/long-line.ts'), 'utf8').split('\n')[1];
      const run = runCli(tree.root, ['migrate', '--format', 'json', '--no-typecheck', '--write', '--force'], user, tree.vanishing);
      expectFinishedCleanly(run);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { errors: FileError[]; files: Array<{ file: string; status: string }>; summary: { written: boolean } };
      expect(report.summary.written).toBe(true);
      const errors = errorsByFile(report.errors);
      const expectWriteRefused = user.permissionsEnforced;
      const expectedErrorFiles = [...Object.keys(expectedErrors), ...(expectWriteRefused ? [`${tree.readOnlyDir}/locked.ts`] : [])].sort();
      expect(Object.keys(errors).sort()).toEqual(expectedErrorFiles);
      if (expectWriteRefused) {
        expect(errors['src/readonly/locked.ts']).toBe('Permission denied: cannot write the file or its folder (EACCES: read-only?); file left unchanged.');
        // No temporary file left behind in the folder it could not write.
        expect(fs.readdirSync(path.join(tree.root, tree.readOnlyDir))).toEqual(['locked.ts']);
      }

      const read = (file: string): Buffer => fs.readFileSync(path.join(tree.root, file));
      const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
      expect(read('src/routes/users.ts').toString('utf8')).toBe(migratedRouteFile('readUser'));
      expect(read('src/routes/crlf.ts').toString('utf8')).toBe(migratedRouteFile('readCrlf', '\r\n'));
      expect(read('src/routes/bom.ts').subarray(0, 3)).toEqual(BOM);
      expect(read('src/routes/bom.ts').toString('utf8')).toBe(`\uFEFF${migratedRouteFile('readBom')}`);
      expect(read('src/routes/crlf-bom.ts').toString('utf8')).toBe(`\uFEFF${migratedRouteFile('readBoth', '\r\n')}`);
      // Latin-1 stays Latin-1: the é and © bytes are where they were, and the file is still not UTF-8.
      expect(read('src/legacy/latin1.ts')).toEqual(Buffer.concat([LATIN1_COMMENT, Buffer.from(migratedRouteFile('readLegacy'), 'latin1')]));
      // The follow-up marker goes above the site; the 200 kB line is untouched (the import above it is marked too).
      const longLine = read('src/data/long-line.ts').toString('utf8');
      expect(longLine.split('\n')).toContain(beforeLongLine);
      expect(longLine).toContain('// TODO(jwt-ssot): ');

      const after = checksums(tree.root);
      const changed = new Set(report.files.filter((file) => file.status === 'changed').map((file) => file.file));
      expect([...changed].sort()).toEqual(
        [
          'src/data/deep-ok.ts',
          'src/data/long-line.ts',
          'src/legacy/latin1.ts',
          ...(expectWriteRefused ? [] : ['src/readonly/locked.ts']),
          'src/routes/bom.ts',
          'src/routes/crlf-bom.ts',
          'src/routes/crlf.ts',
          'src/routes/decode.js',
          'src/routes/users.ts',
          ...(user.permissionsEnforced ? [] : [tree.unreadable, `${tree.unreadableDir}/hidden.ts`]),
        ].sort(),
      );
      // Loses nothing: every file it did not migrate (bad files included) is byte-identical.
      before.delete(tree.vanishing);
      for (const [file, sum] of before) {
        if (!changed.has(file)) expect(after.get(file), file).toBe(sum);
      }
      expect([...after.keys()].filter((file) => !before.has(file))).toEqual([]);
      // Every written file parses.
      for (const file of changed) {
        const bytes = read(file);
        const text = file === 'src/legacy/latin1.ts' ? bytes.toString('latin1') : bytes.toString('utf8').replace(/^\uFEFF/, '');
        expect(() => parseFile(path.join(tree.root, file), text), file).not.toThrow();
      }
      // A second run finds nothing more to change.
      const again = runCli(tree.root, ['migrate', '--format', 'json', '--no-typecheck'], user);
      expectFinishedCleanly(again);
      const second = JSON.parse(again.stdout) as { files: Array<{ file: string; status: string }> };
      expect(second.files.filter((file) => file.status === 'changed').map((file) => file.file)).toEqual(expectWriteRefused ? ['src/readonly/locked.ts'] : []);
    },
    CLI_TEST_TIMEOUT,
  );
});

describe('the 3 MB minified bundle, parsed (raised --max-file-size)', () => {
  // The full 3 MB parse takes tens of seconds on a loaded machine: the default run uses a 256 kB bundle
  // of the same shape, JWT_SSOT_LONG_TESTS=1 the real size plus a 1.5 MB single line.
  const bundleBytes = LONG ? 3 * 1024 * 1024 : 256 * 1024;
  let dir: string;
  beforeAll(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-bundle-')));
    fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), `export default [{ settings: { 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } } } } }];\n`);
    fs.mkdirSync(path.join(dir, 'public'));
    // The canonical module the settings name: the audit checks it exists before it scans.
    fs.mkdirSync(path.join(dir, 'src/auth'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src/auth/jwt-handler.ts'), 'export const validateToken = (token: string): string => token;\n');
    fs.writeFileSync(path.join(dir, 'public/vendor.min.js'), minifiedBundle(bundleBytes).text);
    if (LONG) {
      const table = Array.from({ length: 1_500_000 / 8 }, (_, i) => i).join(', ');
      fs.writeFileSync(path.join(dir, 'public/long-line.js'), `const jwt = require('jsonwebtoken');\nconst TABLE = [${table}];\njwt.verify(t, k);\n`);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    'finds the one site on line 1 at its column',
    () => {
      const run = runCli(dir, ['audit', '--format', 'json', '--max-file-size', '4m'], { permissionsEnforced: false });
      expectFinishedCleanly(run);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { errors: FileError[]; violations: Array<{ file: string; line: number; column: number; rule: string }> };
      expect(report.errors).toEqual([]);
      const column = minifiedBundle(bundleBytes).column + 'function check(t){return '.length;
      const sites = report.violations.filter((violation) => violation.rule === 'jwt-ssot/no-direct-verify').map((v) => `${v.file}:${v.line}:${v.column}`);
      expect(sites).toEqual([...(LONG ? ['public/long-line.js:3:1'] : []), `public/vendor.min.js:1:${column}`]);
    },
    CLI_TEST_TIMEOUT * 2,
  );
});

/** Shapes of nesting, each holding one verify site (line 3) at the innermost level. */
const NESTING: Record<string, (depth: number, site: string) => string> = {
  parentheses: (n, site) => `${'('.repeat(n)}${site}${')'.repeat(n)}`,
  arrays: (n, site) => `${'['.repeat(n)}${site}${']'.repeat(n)}`,
  objects: (n, site) => `${'{ a: '.repeat(n)}${site}${' }'.repeat(n)}`,
  calls: (n, site) => `${'f('.repeat(n)}${site}${')'.repeat(n)}`,
  'binary chain': (n, site) => `${'a + '.repeat(n)}${site}`,
  'logical chain': (n, site) => `${'c && '.repeat(n)}${site}`,
  conditionals: (n, site) => `${'c ? 1 : '.repeat(n)}${site}`,
  arrows: (n, site) => `${'() => '.repeat(n)}${site}`,
  awaits: (n, site) => `${'await '.repeat(n)}${site}`,
  'member chain': (n, site) => `${site}${'.a'.repeat(n)}`,
  'promise chain': (n, site) => `${site}${'.then((x) => x)'.repeat(n)}`,
  functions: (n, site) => `${'(function () { return '.repeat(n)}${site}${' })()'.repeat(n)}`,
  templates: (n, site) => `${'`${'.repeat(n)}${site}${'}`'.repeat(n)}`,
  // The engine's own recursions: a long token path (fallback pairing) and a hand-rolled decode.
  'token path': (n) => `(async () => { try { return jwt.verify(req${'.a'.repeat(n)}, k); } catch { return jwt.decode(req${'.a'.repeat(n)}); } })()`,
  'hand-rolled decode': (n) => `JSON.parse(atob(token.split('.')[1]${" + ''".repeat(n)}))`,
};

function nestedProgram(shape: string, depth: number): string {
  return `import jwt from 'jsonwebtoken';\nexport const run = async (t: string, k: string, c: boolean, f: (x: unknown) => unknown, a: string, req: any, token: string) =>\n  ${NESTING[shape]!(depth, "jwt.verify(t, k)")};\n`;
}

describe('deep nesting: whatever the parser accepts, the engine and migrate walk without running out of stack', () => {
  const settings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } } } }, os.tmpdir());
  const file = path.join(os.tmpdir(), 'jwt-ssot-deep.ts');
  const parses = (text: string): boolean => {
    try {
      parseFile(file, text);
      return true;
    } catch {
      return false;
    }
  };
  const limits = new Map<string, number>();
  /**
   * The deepest nesting of `shape` the parser accepts here (it gives up below 1,000 levels). The limit
   * moves a little as the JIT optimises the parser, so tests stay at 90% of it.
   */
  const deepest = (shape: string): number => {
    const known = limits.get(shape);
    if (known !== undefined) return known;
    let low = 1;
    let high = 4096;
    expect(parses(nestedProgram(shape, low)), `${shape} at depth 1`).toBe(true);
    if (parses(nestedProgram(shape, high))) low = high;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (parses(nestedProgram(shape, middle))) low = middle;
      else high = middle;
    }
    let depth = Math.floor(low * 0.9);
    while (!parses(nestedProgram(shape, depth))) depth = Math.floor(depth * 0.9);
    limits.set(shape, depth);
    return depth;
  };

  it.each(Object.keys(NESTING))('%s', (shape) => {
    const depth = deepest(shape);
    expect(depth).toBeGreaterThanOrEqual(100);
    const text = nestedProgram(shape, depth);
    const { ast, scopeManager } = parseFile(file, text);
    const analysis = analyzeFile({ ast, scopeManager, filename: file, text, settings });
    const reported = RULE_IDS.flatMap((id) => findingsFor(id, analysis, settings)).map((finding) => `${finding.rule}:${finding.node.loc.start.line}`);
    expect(reported).toContain('no-auth-import-bypass:1');
    if (shape === 'hand-rolled decode') expect(reported).toContain('no-direct-decode:3');
    else expect(reported).toContain('no-direct-verify:3');
    // Far deeper, the parser gives up; the CLIs say so in words.
    let failure: unknown;
    try {
      parseFile(file, nestedProgram(shape, 20_000));
    } catch (error) {
      failure = error;
    }
    expect(describeParseError(failure)).toBe('Parse error: expressions nested too deeply for the parser (it ran out of stack).');
  });

  it('migrate rewrites a site at the deepest parseable nesting, or reports it, without a stack overflow', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-deep-migrate-')));
    try {
      fs.mkdirSync(path.join(dir, 'src/auth'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src/auth/jwt-handler.ts'), "import jwt from 'jsonwebtoken';\nexport function validateToken(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET ?? '');\n}\n");
      const projectSettings = readSettings({ 'jwt-ssot': { canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken' } } } }, dir);
      const project = new MigrationProject(projectSettings);
      for (const shape of ['parentheses', 'promise chain']) {
        const depth = deepest(shape);
        const target = path.join(dir, 'src/deep.ts');
        const text = nestedProgram(shape, depth).replace('jwt.verify(t, k)', "jwt.verify(t, process.env.JWT_SECRET ?? '')");
        let result: ReturnType<MigrationProject['migrate']> | undefined;
        try {
          result = project.migrate(target, text);
        } catch (error) {
          // Acceptable only as a parse error the CLI turns into words, never a raw RangeError.
          expect(error, shape).not.toBeInstanceOf(RangeError);
          expect(describeParseError(error), shape).toMatch(/^Parse error/);
          continue;
        }
        expect(result.changed, shape).toBe(true);
        expect(result.text, shape).toContain('validateToken(t)');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('policies, in isolation', () => {
  it('tells binary from text: NUL bytes, or control bytes in text that is not UTF-8', () => {
    expect(isBinary(Buffer.from('const a = 1;\0'), true)).toBe(true);
    expect(isBinary(Buffer.from(seededBytes(4096, 3).map((byte) => byte || 1)), false)).toBe(true);
    expect(isBinary(Buffer.from('// caf\u00e9\nconst a = 1;\r\n\tconst b = "\u001b[1m";\f\n', 'latin1'), false)).toBe(false);
    expect(isBinary(Buffer.from('const bell = "\u0007";'), true)).toBe(false);
  });

  it('reads text that is not UTF-8 as Latin-1 and refuses to write a character Latin-1 cannot hold', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssot-latin1-')));
    try {
      const file = path.join(dir, 'a.ts');
      fs.writeFileSync(file, Buffer.from('// \u00e9t\u00e9\nx;\n', 'latin1'));
      const read = readSourceFile(file, 1024);
      expect(read).toEqual({ ok: true, source: { text: '// \u00e9t\u00e9\nx;\n', encoding: 'latin1', size: 10 } });
      expect(encodeSource('// \u00e9t\u00e9\ny;\n', 'latin1')).toEqual(Buffer.from('// \u00e9t\u00e9\ny;\n', 'latin1'));
      expect(() => encodeSource('// \u20ac\n', 'latin1')).toThrow('The file is Latin-1 and the new text needs a character it cannot hold (U+20AC); file left unchanged.');
      expect(readSourceFile(file, 4)).toEqual({ ok: false, message: 'File too large to analyse (10 bytes > 4; raise --max-file-size).' });
      expect(readSourceFile(path.join(dir, 'gone.ts'), 1024)).toEqual({
        ok: false,
        message: 'File vanished during the run (deleted or moved after it was listed); not processed.',
      });
      expect(readSourceFile(dir, 1 << 20)).toEqual({ ok: false, message: 'Is a folder, not a file.' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
