import type { Projection } from '../analytics/projection.js';

export interface PageRankOptions {
  dampingFactor: number;
  maxIterations: number;
  tolerance: number;
}

/** The defaults of Neo4j GDS's gds.pageRank (GDS manual, "PageRank", configuration). */
export const GDS_PAGERANK_DEFAULTS: PageRankOptions = { dampingFactor: 0.85, maxIterations: 20, tolerance: 1e-7 };

export interface PageRankResult {
  scores: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Weighted PageRank with the semantics of GDS (so the two backends can agree to a small
 * tolerance): scores are not normalised, every node starts at and teleports with 1 − d,
 *   PR(v) = (1 − d) + d · Σ_{u→v} PR(u) · w(u,v) / W(u),   W(u) = Σ out-weights of u,
 * mass of nodes with no out-edges is not redistributed, and iteration stops once no score
 * moves by `tolerance` or more, or after `maxIterations`. Followees gain: an edge u→v
 * (u follows v) passes u's score to v.
 *
 * Iterations are counted as GDS counts them: GDS runs PageRank on Pregel, whose first
 * superstep only initialises, so `maxIterations: 20` performs 19 updates. Checked against
 * gds.pageRank.stream 2.13 on the same graph (tests/contracts/analytics.test.ts).
 */
export function pageRank(graph: Projection, options: PageRankOptions = GDS_PAGERANK_DEFAULTS, onIteration?: (i: number) => void): PageRankResult {
  const n = graph.ids.length;
  const m = graph.sources.length;
  const outWeight = new Float64Array(n);
  for (let e = 0; e < m; e += 1) {
    const u = graph.sources[e] ?? 0;
    outWeight[u] = (outWeight[u] ?? 0) + (graph.weights[e] ?? 0);
  }
  const base = 1 - options.dampingFactor;
  let scores = new Float64Array(n).fill(base);
  let next = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  const updates = Math.max(0, options.maxIterations - 1);
  while (iterations < updates) {
    next.fill(0);
    for (let e = 0; e < m; e += 1) {
      const u = graph.sources[e] ?? 0;
      const w = outWeight[u] ?? 0;
      if (w > 0) {
        const v = graph.targets[e] ?? 0;
        next[v] = (next[v] ?? 0) + ((scores[u] ?? 0) * (graph.weights[e] ?? 0)) / w;
      }
    }
    let maxDelta = 0;
    for (let v = 0; v < n; v += 1) {
      const value = base + options.dampingFactor * (next[v] ?? 0);
      maxDelta = Math.max(maxDelta, Math.abs(value - (scores[v] ?? 0)));
      next[v] = value;
    }
    [scores, next] = [next, scores];
    iterations += 1;
    onIteration?.(iterations);
    if (maxDelta < options.tolerance) {
      converged = true;
      break;
    }
  }
  return { scores, iterations, converged };
}
