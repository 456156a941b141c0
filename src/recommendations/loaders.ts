import { toProduct, type Product } from '../catalog/index.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { groupBy, groupedLoader, type LoaderOptions } from '../graphql/grouped-loader.js';
import { recommendationQueries } from './queries.js';

export type Strategy = keyof typeof recommendationQueries;
export type RequestedStrategy = Strategy | 'AUTO';

export interface Recommendation {
  product: Product;
  score: number;
  strategy: Strategy;
  reason: string;
}

function reasonFor(strategy: Strategy, evidence: number): string {
  switch (strategy) {
    case 'ALSO_ENGAGED':
      return `people who engaged with ${evidence} of your product${evidence === 1 ? '' : 's'} also engaged with it`;
    case 'FRIENDS':
      return `bought by ${evidence} of your friends`;
    case 'INTERESTS':
      return `matches ${evidence} of your interests`;
    case 'POPULAR':
      return `popular: bought by ${evidence} people`;
  }
}

/**
 * ALSO_ENGAGED samples each hop of its three-hop expansion (issue 12: unbounded, a page of 90
 * Last.fm users ran into the transaction timeout): per user at most 200 × 50 paths.
 */
const CO_ENGAGEMENT_BOUNDS = { maxOwnProducts: int(30), maxCoEngagers: int(200), maxProductsPerUser: int(50) };

/** Per-request loaders: one per strategy, each one batched statement for every user on a page. */
export function createRecommendationLoaders(db: Db, options?: LoaderOptions) {
  const loader = (strategy: Strategy) =>
    groupedLoader(
      async (userIds: string[], { limit }: { limit: number }) => {
        const rows = await db.query(recommendationQueries[strategy], { userIds, limit: int(limit), ...CO_ENGAGEMENT_BOUNDS });
        return groupBy(
          rows,
          (row) => row.userId,
          (row): Recommendation => ({
            product: toProduct(row.product),
            score: row.score,
            strategy,
            reason: reasonFor(strategy, toSafeNumber(row.evidence)),
          }),
        );
      },
      () => [],
      options,
    );
  return { ALSO_ENGAGED: loader('ALSO_ENGAGED'), FRIENDS: loader('FRIENDS'), INTERESTS: loader('INTERESTS'), POPULAR: loader('POPULAR') };
}
export type RecommendationLoaders = ReturnType<typeof createRecommendationLoaders>;
