/** Measured shape of a generated graph: what the generator promises, checked on its output. */
import type { SyntheticGraph } from '../src/ingest/generate.js';

export interface GraphShape {
  users: number;
  follows: number;
  meanInDegree: number;
  maxInDegree: number;
  p50InDegree: number;
  p99InDegree: number;
  /** Discrete power-law exponent by maximum likelihood (Clauset, Shalizi & Newman 2009, eq. 3.7) over in-degrees ≥ xmin. */
  powerLawAlpha: number;
  xmin: number;
  measuredMixing: number;
  reciprocity: number;
}

export function measureShape(graph: SyntheticGraph, xmin = 10): GraphShape {
  const inDegree = new Uint32Array(graph.options.users);
  const edges = new Set<string>();
  let follows = 0;
  let mixed = 0;
  const index = (id: string) => Number(id.slice(1));
  for (const follow of graph.follows()) {
    const from = index(follow.followerId);
    const to = index(follow.followeeId);
    follows += 1;
    inDegree[to] = (inDegree[to] ?? 0) + 1;
    if (graph.communityOf(from) !== graph.communityOf(to)) mixed += 1;
    edges.add(`${from}>${to}`);
  }
  let reciprocated = 0;
  for (const edge of edges) {
    const [from, to] = edge.split('>');
    if (edges.has(`${to}>${from}`)) reciprocated += 1;
  }
  const sorted = [...inDegree].sort((a, b) => a - b);
  const tail = sorted.filter((degree) => degree >= xmin);
  const alpha = 1 + tail.length / tail.reduce((sum, degree) => sum + Math.log(degree / (xmin - 0.5)), 0);
  return {
    users: graph.options.users,
    follows,
    meanInDegree: follows / graph.options.users,
    maxInDegree: sorted.at(-1) ?? 0,
    p50InDegree: sorted[Math.floor(sorted.length * 0.5)] ?? 0,
    p99InDegree: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
    powerLawAlpha: alpha,
    xmin,
    measuredMixing: mixed / follows,
    reciprocity: reciprocated / edges.size,
  };
}
