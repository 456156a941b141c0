/**
 * Leiden community detection (Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing
 * well-connected communities", Scientific Reports 9, 2019) for modularity with resolution γ,
 * on the undirected weighted follow graph. Per level:
 *  1. fast local moving: nodes, in a seeded random order, move to the neighbouring community
 *     (or an empty one) that raises modularity most; only the neighbours of a moved node are
 *     visited again;
 *  2. refinement: inside each community, start from singletons and merge only nodes and
 *     sub-communities that are well connected to the rest of it (Traag et al.'s condition),
 *     so no community is stitched together from parts that merely sat in one Louvain cluster;
 *  3. aggregation on the refined partition, starting the next level from the unrefined one.
 * Levels repeat until local moving leaves every aggregate node alone; whole iterations repeat,
 * starting from the last partition, while modularity still rises.
 *
 * Refinement merges greedily (the largest gain, ties to the lowest id) where the paper draws
 * at random with θ → 0; with a seeded node order, the partition depends only on the graph and
 * the seed, not on the order the store returned rows in.
 */
import { createRandom, type Random } from '../lib/random.js';

/** An undirected weighted graph: each edge listed from both ends, self-loops apart. */
export interface WeightedGraph {
  nodes: number;
  offsets: Uint32Array;
  neighbours: Uint32Array;
  weights: Float64Array;
  /** Weight of each node's self-loop (aggregated internal edges), counted once. */
  selfLoops: Float64Array;
  /** Weighted degree, self-loops twice: the sum over nodes is 2m. */
  strength: Float64Array;
  /** 2m. */
  total: number;
}

export interface LeidenOptions {
  seed: number;
  resolution: number;
  /** Whole iterations at most (each one ends when local moving changes nothing). */
  maxIterations?: number;
}

/**
 * Builds the CSR graph from undirected edges (a, b, weight); lists are sorted by node, and an edge
 * listed more than once (a→b and b→a of a follow graph) becomes one tie with the weights added.
 */
export function weightedGraph(nodes: number, edges: ArrayLike<number>[]): WeightedGraph {
  const [from, to, weight] = edges as [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
  const offsets = new Uint32Array(nodes + 1);
  for (let e = 0; e < from.length; e += 1) {
    const a = from[e] ?? 0;
    const b = to[e] ?? 0;
    if (a === b) continue;
    offsets[a + 1] = (offsets[a + 1] ?? 0) + 1;
    offsets[b + 1] = (offsets[b + 1] ?? 0) + 1;
  }
  for (let v = 0; v < nodes; v += 1) offsets[v + 1] = (offsets[v + 1] ?? 0) + (offsets[v] ?? 0);
  const listed = new Uint32Array(offsets[nodes] ?? 0);
  const listedWeights = new Float64Array(listed.length);
  const fill = offsets.slice(0, nodes);
  const selfLoops = new Float64Array(nodes);
  const strength = new Float64Array(nodes);
  let total = 0;
  for (let e = 0; e < from.length; e += 1) {
    const a = from[e] ?? 0;
    const b = to[e] ?? 0;
    const w = weight[e] ?? 1;
    total += 2 * w;
    strength[a] = (strength[a] ?? 0) + w;
    strength[b] = (strength[b] ?? 0) + w;
    if (a === b) {
      selfLoops[a] = (selfLoops[a] ?? 0) + w;
      continue;
    }
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const slot = fill[x] ?? 0;
      listed[slot] = y;
      listedWeights[slot] = w;
      fill[x] = slot + 1;
    }
  }
  // Each list sorted by neighbour, so traversal order never depends on the edge order given;
  // repeats of a neighbour merged into one tie.
  const merged = new Uint32Array(nodes + 1);
  const neighbours = new Uint32Array(listed.length);
  const weights = new Float64Array(listed.length);
  let out = 0;
  for (let v = 0; v < nodes; v += 1) {
    const start = offsets[v] ?? 0;
    const end = offsets[v + 1] ?? 0;
    sortSlice(listed, listedWeights, start, end);
    for (let i = start; i < end; i += 1) {
      const u = listed[i] ?? 0;
      if (out > (merged[v] ?? 0) && neighbours[out - 1] === u) weights[out - 1] = (weights[out - 1] ?? 0) + (listedWeights[i] ?? 0);
      else {
        neighbours[out] = u;
        weights[out] = listedWeights[i] ?? 0;
        out += 1;
      }
    }
    merged[v + 1] = out;
  }
  const compact = out === listed.length;
  return {
    nodes,
    offsets: merged,
    neighbours: compact ? neighbours : neighbours.slice(0, out),
    weights: compact ? weights : weights.slice(0, out),
    selfLoops,
    strength,
    total,
  };
}

/** Sorts keys[start, end) ascending and stably, carrying values along: insertion sort for short lists, an index sort for long ones. */
function sortSlice(keys: Uint32Array, values: Float64Array, start: number, end: number): void {
  if (end - start <= 32) {
    for (let i = start + 1; i < end; i += 1) {
      const key = keys[i] ?? 0;
      const value = values[i] ?? 0;
      let j = i - 1;
      while (j >= start && (keys[j] ?? 0) > key) {
        keys[j + 1] = keys[j] ?? 0;
        values[j + 1] = values[j] ?? 0;
        j -= 1;
      }
      keys[j + 1] = key;
      values[j + 1] = value;
    }
    return;
  }
  const order = Array.from({ length: end - start }, (_, i) => start + i).sort((x, y) => (keys[x] ?? 0) - (keys[y] ?? 0) || x - y);
  const sortedKeys = order.map((i) => keys[i] ?? 0);
  const sortedValues = order.map((i) => values[i] ?? 0);
  keys.set(sortedKeys, start);
  values.set(sortedValues, start);
}

/** Modularity of a membership (γ = resolution). */
export function weightedModularity(graph: WeightedGraph, membership: ArrayLike<number>, resolution = 1): number {
  if (graph.total === 0) return 0;
  const count = largest(membership) + 1;
  const internal = new Float64Array(count);
  const strength = new Float64Array(count);
  for (let v = 0; v < graph.nodes; v += 1) {
    const c = membership[v] ?? 0;
    strength[c] = (strength[c] ?? 0) + (graph.strength[v] ?? 0);
    internal[c] = (internal[c] ?? 0) + 2 * (graph.selfLoops[v] ?? 0);
    for (let i = graph.offsets[v] ?? 0; i < (graph.offsets[v + 1] ?? 0); i += 1) {
      if (membership[graph.neighbours[i] ?? 0] === c) internal[c] = (internal[c] ?? 0) + (graph.weights[i] ?? 0);
    }
  }
  let q = 0;
  for (let c = 0; c < count; c += 1) q += (internal[c] ?? 0) / graph.total - resolution * ((strength[c] ?? 0) / graph.total) ** 2;
  return q;
}

/** Leiden from singletons; returns a membership numbered 0 … count − 1 (unordered). */
export function leiden(graph: WeightedGraph, options: LeidenOptions): Uint32Array {
  const random = createRandom(options.seed, 113);
  let membership: Uint32Array = Uint32Array.from({ length: graph.nodes }, (_, v) => v);
  let quality = weightedModularity(graph, membership, options.resolution);
  for (let iteration = 0; iteration < (options.maxIterations ?? 10); iteration += 1) {
    const next = leidenIteration(graph, membership, options.resolution, random);
    const nextQuality = weightedModularity(graph, next, options.resolution);
    if (nextQuality <= quality + 1e-10) break;
    membership = next;
    quality = nextQuality;
  }
  return renumber(membership);
}

function leidenIteration(original: WeightedGraph, start: Uint32Array, resolution: number, random: Random): Uint32Array {
  let graph = original;
  let partition = renumber(start);
  // aggregateOf[v]: the node of the current (aggregate) graph that original node v is in.
  let aggregateOf = Uint32Array.from({ length: original.nodes }, (_, v) => v);
  for (;;) {
    const moved = moveNodesFast(graph, partition, resolution, random);
    const communities = new Set(moved).size;
    if (communities === graph.nodes) {
      partition = moved;
      break;
    }
    const refined = refine(graph, moved, resolution, random);
    const { aggregate, nodeOf } = aggregateGraph(graph, refined);
    // The next level starts from the unrefined partition: each refined part keeps its community.
    const nextPartition = new Uint32Array(aggregate.nodes);
    for (let v = 0; v < graph.nodes; v += 1) nextPartition[nodeOf[v] ?? 0] = moved[v] ?? 0;
    aggregateOf = aggregateOf.map((node) => nodeOf[node] ?? 0);
    graph = aggregate;
    partition = nextPartition;
  }
  return aggregateOf.map((node) => partition[node] ?? 0);
}

function shuffled(n: number, random: Random): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return order;
}

/** Leiden's fast local moving: a queue of nodes, re-queuing only the neighbours of moved ones. */
function moveNodesFast(graph: WeightedGraph, start: Uint32Array, resolution: number, random: Random): Uint32Array {
  const n = graph.nodes;
  const membership = Uint32Array.from(start);
  const communityStrength = new Float64Array(n);
  const size = new Uint32Array(n);
  for (let v = 0; v < n; v += 1) {
    const c = membership[v] ?? 0;
    communityStrength[c] = (communityStrength[c] ?? 0) + (graph.strength[v] ?? 0);
    size[c] = (size[c] ?? 0) + 1;
  }
  const empty: number[] = [];
  for (let c = n - 1; c >= 0; c -= 1) if (size[c] === 0) empty.push(c);
  const queue = shuffled(n, random);
  const queued = new Uint8Array(n).fill(1);
  let head = 0;
  let pending = n;
  const weightTo = new Float64Array(n);
  const touched: number[] = [];
  while (pending > 0) {
    const v = queue[head] ?? 0;
    head = (head + 1) % n;
    pending -= 1;
    queued[v] = 0;
    const current = membership[v] ?? 0;
    const k = graph.strength[v] ?? 0;
    for (let i = graph.offsets[v] ?? 0; i < (graph.offsets[v + 1] ?? 0); i += 1) {
      const c = membership[graph.neighbours[i] ?? 0] ?? 0;
      if (weightTo[c] === 0) touched.push(c);
      weightTo[c] = (weightTo[c] ?? 0) + (graph.weights[i] ?? 0);
    }
    communityStrength[current] = (communityStrength[current] ?? 0) - k;
    size[current] = (size[current] ?? 0) - 1;
    const gain = (c: number) => (weightTo[c] ?? 0) - (resolution * k * (communityStrength[c] ?? 0)) / graph.total;
    let best = current;
    let bestGain = gain(current);
    for (const c of touched) {
      const g = gain(c);
      if (g > bestGain + 1e-12) {
        best = c;
        bestGain = g;
      }
    }
    // Alone in a fresh community scores 0 (or stays put if v already was alone).
    if (bestGain < -1e-12 && (size[current] ?? 0) > 0) {
      best = empty.pop() ?? current;
    }
    for (const c of touched) weightTo[c] = 0;
    touched.length = 0;
    if (size[current] === 0 && best !== current) empty.push(current);
    membership[v] = best;
    communityStrength[best] = (communityStrength[best] ?? 0) + k;
    size[best] = (size[best] ?? 0) + 1;
    if (best === current) continue;
    for (let i = graph.offsets[v] ?? 0; i < (graph.offsets[v + 1] ?? 0); i += 1) {
      const u = graph.neighbours[i] ?? 0;
      if (!queued[u] && membership[u] !== best) {
        queued[u] = 1;
        queue[(head + pending) % n] = u;
        pending += 1;
      }
    }
  }
  return renumber(membership);
}

/**
 * Refinement: within each community of `partition`, singletons merge into well-connected
 * sub-communities of the same community when that raises modularity. A node v (or part T) is
 * well connected to its community C when E(v, C − v) ≥ γ · k_v · (K_C − k_v) / 2m.
 */
function refine(graph: WeightedGraph, partition: Uint32Array, resolution: number, random: Random): Uint32Array {
  const n = graph.nodes;
  const refined = Uint32Array.from({ length: n }, (_, v) => v);
  const refinedStrength = Float64Array.from(graph.strength);
  const singleton = new Uint8Array(n).fill(1);
  const communityStrength = new Float64Array(n);
  for (let v = 0; v < n; v += 1) communityStrength[partition[v] ?? 0] = (communityStrength[partition[v] ?? 0] ?? 0) + (graph.strength[v] ?? 0);
  // external[T]: weight from part T to the rest of its community.
  const external = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    for (let i = graph.offsets[v] ?? 0; i < (graph.offsets[v + 1] ?? 0); i += 1) {
      if (partition[graph.neighbours[i] ?? 0] === partition[v]) external[v] = (external[v] ?? 0) + (graph.weights[i] ?? 0);
    }
  }
  const weightTo = new Float64Array(n);
  const touched: number[] = [];
  for (const v of shuffled(n, random)) {
    if (!singleton[v]) continue;
    const community = partition[v] ?? 0;
    const k = graph.strength[v] ?? 0;
    const total = communityStrength[community] ?? 0;
    if ((external[v] ?? 0) < (resolution * k * (total - k)) / graph.total) continue;
    for (let i = graph.offsets[v] ?? 0; i < (graph.offsets[v + 1] ?? 0); i += 1) {
      const u = graph.neighbours[i] ?? 0;
      if (partition[u] !== community) continue;
      const part = refined[u] ?? 0;
      if (part === refined[v]) continue;
      if (weightTo[part] === 0) touched.push(part);
      weightTo[part] = (weightTo[part] ?? 0) + (graph.weights[i] ?? 0);
    }
    let best = -1;
    let bestGain = 0;
    for (const part of touched) {
      const partStrength = refinedStrength[part] ?? 0;
      if ((external[part] ?? 0) < (resolution * partStrength * (total - partStrength)) / graph.total) continue;
      const gain = (weightTo[part] ?? 0) - (resolution * k * partStrength) / graph.total;
      if (gain > bestGain + 1e-12 || (best >= 0 && Math.abs(gain - bestGain) <= 1e-12 && part < best)) {
        best = part;
        bestGain = gain;
      }
    }
    if (best >= 0) {
      const between = weightTo[best] ?? 0;
      refined[v] = best;
      refinedStrength[best] = (refinedStrength[best] ?? 0) + k;
      // v's edges to the part become internal; its other edges in the community become the part's.
      external[best] = (external[best] ?? 0) + (external[v] ?? 0) - 2 * between;
      singleton[v] = 0;
      singleton[best] = 0;
    }
    for (const part of touched) weightTo[part] = 0;
    touched.length = 0;
  }
  return renumber(refined);
}

/** One node per part of `membership`; edges inside a part become its self-loop. */
function aggregateGraph(graph: WeightedGraph, membership: Uint32Array): { aggregate: WeightedGraph; nodeOf: Uint32Array } {
  const parts = graph.nodes === 0 ? 0 : largest(membership) + 1;
  const members: number[][] = Array.from({ length: parts }, () => []);
  for (let v = 0; v < graph.nodes; v += 1) members[membership[v] ?? 0]?.push(v);
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const weightTo = new Float64Array(parts);
  const touched: number[] = [];
  for (let part = 0; part < parts; part += 1) {
    let inside = 0;
    for (const v of members[part] ?? []) {
      inside += graph.selfLoops[v] ?? 0;
      for (let i = graph.offsets[v] ?? 0; i < (graph.offsets[v + 1] ?? 0); i += 1) {
        const other = membership[graph.neighbours[i] ?? 0] ?? 0;
        const w = graph.weights[i] ?? 0;
        if (other === part)
          inside += w / 2; // seen from both ends
        else if (other > part) {
          if (weightTo[other] === 0) touched.push(other);
          weightTo[other] = (weightTo[other] ?? 0) + w;
        }
      }
    }
    if (inside > 0) {
      from.push(part);
      to.push(part);
      weight.push(inside);
    }
    for (const other of touched.sort((a, b) => a - b)) {
      from.push(part);
      to.push(other);
      weight.push(weightTo[other] ?? 0);
      weightTo[other] = 0;
    }
    touched.length = 0;
  }
  return { aggregate: weightedGraph(parts, [from, to, weight]), nodeOf: membership };
}

function largest(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i += 1) max = Math.max(max, values[i] ?? 0);
  return max;
}

/** Labels → 0 … count − 1 in order of first appearance. */
function renumber(labels: Uint32Array): Uint32Array {
  const next = new Map<number, number>();
  return labels.map((label) => {
    let id = next.get(label);
    if (id === undefined) {
      id = next.size;
      next.set(label, id);
    }
    return id;
  });
}
