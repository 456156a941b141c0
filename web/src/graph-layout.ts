import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { GraphEdge, GraphNode } from './graph-data.js';

/** ForceAtlas2 from a circle (deterministic: same graph, same picture), scaled into the box. */
export function layout(nodes: GraphNode[], edges: GraphEdge[], width: number, height: number): Map<string, { x: number; y: number }> {
  const graph = new Graph({ type: 'undirected', multi: false });
  nodes.forEach((node, index) => {
    const angle = (2 * Math.PI * index) / Math.max(1, nodes.length);
    graph.addNode(node.id, { x: Math.cos(angle) * 100, y: Math.sin(angle) * 100, size: node.size });
  });
  for (const edge of edges) {
    if (edge.source !== edge.target && graph.hasNode(edge.source) && graph.hasNode(edge.target) && !graph.hasEdge(edge.source, edge.target)) {
      graph.addEdge(edge.source, edge.target, { weight: edge.weight });
    }
  }
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: nodes.length > 300, adjustSizes: false };
  const positions = forceAtlas2(graph, { iterations: 150, settings, getEdgeWeight: 'weight' });
  const xs = Object.values(positions).map((p) => p.x);
  const ys = Object.values(positions).map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = 30;
  const scale = Math.min((width - 2 * pad) / Math.max(1e-9, maxX - minX), (height - 2 * pad) / Math.max(1e-9, maxY - minY));
  const result = new Map<string, { x: number; y: number }>();
  for (const [id, p] of Object.entries(positions)) {
    result.set(id, {
      x: pad + (p.x - minX) * scale + (width - 2 * pad - (maxX - minX) * scale) / 2,
      y: pad + (p.y - minY) * scale + (height - 2 * pad - (maxY - minY) * scale) / 2,
    });
  }
  return result;
}
