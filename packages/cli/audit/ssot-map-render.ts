/**
 * The SSOT map's renderers: Mermaid (for the markdown report, which GitHub and GitLab draw in place, and
 * `--format mermaid`) and Graphviz DOT (`--format dot`). Both draw the one graph ssot-map.ts builds; they
 * only choose shapes and colours and escape the labels.
 */
import { dotText, mermaidText } from './escape.js';
import { groupedNote, nodeLines, type MapEdge, type MapNode, type MapNodeRole, type SsotMap } from './ssot-map.js';

/** Fill and stroke per look: green for the canonical module, amber and red for the warnings. */
const LOOKS = {
  canonical: { fill: '#d4edda', stroke: '#1e7e34', width: 3 },
  authEntry: { fill: '#d1ecf1', stroke: '#117a8b', width: 2 },
  ownVerify: { fill: '#fff3cd', stroke: '#d39e00', width: 3 },
  fallback: { fill: '#f8d7da', stroke: '#c82333', width: 3 },
  test: { fill: '#e2e3e5', stroke: '#6c757d', width: 1 },
} as const;

type Look = keyof typeof LOOKS;

function lookOf(node: MapNode): Look | undefined {
  if (node.warning === 'fallback') return 'fallback';
  if (node.warning === 'own-verify') return 'ownVerify';
  if (node.role === 'canonical') return 'canonical';
  if (node.role === 'auth-entry') return 'authEntry';
  if (node.role === 'test' || node.role === 'test-folder') return 'test';
  return undefined;
}

const MERMAID_SHAPES: Readonly<Record<MapNodeRole, readonly [string, string]>> = {
  canonical: ['(["', '"])'],
  'auth-entry': ['{{"', '"}}'],
  file: ['["', '"]'],
  test: ['(["', '"])'],
  folder: ['[["', '"]]'],
  'test-folder': ['[["', '"]]'],
};

function mermaidEdge(edge: MapEdge): string {
  const words = edge.kind === 'covers' ? 'covers' : 'imports';
  const label = edge.count > 1 ? `|"${edge.count} ${words}"|` : edge.kind === 'covers' ? '|covers|' : '';
  return `  ${edge.from} ${edge.kind === 'covers' ? '-.->' : '-->'}${label} ${edge.to}`;
}

/** The map as a Mermaid flowchart (no fence): generated ids, quoted labels, entity-escaped text. */
export function renderMermaid(map: SsotMap): string {
  const lines = ['flowchart LR'];
  // Said in the picture too, for the map pasted on its own (`--format mermaid`).
  if (map.grouped > 0) lines.push(`  %% ${groupedNote(map)}`);
  for (const node of map.nodes) {
    const [open, close] = MERMAID_SHAPES[node.role];
    lines.push(`  ${node.id}${open}${nodeLines(node).map(mermaidText).join('<br/>')}${close}`);
  }
  for (const edge of map.edges) lines.push(mermaidEdge(edge));
  const members = new Map<Look, string[]>();
  for (const node of map.nodes) {
    const look = lookOf(node);
    if (look) members.set(look, [...(members.get(look) ?? []), node.id]);
  }
  for (const [look, ids] of members) {
    const { fill, stroke, width } = LOOKS[look];
    lines.push(`  classDef ${look} fill:${fill},stroke:${stroke},stroke-width:${width}px,color:#000`);
    lines.push(`  class ${ids.join(',')} ${look}`);
  }
  return `${lines.join('\n')}\n`;
}

const DOT_SHAPES: Readonly<Record<MapNodeRole, string>> = {
  canonical: 'doubleoctagon',
  'auth-entry': 'hexagon',
  file: 'box',
  test: 'ellipse',
  folder: 'folder',
  'test-folder': 'folder',
};

/** The map as a Graphviz digraph: the same nodes, edges and colours as the Mermaid picture. */
export function renderDot(map: SsotMap): string {
  const lines = ['digraph ssot {', '  rankdir=LR;', '  node [fontname="Helvetica", style=filled, fillcolor="#ffffff"];'];
  if (map.grouped > 0) lines.push(`  // ${groupedNote(map)}`);
  for (const node of map.nodes) {
    const look = lookOf(node);
    const colours = look ? `, fillcolor="${LOOKS[look].fill}", color="${LOOKS[look].stroke}", penwidth=${LOOKS[look].width}` : '';
    lines.push(`  ${node.id} [label="${nodeLines(node).map(dotText).join('\\n')}", shape=${DOT_SHAPES[node.role]}${colours}];`);
  }
  for (const edge of map.edges) {
    const words = edge.count > 1 ? `${edge.count} ${edge.kind}` : edge.kind === 'covers' ? 'covers' : '';
    const attributes = [edge.kind === 'covers' ? 'style=dashed' : '', words ? `label="${words}"` : ''].filter(Boolean);
    lines.push(`  ${edge.from} -> ${edge.to}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
