import type DataLoader from 'dataloader';
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

const PERSONAL: Strategy[] = ['ALSO_ENGAGED', 'FRIENDS', 'INTERESTS'];

/**
 * "You may like": per strategy, one batched statement for every user on the page. AUTO fuses
 * the personal strategies by rank (reciprocal rank fusion, as lookalike does) and fills up
 * with popular products when there is too little to go on (cold start). Products the user
 * already bought are never recommended (each query excludes them).
 */
export class RecommendationsService {
  private readonly loaders: Record<Strategy, DataLoader<{ id: string; args: { limit: number } }, Recommendation[], string>>;

  constructor(db: Db, loaderOptions?: LoaderOptions) {
    const loader = (strategy: Strategy) =>
      groupedLoader(async (userIds: string[], { limit }: { limit: number }) => {
        const rows = await db.query(recommendationQueries[strategy], { userIds, limit: int(limit), ...CO_ENGAGEMENT_BOUNDS });
        return groupBy(rows, (row) => row.userId, (row): Recommendation => ({
          product: toProduct(row.product),
          score: row.score,
          strategy,
          reason: reasonFor(strategy, toSafeNumber(row.evidence)),
        }));
      }, () => [], loaderOptions);
    this.loaders = { ALSO_ENGAGED: loader('ALSO_ENGAGED'), FRIENDS: loader('FRIENDS'), INTERESTS: loader('INTERESTS'), POPULAR: loader('POPULAR') };
  }

  async forUser(userId: string, first: number, strategy: RequestedStrategy): Promise<Recommendation[]> {
    if (strategy !== 'AUTO') return this.loaders[strategy].load({ id: userId, args: { limit: first } });
    const lists = await Promise.all(PERSONAL.map((s) => this.loaders[s].load({ id: userId, args: { limit: first * 2 } })));
    const fused = new Map<string, { item: Recommendation; score: number }>();
    for (const list of lists) {
      list.forEach((item, rank) => {
        const entry = fused.get(item.product.id);
        const contribution = 61 / (60 + rank + 1);
        if (entry) entry.score += contribution;
        else fused.set(item.product.id, { item, score: contribution });
      });
    }
    const personal = [...fused.values()].sort((a, b) => b.score - a.score || a.item.product.id.localeCompare(b.item.product.id))
      .map(({ item, score }) => ({ ...item, score }));
    if (personal.length >= first) return personal.slice(0, first);
    const popular = await this.loaders.POPULAR.load({ id: userId, args: { limit: first } });
    const seen = new Set(personal.map((item) => item.product.id));
    return [...personal, ...popular.filter((item) => !seen.has(item.product.id))].slice(0, first);
  }
}
