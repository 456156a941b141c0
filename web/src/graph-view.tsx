/**
 * A small graph as SVG: nodes sized by weight, edges by strength, laid out by ForceAtlas2
 * (graph-layout.ts, loaded on first use). SVG rather than WebGL: a KOL's ego graph or a
 * community map is at most a few hundred nodes, SVG needs no GPU (headless browsers, old
 * laptops) and every node carries a <title> and a link.
 */
import { useEffect, useState } from 'preact/hooks';
import type { GraphEdge, GraphNode } from './graph-data.js';

export type { GraphEdge, GraphNode } from './graph-data.js';

const WIDTH = 640;
const HEIGHT = 420;

export function GraphView({ nodes, edges, title }: { nodes: GraphNode[]; edges: GraphEdge[]; title: string }) {
  const [positions, setPositions] = useState<Map<string, { x: number; y: number }> | null>(null);
  const key = JSON.stringify([nodes.map((n) => n.id), edges]);
  useEffect(() => {
    let cancelled = false;
    void import('./graph-layout.js').then(({ layout }) => {
      if (!cancelled) setPositions(layout(nodes, edges, WIDTH, HEIGHT));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  if (nodes.length === 0) return <p class="muted">{title}: nothing to draw yet.</p>;
  const maxSize = Math.max(...nodes.map((n) => n.size), 1);
  const maxWeight = Math.max(...edges.map((e) => e.weight), 1);
  const radius = (node: GraphNode) => 4 + 18 * Math.sqrt(node.size / maxSize);
  return (
    <figure class="graph">
      <figcaption>{title}</figcaption>
      {positions ? (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={title} class="graph-svg">
          <g stroke="#8a94a6">
            {edges.map((edge) => {
              const a = positions.get(edge.source);
              const b = positions.get(edge.target);
              return a && b ? (
                <line
                  key={`${edge.source}-${edge.target}`}
                  x1={a.x}
                  y1={a.y}
                  x2={b.x}
                  y2={b.y}
                  stroke-width={0.5 + 4 * (edge.weight / maxWeight)}
                  stroke-opacity={0.5}
                />
              ) : null;
            })}
          </g>
          {nodes.map((node) => {
            const at = positions.get(node.id);
            if (!at) return null;
            const circle = (
              <circle cx={at.x} cy={at.y} r={radius(node)} fill={node.highlight ? '#b3261e' : '#3b6ea5'} stroke="#fff" stroke-width={1}>
                <title>{node.label}</title>
              </circle>
            );
            return (
              <g key={node.id}>
                {node.href ? (
                  <a href={node.href} aria-label={node.label}>
                    {circle}
                  </a>
                ) : (
                  circle
                )}
                {radius(node) > 10 || node.highlight ? (
                  <text x={at.x} y={at.y - radius(node) - 3} text-anchor="middle" font-size="11" fill="#1d2433">
                    {node.label}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      ) : (
        <p class="muted">Laying out {nodes.length} nodes…</p>
      )}
    </figure>
  );
}
