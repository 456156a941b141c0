import { toProduct, type Product } from '../catalog/index.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { groupBy, groupedLoader, type LoaderOptions } from '../graphql/grouped-loader.js';
import type { Locale } from '../graphql/locale.js';
import { recommendationQueries } from './queries.js';

export type Strategy = keyof typeof recommendationQueries;
export type RequestedStrategy = Strategy | 'AUTO';

export interface Recommendation {
  product: Product;
  score: number;
  strategy: Strategy;
  /** What the reason counts (people, friends, interests, engagements: see reasonFor), phrased per caller. */
  evidence: number;
  /** ALSO_ENGAGED: found through the item neighbours (products engaged with alongside the user's own), not co-engagers. */
  byNeighbours: boolean;
  /** ALSO_ENGAGED: how many of the user's own products the score stands on. */
  known?: number;
}

/** Why a product is recommended, in the caller's language ('3 of your friends engaged with it'). */
export function reasonFor(recommendation: Pick<Recommendation, 'strategy' | 'evidence' | 'byNeighbours'>, locale: Locale = 'en'): string {
  const { strategy, evidence, byNeighbours } = recommendation;
  if (locale === 'zh-CN') {
    switch (strategy) {
      case 'ALSO_ENGAGED':
        return byNeighbours ? `常与你的 ${evidence} 件商品一起被互动` : `${evidence} 位与你有共同商品的用户互动过它`;
      case 'FRIENDS':
        return `${evidence} 位好友互动过它`;
      case 'INTERESTS':
        return `符合你的 ${evidence} 个兴趣`;
      case 'POPULAR':
        return `热门：${evidence} 次购买、浏览和评分`;
    }
  }
  switch (strategy) {
    case 'ALSO_ENGAGED':
      return byNeighbours
        ? `often engaged with alongside ${evidence} of your products`
        : `${evidence} ${evidence === 1 ? 'person' : 'people'} with products in common with you engaged with it`;
    case 'FRIENDS':
      return `${evidence} of your friends engaged with it`;
    case 'INTERESTS':
      return `matches ${evidence} of your interests`;
    case 'POPULAR':
      return `popular: ${evidence} purchases, views and ratings`;
  }
}

/**
 * ALSO_ENGAGED samples each hop of its three-hop expansion (issue 12: unbounded, a page of 90
 * Last.fm users ran into the transaction timeout): per user at most 50 × 500 + 500 × 50 paths.
 */
const CO_ENGAGEMENT_BOUNDS = { maxOwnProducts: int(50), maxCoEngagersPerProduct: int(500), maxCoEngagers: int(500), maxProductsPerUser: int(50) };

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
            evidence: toSafeNumber(row.evidence),
            byNeighbours: row.byNeighbours === true,
            ...(row.known === undefined ? {} : { known: toSafeNumber(row.known) }),
          }),
        );
      },
      () => [],
      options,
    );
  return { ALSO_ENGAGED: loader('ALSO_ENGAGED'), FRIENDS: loader('FRIENDS'), INTERESTS: loader('INTERESTS'), POPULAR: loader('POPULAR') };
}
export type RecommendationLoaders = ReturnType<typeof createRecommendationLoaders>;
