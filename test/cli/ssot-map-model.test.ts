/**
 * The SSOT map's graph model on reports built by hand: the grouping threshold, a clean project, a report
 * without import facts, and the escaping helpers the renderers use.
 */
import { describe, expect, it } from 'vitest';
import { dotText, mermaidText } from '../../packages/cli/audit/escape.js';
import { buildSsotMap, mapLegend, MAP_NODE_LIMIT } from '../../packages/cli/audit/ssot-map.js';
import { renderMermaid } from '../../packages/cli/audit/ssot-map-render.js';
import type { AuditReport, SsotFacts, Violation, ViolationKind } from '../../packages/cli/audit/types.js';
import { parseFlowchart } from './mermaid.js';

const CANONICAL = 'src/auth/jwt.ts';

function violation(file: string, kind: ViolationKind, messageId = 'directVerify'): Violation {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 2, rule: 'jwt-ssot/no-direct-verify', severity: 'error', messageId, library: 'jsonwebtoken', api: 'verify', kind, message: 'm', replacement: 'r', lineText: 'x' };
}

/** `ssot` null: a report without import facts (the map then has no canonical path either). */
function report(violations: Violation[], ssot: SsotFacts | null = { canonical: [CANONICAL], authEntries: [], imports: [] }): AuditReport {
  return {
    version: '0.0.0',
    root: '/project',
    violations,
    errors: [],
    suppressed: [],
    skipped: [],
    summary: { filesScanned: 0, filesParsed: 0, violations: violations.length, suppressed: 0, errors: 0, byRule: {}, byLibrary: {} },
    notes: [],
    ...(ssot ? { ssot } : {}),
  };
}

/** `count` files with one verify each, `perFolder` to a folder. */
const verifiers = (count: number, perFolder = 5): Violation[] =>
  Array.from({ length: count }, (_, index) => violation(`src/area${Math.floor(index / perFolder)}/file${index}.ts`, 'verify'));

describe('SSOT map model', () => {
  it(`draws every file while the map has at most ${MAP_NODE_LIMIT} nodes`, () => {
    const map = buildSsotMap(report(verifiers(MAP_NODE_LIMIT - 1)));
    expect(map.nodes).toHaveLength(MAP_NODE_LIMIT);
    expect(map.grouped).toBe(0);
    expect(map.nodes.every((node) => node.role === 'canonical' || (node.role === 'file' && node.warning === 'own-verify'))).toBe(true);
    expect(mapLegend(map)).not.toContain('grouped');
  });

  it('groups by folder from one node more, keeps the counts and says how many files were grouped', async () => {
    const map = buildSsotMap(report(verifiers(MAP_NODE_LIMIT)));
    expect(map.nodes.length).toBeLessThanOrEqual(MAP_NODE_LIMIT);
    expect(map.nodes.filter((node) => node.role === 'folder')).toHaveLength(MAP_NODE_LIMIT / 5);
    expect(map.grouped).toBe(MAP_NODE_LIMIT);
    expect(map.nodes.reduce((sum, node) => sum + (node.counts.verify ?? 0), 0)).toBe(MAP_NODE_LIMIT);
    expect(map.nodes.filter((node) => node.role === 'folder').every((node) => node.warning === 'own-verify' && node.files === 5)).toBe(true);
    expect(mapLegend(map)).toContain(`${MAP_NODE_LIMIT} files are grouped by folder (the map has more than ${MAP_NODE_LIMIT} nodes).`);
    const chart = await parseFlowchart(renderMermaid(map));
    expect(chart.vertices).toHaveLength(map.nodes.length);
  });

  it('merges edges between folder nodes into one edge that says how many imports it stands for', async () => {
    const imports = Array.from({ length: 40 }, (_, index) => ({ from: `src/feature${index % 4}/page${index}.ts`, to: CANONICAL }));
    const map = buildSsotMap(report([], { canonical: [CANONICAL], authEntries: [], imports }));
    expect(map.edges).toEqual([0, 1, 2, 3].map((index) => ({ from: `n${index + 1}`, to: 'n0', kind: 'imports', count: 10 })));
    const chart = await parseFlowchart(renderMermaid(map));
    expect(chart.edges.map((edge) => edge.text)).toEqual(['10 imports', '10 imports', '10 imports', '10 imports']);
  });

  it('a clean project: the canonical module and its importers, an auth entry, nothing marked', () => {
    const map = buildSsotMap(
      report([], { canonical: [CANONICAL], authEntries: ['src/auth/index.ts'], imports: [{ from: 'src/api/a.ts', to: CANONICAL }, { from: 'src/api/b.ts', to: 'src/auth/index.ts' }, { from: 'src/auth/index.ts', to: CANONICAL }] }),
    );
    expect(map.nodes.map((node) => [node.id, node.role, node.path])).toEqual([
      ['n0', 'canonical', CANONICAL],
      ['n1', 'auth-entry', 'src/auth/index.ts'],
      ['n2', 'file', 'src/api/a.ts'],
      ['n3', 'file', 'src/api/b.ts'],
    ]);
    expect(map.edges.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual(['n1 -> n0', 'n2 -> n0', 'n3 -> n1']);
    expect(map.nodes.some((node) => node.warning)).toBe(false);
  });

  it('a fallback decode outranks an own verify; a report without import facts says so', () => {
    const map = buildSsotMap(report([violation('src/ws.ts', 'verify'), violation('src/ws.ts', 'unsafe-options', 'fallbackDecode')], null));
    expect(map.nodes.map((node) => [node.role, node.path, node.warning])).toEqual([
      ['canonical', '(canonical module not set)', undefined],
      ['file', 'src/ws.ts', 'fallback'],
    ]);
    expect(map.nodes[1]!.fallbacks).toBe(1);
    expect(mapLegend(map)).toContain('Imports are not shown');
  });
});

describe('map label escaping', () => {
  it('mermaidText: entity codes for everything that could end a label, start markup or a comment', () => {
    expect(mermaidText('src/auth/jwt-handler.ts')).toBe('src/auth/jwt-handler.ts');
    expect(mermaidText('a"b')).toBe('a#34;b');
    expect(mermaidText('<script>')).toBe('#60;script#62;');
    expect(mermaidText('%%x')).toBe('#37;#37;x');
    expect(mermaidText('#quot;')).toBe('#35;quot#59;');
    expect(mermaidText('a\nb')).toBe('a#92;nb');
    expect(mermaidText('名前—ü')).toBe('名前—ü');
  });

  it('dotText: backslashes and quotes escaped, controls shown as escapes', () => {
    expect(dotText('a"b\\c')).toBe('a\\"b\\\\c');
    expect(dotText('a\nb')).toBe('a\\\\nb');
  });
});
