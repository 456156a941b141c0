/**
 * KOLs within each interest, computed by the INFLUENCE job (docs/ALGORITHMS.md#kols-within-an-interest)
 * so that `keyOpinionLeaders(interest:)` is one indexed read: at 100,000 users the live
 * statement read an interest's whole audience and its follows per request (1.2 s).
 *
 * For an interest's audience (consenting users who hold it), a user's topicalReach is how many
 * of their followers are in it, and score = influence × topicalReach / followers: the share of
 * their PageRank that flows in from that audience under uniform follow weights. Followers and
 * reach are counted on the job's projection (consenting users both ends), the graph the
 * PageRank ran on, so the share is of the score it explains. Exact over the whole audience.
 */
import type { Projection } from '../analytics/index.js';
import { compareIds } from '../lib/compare-ids.js';
import { TopK } from '../lib/top-k.js';

/** Kept per interest: kolSet(interest:) draws its 200 candidates from them, with room for withdrawals. */
export const INTEREST_KOLS_KEPT = 250;

export interface InterestKol {
  /** Node index in the projection. */
  index: number;
  score: number;
  topicalReach: number;
}

/** In-degree of every node of the projection (its followers among consenting users). */
export function followerCounts(projection: Projection): Uint32Array {
  const counts = new Uint32Array(projection.ids.length);
  for (const target of projection.targets) counts[target] = (counts[target] ?? 0) + 1;
  return counts;
}

/**
 * The `keep` best-scored users for one audience (a mark per node index), best first; ties by id.
 * `reach` is scratch space of the projection's size, left zeroed for the next interest.
 */
export function kolsForAudience(
  projection: Projection,
  influence: Float64Array,
  followers: Uint32Array,
  audience: Uint8Array,
  keep: number,
  reach: Uint32Array,
): InterestKol[] {
  const { sources, targets } = projection;
  const reached: number[] = [];
  for (let edge = 0; edge < sources.length; edge++) {
    if (audience[sources[edge] ?? 0] !== 1) continue;
    const target = targets[edge] ?? 0;
    if (reach[target] === 0) reached.push(target);
    reach[target] = (reach[target] ?? 0) + 1;
  }
  const best = new TopK<InterestKol>(
    keep,
    (kol) => kol.score,
    (a, b) => b.score - a.score || compareIds(projection.ids[a.index] ?? '', projection.ids[b.index] ?? ''),
  );
  for (const index of reached) {
    const topicalReach = reach[index] ?? 0;
    reach[index] = 0;
    best.add({ index, topicalReach, score: ((influence[index] ?? 0) * topicalReach) / Math.max(1, followers[index] ?? 0) });
  }
  return best.result();
}
