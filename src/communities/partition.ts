import type { Projection } from '../analytics/projection.js';
import { leiden, weightedGraph, weightedModularity, type WeightedGraph } from './leiden.js';

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
  const ties = undirectedTies(graph);
  const membership = leiden(options.weighting === 'EMBEDDEDNESS' ? weightedByEmbeddedness(ties) : ties, {
    seed: options.seed,
    resolution: options.resolution ?? 1,
  });
  return partitionFromLabels(ties, membership);
}

/**
 * Multiplies each edge's weight by 1 + the number of neighbours its ends share: ties inside a
 * dense group (many triangles) count more than bridges between groups. Edge embeddedness as
 * community evidence goes back to Radicchi et al., "Defining and identifying communities in
 * networks", PNAS 2004 (edge clustering coefficient). Modularity is still reported on the
 * original weights. On the sorted CSR lists (undirectedTies): each edge's shared neighbours
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

/**
 * The undirected, weight-merged view of a projection (a→b and b→a add up; self-follows dropped)
 * as sorted CSR lists. Typed arrays throughout: a million users with 15 M follows take ~0.4 GB
 * here, where a graphology graph of them (an object per edge, string keys) ran the analytics
 * worker out of heap.
 */
export function undirectedTies(graph: Projection): WeightedGraph {
  let { sources, targets, weights } = graph;
  let selfFollows = 0;
  for (let e = 0; e < sources.length; e += 1) if (sources[e] === targets[e]) selfFollows += 1;
  if (selfFollows > 0) {
    const kept = (e: number) => sources[e] !== targets[e];
    const indexes = Array.from({ length: sources.length }, (_, e) => e).filter(kept);
    [sources, targets, weights] = [
      Uint32Array.from(indexes, (e) => sources[e] ?? 0),
      Uint32Array.from(indexes, (e) => targets[e] ?? 0),
      Float64Array.from(indexes, (e) => weights[e] ?? 1),
    ];
  }
  return weightedGraph(graph.ids.length, [sources, targets, weights]);
}

/** Any labelling (ours or GDS's) → connected, densely numbered communities and their modularity. */
export function partitionFromLabels(ties: WeightedGraph, labels: Uint32Array): Partition {
  const split = splitDisconnected(ties, labels);
  return { ...split, modularity: modularity(ties, split.membership) };
}

/** Relabels so every community is connected (components of the induced subgraphs), largest first. */
function splitDisconnected(ties: WeightedGraph, membership: Uint32Array): { membership: Uint32Array; count: number } {
  const n = membership.length;
  const component = new Int32Array(n).fill(-1);
  let next = 0;
  const sizes: number[] = [];
  const stack: number[] = [];
  for (let start = 0; start < n; start += 1) {
    if (component[start] !== -1) continue;
    const label = next++;
    let size = 0;
    stack.push(start);
    component[start] = label;
    while (stack.length > 0) {
      const v = stack.pop() ?? 0;
      size += 1;
      for (let i = ties.offsets[v] ?? 0; i < (ties.offsets[v + 1] ?? 0); i += 1) {
        const u = ties.neighbours[i] ?? 0;
        if (component[u] === -1 && membership[u] === membership[v]) {
          component[u] = label;
          stack.push(u);
        }
      }
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

/** Newman–Girvan modularity of a partition of the undirected follow graph (its original weights). */
export function modularity(ties: WeightedGraph, membership: Uint32Array): number {
  return weightedModularity(ties, membership, 1);
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
