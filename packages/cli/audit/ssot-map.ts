/**
 * The SSOT map as data: the canonical module, every file with findings (counts by kind), every file that
 * imports the canonical module or an auth-module entry, and with `--impact` the test files covering them.
 * One builder for every renderer (Mermaid for markdown and `--format mermaid`, Graphviz for `dot`), so
 * the pictures cannot disagree. Node ids are generated (`n0`, `n1`…): a file name is only ever a label.
 */
import type { FindingKind } from '../../engine/index.js';
import { isTestFile } from './impact.js';
import type { AuditReport } from './types.js';

/** Past this many nodes, files are grouped by folder so a large project's map stays readable. */
export const MAP_NODE_LIMIT = 30;

export type MapNodeRole = 'canonical' | 'auth-entry' | 'file' | 'test' | 'folder' | 'test-folder';

/** Why a node stands out: it verifies tokens itself, or it falls back to an unverified decode. */
export type MapWarning = 'own-verify' | 'fallback';

export interface MapNode {
  readonly id: string;
  readonly role: MapNodeRole;
  /** A file's path, a folder's path with a trailing `/`, or the canonical package's name. */
  readonly path: string;
  readonly counts: Readonly<Partial<Record<FindingKind, number>>>;
  /** Decodes that run when a verification fails (`no-unsafe-verify-options`' fallbackDecode). */
  readonly fallbacks: number;
  /** The files a folder node stands for (1 for a file). */
  readonly files: number;
  readonly warning?: MapWarning;
}

export interface MapEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'imports' | 'covers';
  /** How many file-to-file edges this one stands for (above 1 only between folder nodes). */
  readonly count: number;
}

export interface SsotMap {
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
  /** Files drawn inside folder nodes rather than on their own. */
  readonly grouped: number;
  /** False when the report carries no import facts (the map then shows findings only). */
  readonly hasImports: boolean;
}

/** The order and words of the counts in a label. */
export const KIND_LABELS: ReadonlyArray<readonly [FindingKind, string]> = [
  ['verify', 'verify'],
  ['decode', 'decode'],
  ['secret', 'secret'],
  ['import', 'bypass import'],
  ['unsafe-options', 'unsafe options'],
  ['sign', 'sign'],
  ['unanalysable', 'unanalysable'],
];

interface Draft {
  role: MapNodeRole;
  path: string;
  counts: Partial<Record<FindingKind, number>>;
  fallbacks: number;
  files: number;
}

interface DraftEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: MapEdge['kind'];
}

const PINNED: ReadonlySet<MapNodeRole> = new Set(['canonical', 'auth-entry']);
const NOT_SET = '(canonical module not set)';

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function drafts(report: AuditReport): { nodes: Map<string, Draft>; edges: DraftEdge[] } {
  const nodes = new Map<string, Draft>();
  const add = (path: string, role: MapNodeRole): Draft => {
    let draft = nodes.get(path);
    if (!draft) {
      draft = { role, path, counts: {}, fallbacks: 0, files: 1 };
      nodes.set(path, draft);
    }
    return draft;
  };
  const canonical = report.ssot?.canonical.length ? report.ssot.canonical : [NOT_SET];
  for (const module of canonical) add(module, 'canonical');
  for (const entry of report.ssot?.authEntries ?? []) add(entry, 'auth-entry');
  const role = (file: string): MapNodeRole => (isTestFile(file) ? 'test' : 'file');
  for (const violation of report.violations) {
    const draft = add(violation.file, 'file');
    draft.counts[violation.kind] = (draft.counts[violation.kind] ?? 0) + 1;
    if (violation.messageId === 'fallbackDecode') draft.fallbacks++;
  }
  const edges: DraftEdge[] = [];
  for (const { from, to } of report.ssot?.imports ?? []) {
    add(from, role(from));
    edges.push({ from, to, kind: 'imports' });
  }
  for (const entry of report.impact ?? []) {
    for (const test of entry.tests) {
      add(test, 'test');
      edges.push({ from: test, to: entry.file, kind: 'covers' });
    }
  }
  return { nodes, edges };
}

function warningOf(draft: Draft): MapWarning | undefined {
  if (draft.fallbacks > 0) return 'fallback';
  // A verify finding is a verification that does not go through the canonical module.
  return (draft.counts.verify ?? 0) > 0 ? 'own-verify' : undefined;
}

/** The folder `file` is grouped into at `depth` path segments (fewer when the file sits higher). */
function folderAt(file: string, depth: number): string {
  const folders = file.split('/').slice(0, -1);
  return folders.length === 0 || depth === 0 ? './' : `${folders.slice(0, depth).join('/')}/`;
}

/**
 * Which folder each movable file goes into: the deepest grouping whose node count fits the limit. A
 * folder holding one file keeps it as a file (grouping it would hide its name for nothing).
 */
function grouping(movable: readonly Draft[], pinned: number, limit: number): Map<string, string> | undefined {
  if (pinned + movable.length <= limit) return undefined;
  const deepest = Math.max(0, ...movable.map((draft) => draft.path.split('/').length - 1));
  for (let depth = deepest; depth >= 0; depth--) {
    const members = new Map<string, Draft[]>();
    for (const draft of movable) {
      const key = `${draft.role === 'test' ? 'test' : 'file'}:${folderAt(draft.path, depth)}`;
      members.set(key, [...(members.get(key) ?? []), draft]);
    }
    if (depth > 0 && pinned + members.size > limit) continue;
    const groupOf = new Map<string, string>();
    for (const [key, list] of members) if (list.length > 1) for (const draft of list) groupOf.set(draft.path, key);
    return groupOf;
  }
  return undefined;
}

/** The map of an audit report; `limit`: the node count past which files are grouped by folder. */
export function buildSsotMap(report: AuditReport, limit = MAP_NODE_LIMIT): SsotMap {
  const { nodes, edges } = drafts(report);
  const all = [...nodes.values()];
  const pinned = all.filter((draft) => PINNED.has(draft.role));
  const movable = all.filter((draft) => !PINNED.has(draft.role)).sort(byPath);
  const groupOf = grouping(movable, pinned.length, limit) ?? new Map<string, string>();
  const groups = new Map<string, Draft>();
  const placed: Draft[] = [];
  for (const draft of movable) {
    const key = groupOf.get(draft.path);
    if (key === undefined) {
      placed.push(draft);
      continue;
    }
    let group = groups.get(key);
    if (!group) {
      group = { role: draft.role === 'test' ? 'test-folder' : 'folder', path: key.slice(key.indexOf(':') + 1), counts: {}, fallbacks: 0, files: 0 };
      groups.set(key, group);
      placed.push(group);
    }
    group.files++;
    group.fallbacks += draft.fallbacks;
    for (const [kind, count] of Object.entries(draft.counts) as Array<[FindingKind, number]>) group.counts[kind] = (group.counts[kind] ?? 0) + count;
  }
  const ordered = [...pinned.filter((draft) => draft.role === 'canonical'), ...pinned.filter((draft) => draft.role === 'auth-entry').sort(byPath), ...placed.sort(byPath)];
  const idOf = new Map<Draft, string>(ordered.map((draft, index) => [draft, `n${index}`]));
  const nodeId = (path: string): string => {
    const key = groupOf.get(path);
    return idOf.get(key === undefined ? nodes.get(path)! : groups.get(key)!)!;
  };
  const merged = new Map<string, { from: string; to: string; kind: MapEdge['kind']; count: number }>();
  for (const edge of edges) {
    const from = nodeId(edge.from);
    const to = nodeId(edge.to);
    if (from === to) continue;
    const key = `${from} ${to} ${edge.kind}`;
    const existing = merged.get(key);
    if (existing) existing.count++;
    else merged.set(key, { from, to, kind: edge.kind, count: 1 });
  }
  const nodeIndex = (id: string): number => Number(id.slice(1));
  return {
    nodes: ordered.map((draft) => ({ id: idOf.get(draft)!, role: draft.role, path: draft.path, counts: draft.counts, fallbacks: draft.fallbacks, files: draft.files, ...(warningOf(draft) ? { warning: warningOf(draft) } : {}) })),
    edges: [...merged.values()].sort((a, b) => nodeIndex(a.from) - nodeIndex(b.from) || nodeIndex(a.to) - nodeIndex(b.to) || (a.kind < b.kind ? -1 : 1)),
    grouped: [...groups.values()].reduce((sum, group) => sum + group.files, 0),
    hasImports: report.ssot !== undefined,
  };
}

/** A node's label as lines: what it is, then its counts (the renderers only escape and join them). */
export function nodeLines(node: MapNode): string[] {
  const counts = KIND_LABELS.filter(([kind]) => (node.counts[kind] ?? 0) > 0).map(([kind, words]) => `${words} ${node.counts[kind]}`);
  if (node.fallbacks > 0) counts.push(`fallback decode ${node.fallbacks}`);
  const lines = [node.path];
  if (node.role === 'canonical') lines.push('canonical module');
  else if (node.role === 'auth-entry') lines.push('auth module entry');
  else if (node.role === 'test') lines.push('test');
  else if (node.role === 'folder') lines.push(`${node.files} files`);
  else if (node.role === 'test-folder') lines.push(`${node.files} test files`);
  if (counts.length > 0) lines.push(counts.join(' · '));
  return lines;
}

/** One sentence under the picture: what the colours mean, and how many files were grouped. */
export function mapLegend(map: SsotMap, limit = MAP_NODE_LIMIT): string {
  const parts = ['Amber: validates tokens on its own (not through the canonical module); red: falls back to an unverified decode.'];
  if (!map.hasImports) parts.push('Imports are not shown (this report carries no import facts).');
  if (map.grouped > 0) parts.push(groupedNote(map, limit));
  return parts.join(' ');
}

/** How many files the folder nodes stand for. */
export function groupedNote(map: SsotMap, limit = MAP_NODE_LIMIT): string {
  return `${map.grouped} files are grouped by folder (the map has more than ${limit} nodes).`;
}
