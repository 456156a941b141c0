import { UndirectedGraph } from 'graphology';
import type { Projection } from '../analytics/projection.js';
import { leiden, weightedGraph, type WeightedGraph } from './leiden.js';

type Graph = UndirectedGraph;

export interface Partition {
  /** Node index → community number (0 … count − 1, largest community first). */
  membership: Uint32Array;
  count: number;
  modularity: number;
}

export type EdgeWeighting = 'FOLLOW_WEIGHT' | 'EMBEDDEDNESS';

/**
 * Communities of the undirected view of the follow graph (a→b and b→a add their weights) by
 * Leiden (leiden.ts), seeded. Leiden's communities are connected by construction; we still
 * split any disconnected one into its components (as for GDS's labels), which never lowers
 * modularity. Node order is the projection's, which is sorted by id, so the same graph and seed
 * give the same partition however the data was loaded.
 */
export function detectCommunities(graph: Projection, options: { seed: number; resolution?: number; weighting?: EdgeWeighting }): Partition {
  const undirected = toUndirected(graph);
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  undirected.forEachEdge((_edge: string, attributes: Record<string, unknown>, source: string, target: string) => {
    from.push(Number(source));
    to.push(Number(target));
    weight.push((attributes['weight'] as number | undefined) ?? 1);
  });
  const ties = weightedGraph(graph.ids.length, [from, to, weight]);
  const membership = leiden(options.weighting === 'EMBEDDEDNESS' ? weightedByEmbeddedness(ties) : ties, {
    seed: options.seed,
    resolution: options.resolution ?? 1,
  });
  return partitionFromLabels(undirected, membership);
}

/**
 * Multiplies each edge's weight by 1 + the number of neighbours its ends share: ties inside a
 * dense group (many triangles) count more than bridges between groups. Edge embeddedness as
 * community evidence goes back to Radicchi et al., "Defining and identifying communities in
 * networks", PNAS 2004 (edge clustering coefficient). Modularity is still reported on the
 * original weights. On the CSR lists, which weightedGraph sorts: each edge's shared neighbours
 * by merging its ends' lists (a million users: typed arrays, not a Set per user).
 */
export function weightedByEmbeddedness(graph: WeightedGraph): WeightedGraph {
  const { offsets, neighbours } = graph;
  const weights = Float64Array.from(graph.weights);
  const strength = Float64Array.from(graph.selfLoops, (loop) => 2 * loop);
  for (let v = 0; v < graph.nodes; v += 1) {
    const vEnd = offsets[v + 1] ?? 0;
    for (let i = offsets[v] ?? 0; i < vEnd; i += 1) {
      const u = neighbours[i] ?? 0;
      let shared = 0;
      let a = offsets[v] ?? 0;
      let b = offsets[u] ?? 0;
      const uEnd = offsets[u + 1] ?? 0;
      while (a < vEnd && b < uEnd) {
        const x = neighbours[a] ?? 0;
        const y = neighbours[b] ?? 0;
        if (x === y) {
          shared += 1;
          a += 1;
          b += 1;
        } else if (x < y) a += 1;
        else b += 1;
      }
      weights[i] = (weights[i] ?? 0) * (1 + shared);
      strength[v] = (strength[v] ?? 0) + (weights[i] ?? 0);
    }
  }
  let total = 0;
  for (const s of strength) total += s;
  return { ...graph, weights, strength, total };
}

/** The undirected, weight-merged view of a projection (a→b and b→a add up). */
export function toUndirected(graph: Projection): Graph {
  const undirected = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  for (let v = 0; v < graph.ids.length; v += 1) undirected.addNode(String(v));
  for (let e = 0; e < graph.sources.length; e += 1) {
    const a = graph.sources[e] ?? 0;
    const b = graph.targets[e] ?? 0;
    if (a === b) continue;
    undirected.updateEdge(String(a), String(b), (attributes: Record<string, unknown>) => ({
      weight: ((attributes['weight'] as number | undefined) ?? 0) + (graph.weights[e] ?? 1),
    }));
  }
  return undirected;
}

/** Any labelling (ours or GDS's) → connected, densely numbered communities and their modularity. */
export function partitionFromLabels(undirected: Graph, labels: Uint32Array): Partition {
  const split = splitDisconnected(undirected, labels);
  return { ...split, modularity: modularity(undirected, split.membership) };
}

/** Relabels so every community is connected (components of the induced subgraphs), largest first. */
function splitDisconnected(graph: Graph, membership: Uint32Array): { membership: Uint32Array; count: number } {
  const n = membership.length;
  const component = new Int32Array(n).fill(-1);
  let next = 0;
  const sizes: number[] = [];
  for (let start = 0; start < n; start += 1) {
    if (component[start] !== -1) continue;
    const label = next++;
    let size = 0;
    const stack = [start];
    component[start] = label;
    while (stack.length > 0) {
      const v = stack.pop() ?? 0;
      size += 1;
      graph.forEachNeighbor(String(v), (neighbour: string) => {
        const u = Number(neighbour);
        if (component[u] === -1 && membership[u] === membership[v]) {
          component[u] = label;
          stack.push(u);
        }
      });
    }
    sizes.push(size);
  }
  const order = sizes.map((size, label) => ({ size, label })).sort((a, b) => b.size - a.size || a.label - b.label);
  const renumber = new Uint32Array(sizes.length);
  order.forEach(({ label }, rank) => (renumber[label] = rank));
  const result = new Uint32Array(n);
  for (let v = 0; v < n; v += 1) result[v] = renumber[component[v] ?? 0] ?? 0;
  return { membership: result, count: sizes.length };
}

/** Newman–Girvan modularity of a partition of an undirected weighted graph. */
export function modularity(graph: Graph, membership: Uint32Array): number {
  let total = 0;
  const internal = new Map<number, number>();
  const degree = new Map<number, number>();
  graph.forEachEdge((_edge: string, attributes: Record<string, unknown>, source: string, target: string) => {
    const w = (attributes['weight'] as number | undefined) ?? 1;
    const a = membership[Number(source)] ?? 0;
    const b = membership[Number(target)] ?? 0;
    total += w;
    degree.set(a, (degree.get(a) ?? 0) + w);
    degree.set(b, (degree.get(b) ?? 0) + w);
    if (a === b) internal.set(a, (internal.get(a) ?? 0) + w);
  });
  if (total === 0) return 0;
  let q = 0;
  for (const [community, d] of degree) q += (internal.get(community) ?? 0) / total - (d / (2 * total)) ** 2;
  return q;
}

/** Each community's share of the partition's modularity (sums to the modularity). */
export function modularityShares(graph: Projection, membership: Uint32Array): Float64Array {
  let total = 0;
  // A loop, not Math.max(...membership): spreading a million ids as arguments overflows the stack.
  let count = 1;
  for (const community of membership) if (community + 1 > count) count = community + 1;
  const internal = new Float64Array(count);
  const degree = new Float64Array(count);
  for (let e = 0; e < graph.sources.length; e += 1) {
    const a = membership[graph.sources[e] ?? 0] ?? 0;
    const b = membership[graph.targets[e] ?? 0] ?? 0;
    if ((graph.sources[e] ?? 0) === (graph.targets[e] ?? 0)) continue;
    const w = graph.weights[e] ?? 1;
    total += w;
    degree[a] = (degree[a] ?? 0) + w;
    degree[b] = (degree[b] ?? 0) + w;
    if (a === b) internal[a] = (internal[a] ?? 0) + w;
  }
  const shares = new Float64Array(count);
  if (total === 0) return shares;
  for (let c = 0; c < count; c += 1) shares[c] = (internal[c] ?? 0) / total - ((degree[c] ?? 0) / (2 * total)) ** 2;
  return shares;
}
