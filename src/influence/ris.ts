import type { Projection } from '../analytics/projection.js';
import { createRandom } from '../ingest/random.js';

export interface SpreadOptions {
  /** Independent-cascade probability that a reached user passes it on to each follower. */
  probability: number;
  /** Reverse-reachable sets sampled: more is closer to the true spread, and slower. */
  samples: number;
  seed: number;
}

export const DEFAULT_SPREAD_OPTIONS: SpreadOptions = { probability: 0.05, samples: 50_000, seed: 7 };

export interface SpreadMaximisation {
  /** Node indices in greedy order: the first k are the chosen set for any k (greedy is prefix-consistent). */
  order: number[];
  /** Estimated expected reach of the first i + 1 nodes of `order` (people, seeds included). */
  spread: number[];
}

/**
 * Influence maximisation under the independent cascade model (Kempe, Kleinberg & Tardos, KDD
 * 2003) by reverse influence sampling (Borgs, Brautbar, Chayes & Lucier, SODA 2014; Tang, Xiao
 * & Shi's TIM, SIGMOD 2014): sample random "reverse-reachable" sets — everyone who would have
 * reached a random user in one random live-edge draw — then pick greedily the users that
 * cover the most sets. Covered fraction × n estimates the expected reach, and greedy keeps
 * the (1 − 1/e) guarantee of maximum coverage.
 *
 * Influence flows against the FOLLOWS direction: if v follows u, u can reach v. So the users
 * who can reach v are found by walking v's follows (out-edges), each edge alive with
 * probability p.
 */
/** Reverse-reachable sets, stored both ways in flat arrays (sets can number in the 100,000s). */
export interface ReverseReachableSets {
  nodes: number;
  samples: number;
  /** Members of set s: setMembers[setOffsets[s] .. setOffsets[s + 1]). */
  setOffsets: Uint32Array;
  setMembers: Uint32Array;
  /** Sets containing node v: nodeSets[nodeOffsets[v] .. nodeOffsets[v + 1]). */
  nodeOffsets: Uint32Array;
  nodeSets: Uint32Array;
}

export function sampleReverseReachable(graph: Projection, options: SpreadOptions = DEFAULT_SPREAD_OPTIONS): ReverseReachableSets {
  const n = graph.ids.length;
  // CSR of out-edges (follows), built once.
  const offsets = new Uint32Array(n + 1);
  for (const source of graph.sources) offsets[source + 1] = (offsets[source + 1] ?? 0) + 1;
  for (let v = 0; v < n; v += 1) offsets[v + 1] = (offsets[v + 1] ?? 0) + (offsets[v] ?? 0);
  const follows = new Uint32Array(graph.sources.length);
  const fill = offsets.slice(0, n);
  for (let e = 0; e < graph.sources.length; e += 1) {
    const source = graph.sources[e] ?? 0;
    follows[fill[source] ?? 0] = graph.targets[e] ?? 0;
    fill[source] = (fill[source] ?? 0) + 1;
  }
  const random = createRandom(options.seed, 31);
  const visited = new Int32Array(n).fill(-1);
  const setOffsets = new Uint32Array(options.samples + 1);
  let members: number[] = [];
  const nodeCount = new Uint32Array(n);
  for (let sample = 0; sample < (n === 0 ? 0 : options.samples); sample += 1) {
    const root = Math.floor(random() * n);
    const stack = [root];
    visited[root] = sample;
    while (stack.length > 0) {
      const v = stack.pop() ?? 0;
      members.push(v);
      nodeCount[v] = (nodeCount[v] ?? 0) + 1;
      for (let i = offsets[v] ?? 0; i < (offsets[v + 1] ?? 0); i += 1) {
        const u = follows[i] ?? 0;
        if (visited[u] !== sample && random() < options.probability) {
          visited[u] = sample;
          stack.push(u);
        }
      }
    }
    setOffsets[sample + 1] = members.length;
  }
  const setMembers = Uint32Array.from(members);
  members = [];
  const nodeOffsets = new Uint32Array(n + 1);
  for (let v = 0; v < n; v += 1) nodeOffsets[v + 1] = (nodeOffsets[v] ?? 0) + (nodeCount[v] ?? 0);
  const nodeSets = new Uint32Array(setMembers.length);
  const cursor = nodeOffsets.slice(0, n);
  for (let set = 0; set < options.samples && n > 0; set += 1) {
    for (let i = setOffsets[set] ?? 0; i < (setOffsets[set + 1] ?? 0); i += 1) {
      const v = setMembers[i] ?? 0;
      nodeSets[cursor[v] ?? 0] = set;
      cursor[v] = (cursor[v] ?? 0) + 1;
    }
  }
  return { nodes: n, samples: n === 0 ? 0 : options.samples, setOffsets, setMembers, nodeOffsets, nodeSets };
}

/** Greedy maximum coverage of the sets: the first k of `order` are the chosen seeds for any k. */
export function greedySeeds(rr: ReverseReachableSets, k: number, allowed?: (v: number) => boolean): SpreadMaximisation {
  const gain = new Int32Array(rr.nodes);
  for (let v = 0; v < rr.nodes; v += 1) gain[v] = allowed && !allowed(v) ? -1 : (rr.nodeOffsets[v + 1] ?? 0) - (rr.nodeOffsets[v] ?? 0);
  const covered = new Uint8Array(rr.samples);
  const order: number[] = [];
  const spread: number[] = [];
  let coveredCount = 0;
  while (order.length < Math.min(k, rr.nodes)) {
    let best = -1;
    for (let v = 0; v < rr.nodes; v += 1) if ((gain[v] ?? -1) >= 0 && (best < 0 || (gain[v] ?? 0) > (gain[best] ?? 0))) best = v;
    if (best < 0) break;
    for (let i = rr.nodeOffsets[best] ?? 0; i < (rr.nodeOffsets[best + 1] ?? 0); i += 1) {
      const set = rr.nodeSets[i] ?? 0;
      if (covered[set]) continue;
      covered[set] = 1;
      coveredCount += 1;
      // Every member of a newly covered set gains one set less.
      for (let j = rr.setOffsets[set] ?? 0; j < (rr.setOffsets[set + 1] ?? 0); j += 1) {
        const member = rr.setMembers[j] ?? 0;
        if ((gain[member] ?? -1) > 0) gain[member] = (gain[member] ?? 0) - 1;
      }
    }
    gain[best] = -1;
    order.push(best);
    spread.push(rr.samples === 0 ? 0 : (coveredCount / rr.samples) * rr.nodes);
  }
  return { order, spread };
}

/** Estimated reach of each prefix of a given order (for comparing other choices on the same samples). */
export function prefixSpread(rr: ReverseReachableSets, order: readonly number[]): number[] {
  const covered = new Uint8Array(rr.samples);
  let coveredCount = 0;
  return order.map((v) => {
    for (let i = rr.nodeOffsets[v] ?? 0; i < (rr.nodeOffsets[v + 1] ?? 0); i += 1) {
      const set = rr.nodeSets[i] ?? 0;
      if (!covered[set]) {
        covered[set] = 1;
        coveredCount += 1;
      }
    }
    return rr.samples === 0 ? 0 : (coveredCount / rr.samples) * rr.nodes;
  });
}
