import { fuseRankedLists } from '../lib/rank-fusion.js';
import type { Recommendation, RecommendationLoaders, RequestedStrategy, Strategy } from './loaders.js';

const PERSONAL: Strategy[] = ['ALSO_ENGAGED', 'FRIENDS', 'INTERESTS'];

/**
 * "You may like": per strategy, one batched statement for every user on the page. AUTO fuses
 * the personal strategies by rank (reciprocal rank fusion, as lookalike does) and fills up
 * with popular products when there is too little to go on (cold start). Products the user
 * already bought are never recommended (each query excludes them).
 */
export class RecommendationsService {
  constructor(private readonly loaders: RecommendationLoaders) {}

  async forUser(userId: string, first: number, strategy: RequestedStrategy): Promise<Recommendation[]> {
    if (strategy !== 'AUTO') return this.loaders[strategy].load({ id: userId, args: { limit: first } });
    const lists = await Promise.all(PERSONAL.map((s) => this.loaders[s].load({ id: userId, args: { limit: first * 2 } })));
    const personal = fuseRankedLists(
      lists.map((items) => ({ items })),
      (item) => item.product.id,
    ).map(({ item, score }) => ({ ...item, score }));
    if (personal.length >= first) return personal.slice(0, first);
    const popular = await this.loaders.POPULAR.load({ id: userId, args: { limit: first } });
    const seen = new Set(personal.map((item) => item.product.id));
    return [...personal, ...popular.filter((item) => !seen.has(item.product.id))].slice(0, first);
  }
}
