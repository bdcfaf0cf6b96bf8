/**
 * The SSOT map (issue 15): every picture is parsed by Mermaid's own parser (jsdom as the DOM), and its
 * nodes and edges are checked against the audit's findings, the imports of the canonical module and,
 * with --impact, the tests that cover each file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../packages/cli/commands/audit.js';
import { MAP_NODE_LIMIT } from '../../packages/cli/audit/ssot-map.js';
import { REPO, removeTree, runInProcess, settingsConfig, writeTree } from './helpers.js';
import { parseFlowchart, type ParsedFlowchart } from './mermaid.js';
import { SETTINGS } from './project.js';

interface JsonReport {
  violations: Array<{ file: string; kind: string }>;
  impact?: Array<{ file: string; tests: string[] }>;
}

const EXAMPLE = path.join(REPO, 'packages/golden-path-example');
const CANONICAL_FILE = 'src/auth/jwt-handler.ts';
const CANONICAL = `import jwt from 'jsonwebtoken';\nexport const validateToken = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);\nexport const decodeToken = (token: string) => jwt.decode(token);\n`;
const OWN_VERIFY = `import jwt from 'jsonwebtoken';\nexport const user = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);\n`;
const THROUGH_CANONICAL = `import { validateToken } from '../auth/jwt-handler.js';\nexport const user = (token: string) => validateToken(token);\n`;

/** The path a vertex stands for: the first line of its label. */
const pathOf = (chart: ParsedFlowchart, id: string): string => chart.vertices.find((vertex) => vertex.id === id)!.text.split('<br>')[0]!;
const withClass = (chart: ParsedFlowchart, name: string): string[] => chart.vertices.filter((vertex) => vertex.classes.includes(name)).map((vertex) => pathOf(chart, vertex.id)).sort();
/** What an edge stands for: 1, or the number its label gives between folder nodes. */
const weight = (text: string): number => Number(/^(\d+) /.exec(text)?.[1] ?? 1);
/** The sum of `words N` over every label. */
const labelSum = (chart: ParsedFlowchart, words: string): number =>
  chart.vertices.reduce((sum, vertex) => sum + Number(new RegExp(`(?:^|<br>| · )${words} (\\d+)`).exec(vertex.text)?.[1] ?? 0), 0);

async function audit(dir: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return runInProcess(runAudit, dir, args);
}

describe('SSOT map: the golden-path example', { timeout: 120_000 }, () => {
  let chart: ParsedFlowchart;
  let mermaid: string;
  let report: JsonReport;
  beforeAll(async () => {
    mermaid = (await audit(EXAMPLE, ['--format', 'mermaid'])).stdout;
    chart = await parseFlowchart(mermaid);
    report = JSON.parse((await audit(EXAMPLE, ['--format', 'json'])).stdout) as JsonReport;
  });

  it('draws the canonical module, each file with findings and each importer, with an edge per import', () => {
    const sources = fs.readdirSync(path.join(EXAMPLE, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const importers = sources
      .filter((file) => /from '(?:\.\.?\/)+(?:auth_service\/)?jwt-handler\.js'/.test(fs.readFileSync(path.join(EXAMPLE, 'src', file), 'utf8')))
      .map((file) => `src/${file.split(path.sep).join('/')}`)
      .filter((file) => file !== 'src/auth_service/jwt-handler.ts');
    const withFindings = new Set(report.violations.map((violation) => violation.file));
    expect(withFindings.size).toBe(3);
    expect(chart.vertices).toHaveLength(1 + new Set([...withFindings, ...importers]).size);
    expect(pathOf(chart, 'n0')).toBe('src/auth_service/jwt-handler.ts');
    expect(chart.edges.map((edge) => `${pathOf(chart, edge.start)} -> ${pathOf(chart, edge.end)}`).sort()).toEqual(
      importers.map((file) => `${file} -> src/auth_service/jwt-handler.ts`).sort(),
    );
  });

  it('marks the duplicate validators and the fallback decode, and counts findings by kind', () => {
    expect(withClass(chart, 'canonical')).toEqual(['src/auth_service/jwt-handler.ts']);
    expect(withClass(chart, 'ownVerify')).toEqual(['src/auth_integration/auth.ts', 'src/websocket_core/unified-websocket-auth.ts']);
    expect(withClass(chart, 'fallback')).toEqual(['src/websocket_core/user-context-extractor.ts']);
    for (const [kind, words] of [['verify', 'verify'], ['decode', 'decode'], ['secret', 'secret'], ['import', 'bypass import'], ['unsafe-options', 'unsafe options']] as const) {
      expect(labelSum(chart, words)).toBe(report.violations.filter((violation) => violation.kind === kind).length);
    }
    expect(labelSum(chart, 'fallback decode')).toBe(1);
  });

  it('the markdown report opens with the same diagram, fenced, and a legend', async () => {
    const markdown = (await audit(EXAMPLE, ['--format', 'markdown'])).stdout;
    expect(markdown.startsWith(`## JWT single-source-of-truth audit\n\n\`\`\`mermaid\n${mermaid}\`\`\`\n\n_Amber: validates tokens on its own`)).toBe(true);
    expect(markdown).toContain('| Site | What it does | Canonical replacement | Rule |');
  });

  it('dot draws the same nodes, edges and warnings', async () => {
    const dot = (await audit(EXAMPLE, ['--format', 'dot'])).stdout;
    const nodes = dot.split('\n').filter((line) => /^ {2}n\d+ \[label="/.test(line));
    const edges = dot.split('\n').filter((line) => /^ {2}n\d+ -> n\d+/.test(line));
    expect(dot.startsWith('digraph ssot {\n')).toBe(true);
    expect(dot.endsWith('}\n')).toBe(true);
    expect(nodes).toHaveLength(chart.vertices.length);
    expect(edges).toHaveLength(chart.edges.length);
    expect(nodes.filter((line) => line.includes('fillcolor="#fff3cd"'))).toHaveLength(2);
    expect(nodes.filter((line) => line.includes('fillcolor="#f8d7da"'))).toHaveLength(1);
  });

  it("the README's picture is what the audit prints for the example", () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const block = /<!-- ssot-map:golden-path-before -->\n```mermaid\n([\s\S]*?)```\n/.exec(readme);
    expect(block?.[1]).toBe(mermaid);
  });
});

/** A deterministic tree of `folders × perFolder` modules: every fifth verifies on its own, every fifth (offset 1) goes through the canonical module; one test per folder. */
function generatedTree(folders: number, perFolder: number): { files: Record<string, string>; importers: number } {
  const files: Record<string, string> = { 'eslint.config.js': settingsConfig(SETTINGS), [CANONICAL_FILE]: CANONICAL };
  let importers = 0;
  for (let folder = 0; folder < folders; folder++) {
    for (let index = 0; index < perFolder; index++) {
      const kind = index % 5;
      if (kind === 1) importers++;
      files[`src/area${folder}/module${index}.ts`] = kind === 0 ? OWN_VERIFY : kind === 1 ? THROUGH_CANONICAL : `export const value${index} = ${index};\n`;
    }
    files[`test/area${folder}.test.ts`] = `import { user } from '../src/area${folder}/module0.js';\nexport const covered = user;\n`;
  }
  return { files, importers };
}

describe('SSOT map: a generated tree of a few hundred files', { timeout: 180_000 }, () => {
  const FOLDERS = 12;
  const PER_FOLDER = 25;
  let dir: string;
  let importers: number;
  let mermaid: string;
  let chart: ParsedFlowchart;
  let markdown: string;
  let report: JsonReport;
  beforeAll(async () => {
    const tree = generatedTree(FOLDERS, PER_FOLDER);
    importers = tree.importers;
    dir = writeTree(tree.files, 'jwt-ssot-map-');
    expect(Object.keys(tree.files).length).toBeGreaterThan(300);
    mermaid = (await audit(dir, ['--format', 'mermaid', '--impact'])).stdout;
    chart = await parseFlowchart(mermaid);
    markdown = (await audit(dir, ['--format', 'markdown', '--impact'])).stdout;
    report = JSON.parse((await audit(dir, ['--format', 'json', '--impact'])).stdout) as JsonReport;
  });
  afterAll(() => removeTree(dir));

  it('groups files by folder past the node limit, and says how many', () => {
    expect(chart.vertices.length).toBeLessThanOrEqual(MAP_NODE_LIMIT);
    const grouped = chart.vertices.reduce((sum, vertex) => sum + Number(/<br>(\d+) (?:test )?files/.exec(vertex.text)?.[1] ?? 0), 0);
    // Every file with findings or an import of the canonical module, and every test, is drawn or grouped.
    const drawn = chart.vertices.filter((vertex) => !/<br>\d+ (?:test )?files/.test(vertex.text)).length - 1;
    expect(grouped + drawn).toBe(new Set(report.violations.map((violation) => violation.file)).size + importers + FOLDERS);
    expect(grouped).toBeGreaterThan(0);
    expect(markdown).toContain(`${grouped} files are grouped by folder (the map has more than ${MAP_NODE_LIMIT} nodes).`);
    // The map on its own says it too, as a comment Mermaid ignores.
    expect(mermaid.split('\n')[1]).toBe(`  %% ${grouped} files are grouped by folder (the map has more than ${MAP_NODE_LIMIT} nodes).`);
  });

  it('keeps every count and edge: summed over folder nodes, they match the findings, imports and tests', () => {
    for (const [kind, words] of [['verify', 'verify'], ['secret', 'secret'], ['import', 'bypass import']] as const) {
      const expected = report.violations.filter((violation) => violation.kind === kind).length;
      expect(expected).toBe(FOLDERS * PER_FOLDER / 5);
      expect(labelSum(chart, words)).toBe(expected);
    }
    expect(withClass(chart, 'ownVerify').length).toBeGreaterThan(0);
    const imports = chart.edges.filter((edge) => pathOf(chart, edge.end) === CANONICAL_FILE && edge.stroke === 'normal');
    expect(imports.reduce((sum, edge) => sum + weight(edge.text), 0)).toBe(importers);
    const covers = chart.edges.filter((edge) => edge.stroke === 'dotted');
    const testPairs = (report.impact ?? []).reduce((sum, entry) => sum + entry.tests.length, 0);
    expect(testPairs).toBe(FOLDERS);
    expect(covers.reduce((sum, edge) => sum + weight(edge.text), 0)).toBe(testPairs);
  });

  it('--format mermaid and dot write to -o like the other formats, and exit as the gate says', async () => {
    for (const format of ['mermaid', 'dot']) {
      const result = await audit(dir, ['--format', format, '-o', `map.${format}`]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(fs.readFileSync(path.join(dir, `map.${format}`), 'utf8')).toMatch(format === 'mermaid' ? /^flowchart LR\n/ : /^digraph ssot \{\n/);
    }
  });
});

describe('SSOT map: a clean project', { timeout: 120_000 }, () => {
  it('shows the canonical module and its importers, nothing in warning colours', async () => {
    const dir = writeTree({ 'eslint.config.js': settingsConfig(SETTINGS), [CANONICAL_FILE]: CANONICAL, 'src/api/orders.ts': THROUGH_CANONICAL, 'src/api/users.ts': THROUGH_CANONICAL });
    try {
      const result = await audit(dir, ['--format', 'mermaid']);
      expect(result.code).toBe(0);
      const chart = await parseFlowchart(result.stdout);
      expect(chart.vertices.map((vertex) => pathOf(chart, vertex.id))).toEqual([CANONICAL_FILE, 'src/api/orders.ts', 'src/api/users.ts']);
      expect(chart.edges.map((edge) => `${edge.start} -> ${edge.end}`)).toEqual(['n1 -> n0', 'n2 -> n0']);
      expect(withClass(chart, 'ownVerify')).toEqual([]);
      expect(withClass(chart, 'fallback')).toEqual([]);
    } finally {
      removeTree(dir);
    }
  });
});

const NASTY = [
  'src/quote"d].ts',
  'src/pipe|`tick`.ts',
  'src/<script>alert(1)<⁄script>.ts',
  'src/%%{init: {"theme":"dark"}}%%.ts',
  'src/a.ts\nclick n0 call alert()\nstyle n0 fill:#f00\n.ts',
  'src/#quot;entity&amp;.ts',
  'src/ünïcödé—名前.ts',
];

describe('SSOT map: labels are escaped', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = writeTree({ 'eslint.config.js': settingsConfig(SETTINGS), [CANONICAL_FILE]: CANONICAL, ...Object.fromEntries(NASTY.map((name) => [name, OWN_VERIFY])) });
  });
  afterAll(() => removeTree(dir));

  it('mermaid: every nasty name is one node with a generated id, and nothing can inject a statement or markup', async () => {
    const { stdout } = await audit(dir, ['--format', 'mermaid']);
    const chart = await parseFlowchart(stdout);
    expect(chart.vertices).toHaveLength(NASTY.length + 1);
    expect(chart.edges).toEqual([]);
    expect(chart.vertices.every((vertex) => /^n\d+$/.test(vertex.id))).toBe(true);
    expect(withClass(chart, 'ownVerify')).toHaveLength(NASTY.length);
    // Line by line: the header, one line per node, then a classDef and a class line for the canonical
    // module and for the own verifiers; no name starts a line of its own.
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines.slice(1).every((line) => /^ {2}(?:n\d+\[|n\d+\(|classDef |class )/.test(line))).toBe(true);
    expect(lines).toHaveLength(1 + (NASTY.length + 1) + 2 * 2);
    expect(stdout).not.toContain('<script>');
    expect(stdout).not.toContain('%%');
    expect(stdout).toContain('src/#60;script#62;alert#40;1#41;#60;⁄script#62;.ts');
    expect(stdout).toContain('src/quote#34;d#93;.ts');
    expect(stdout).toContain('src/pipe#124;#96;tick#96;.ts');
    expect(stdout).toContain('src/#35;quot#59;entity#38;amp#59;.ts');
    expect(stdout).toContain('src/a.ts#92;nclick n0 call alert#40;#41;#92;nstyle n0 fill#58;#35;f00#92;n.ts');
    expect(stdout).toContain('src/ünïcödé—名前.ts');
  });

  it('markdown: the fenced diagram parses too, and the fence cannot be closed by a name', async () => {
    const { stdout } = await audit(dir, ['--format', 'markdown']);
    const block = /^```mermaid\n([\s\S]*?)^```$/m.exec(stdout);
    expect(block).not.toBeNull();
    await parseFlowchart(block![1]!);
    expect(block![1]).not.toContain('`');
  });

  it('dot: each label is one quoted string with quotes and backslashes escaped', async () => {
    const { stdout } = await audit(dir, ['--format', 'dot']);
    const lines = stdout.trimEnd().split('\n');
    const nodes = lines.filter((line) => /^ {2}n\d+ \[label="/.test(line));
    expect(nodes).toHaveLength(NASTY.length + 1);
    expect(lines).toHaveLength(3 + nodes.length + 1);
    expect(stdout).toContain('label="src/quote\\"d].ts\\nverify 1');
    expect(stdout).toContain('label="src/a.ts\\\\nclick n0 call alert()\\\\nstyle n0 fill:#f00\\\\n.ts\\nverify 1');
    // Inside every label, a quote is always escaped: the string ends where the renderer says.
    for (const line of nodes) expect(/^ {2}n\d+ \[label="(?:[^"\\]|\\.)*", shape=/.test(line)).toBe(true);
  });
});

describe('SSOT map: auth-module entries', { timeout: 120_000 }, () => {
  it('draws an edge for each import of an entry, and a bypass import of a private path as a count', async () => {
    const dir = writeTree({
      'eslint.config.js': settingsConfig({ ...SETTINGS, authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }] }),
      [CANONICAL_FILE]: CANONICAL,
      'src/auth/index.ts': "export { validateToken as check } from './jwt-handler.js';\nexport { session } from './internal/session.js';\n",
      'src/auth/internal/session.ts': 'export const session = 1;\n',
      'src/api/orders.ts': "import { check } from '../auth/index.js';\nexport const order = (token: string) => check(token);\n",
      'src/api/users.ts': "import { check } from '../auth';\nexport const user = (token: string) => check(token);\n",
      'src/api/admin.ts': "import { session } from '../auth/internal/session.js';\nexport const admin = session;\n",
    });
    try {
      const result = await audit(dir, ['--format', 'mermaid']);
      const chart = await parseFlowchart(result.stdout);
      const edges = chart.edges.map((edge) => `${pathOf(chart, edge.start)} -> ${pathOf(chart, edge.end)}`).sort();
      expect(edges).toEqual(['src/api/orders.ts -> src/auth/index.ts', 'src/api/users.ts -> src/auth/index.ts', `src/auth/index.ts -> ${CANONICAL_FILE}`]);
      expect(chart.vertices.find((vertex) => pathOf(chart, vertex.id) === 'src/auth/index.ts')!.text).toBe('src/auth/index.ts<br>auth module entry');
      expect(chart.vertices.find((vertex) => pathOf(chart, vertex.id) === 'src/api/admin.ts')!.text).toBe('src/api/admin.ts<br>bypass import 1');
    } finally {
      removeTree(dir);
    }
  });
});
