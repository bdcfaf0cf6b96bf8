/**
 * Mermaid's own parser under Node, with jsdom as the DOM: a diagram that parses here is one GitHub and
 * GitLab can draw. Returns the flowchart's vertices and edges as Mermaid read them.
 */
import { JSDOM } from 'jsdom';

interface ParsedVertex {
  readonly id: string;
  readonly text: string;
  readonly classes: readonly string[];
}

interface ParsedEdge {
  readonly start: string;
  readonly end: string;
  readonly text: string;
  readonly stroke: string;
}

export interface ParsedFlowchart {
  readonly vertices: readonly ParsedVertex[];
  readonly edges: readonly ParsedEdge[];
}

interface FlowchartDb {
  getVertices(): Map<string, ParsedVertex>;
  getEdges(): ParsedEdge[];
}

let mermaidModule: Promise<typeof import('mermaid').default> | undefined;

function loadMermaid(): Promise<typeof import('mermaid').default> {
  mermaidModule ??= (async () => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    return (await import('mermaid')).default;
  })();
  return mermaidModule;
}

/** Throws, as Mermaid does, when `text` is not a valid diagram. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  const mermaid = await loadMermaid();
  const parsed = await mermaid.parse(text);
  if (!parsed || parsed.diagramType !== 'flowchart-v2') throw new Error(`not a flowchart: ${JSON.stringify(parsed)}`);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as FlowchartDb;
  return { vertices: [...db.getVertices().values()], edges: db.getEdges() };
}
