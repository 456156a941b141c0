import { fuseRankedLists } from '../lib/rank-fusion.js';
import type { Recommendation, RecommendationLoaders, RequestedStrategy, Strategy } from './loaders.js';

/**
 * AUTO's trust in each strategy (weights of its rank fusion). Item-to-item co-engagement is the
 * strongest evidence once the user has a history; friends' engagement next; interests and
 * popularity are priors that mostly help users with little history. Measured by
 * `npm run bench:recommendations` (Last.fm, hidden artists; docs/ALGORITHMS.md#recommendations).
 */
const AUTO_WEIGHTS: Record<Strategy, number> = { ALSO_ENGAGED: 2, FRIENDS: 1, INTERESTS: 0.5, POPULAR: 0.5 };
/** Below this many own products, co-engagement's weight shrinks in proportion: its neighbourhoods are thin. */
const FULL_HISTORY = 5;
/** Rank fusion's k for lists of 2 × first items (src/lib/rank-fusion.ts: short lists need a small k). */
const AUTO_RANK_K = 10;
const STRATEGIES: Strategy[] = ['ALSO_ENGAGED', 'FRIENDS', 'INTERESTS', 'POPULAR'];

/**
 * "You may like": per strategy, one batched statement for every user on the page. AUTO fuses
 * every strategy by rank, each weighted by how much it is trusted for this user (AUTO_WEIGHTS,
 * FULL_HISTORY), so a new user gets mostly friends' and popular products and a long-standing
 * one mostly item-to-item. Products the user already bought, viewed or rated are never
 * recommended (each query excludes them).
 */
export class RecommendationsService {
  constructor(private readonly loaders: RecommendationLoaders) {}

  async forUser(userId: string, first: number, strategy: RequestedStrategy): Promise<Recommendation[]> {
    if (strategy !== 'AUTO') return this.loaders[strategy].load({ id: userId, args: { limit: first } });
    const lists = await Promise.all(STRATEGIES.map((s) => this.loaders[s].load({ id: userId, args: { limit: first * 2 } })));
    const weightOf = (s: Strategy, items: readonly Recommendation[]) =>
      s === 'ALSO_ENGAGED' ? AUTO_WEIGHTS[s] * Math.min(1, (items[0]?.known ?? 0) / FULL_HISTORY) : AUTO_WEIGHTS[s];
    return fuseRankedLists(
      lists.map((items, i) => ({ items, weight: weightOf(STRATEGIES[i] as Strategy, items) })),
      (item) => item.product.id,
      AUTO_RANK_K,
    )
      .slice(0, first)
      .map(({ item, score }) => ({ ...item, score }));
  }
}
