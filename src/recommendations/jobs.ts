import type { AnalyticsTask, TaskContext } from '../analytics/index.js';
import { int } from '../db/values.js';
import { chunks } from '../lib/chunks.js';
import { writeInterestVectors } from '../lookalike/index.js';
import { engagementsFrom, itemNeighbours } from './item-neighbours.js';
import { recommendationJobQueries } from './queries.js';

/** Neighbours kept per product; a user's score sums them over their (at most 50) products. */
export const NEIGHBOURS_KEPT = 50;
/** Products kept per interest for INTERESTS; a user's score sums them over their interests. */
export const INTEREST_PRODUCTS_KEPT = 200;
/** POPULAR's list: more than a page, so a user's own products can be skipped. */
export const POPULAR_KEPT = 500;
const MAX_PRODUCTS_PER_USER = 100;
const USER_PAGE = 10_000;
const WRITE_BATCH = 2_000;

/**
 * RECOMMENDATIONS: what the strategies read, so a user's recommendations are a few indexed
 * reads whatever the graph's size (docs/ALGORITHMS.md#recommendations): item neighbours
 * (exact cosine, item-neighbours.ts) on each Product, each interest's top products, the most
 * engaged products, and every user's interest vector for "people like you"
 * (lookalike/interest-vectors.ts). Computed in the worker from a streamed copy of the consenting users'
 * engagement; the same on either backend.
 */
export const recommendationsTask: AnalyticsTask = {
  kind: 'RECOMMENDATIONS',
  async run(context) {
    await context.progress(0, 'reading engagement');
    const { productIds, baskets } = await streamEngagements(context);
    await context.progress(0.4, 'item neighbours');
    const neighbours = itemNeighbours(engagementsFrom(productIds, baskets), NEIGHBOURS_KEPT);
    let written = 0;
    for (const batch of chunks(
      productIds.map((_, p) => p),
      WRITE_BATCH,
    )) {
      const rows = batch
        .filter((p) => (neighbours.ids[p]?.length ?? 0) > 0)
        .map((p) => ({
          productId: productIds[p] ?? '',
          ids: Array.from(neighbours.ids[p] ?? [], (q) => productIds[q] ?? ''),
          similarities: Array.from(neighbours.similarities[p] ?? []),
        }));
      if (rows.length > 0) await context.db.mutate(recommendationJobQueries.writeAlsoEngaged, { rows, jobId: context.jobId });
      written += batch.length;
      await context.progress(0.5 + (0.35 * written) / Math.max(1, productIds.length), 'writing item neighbours');
    }
    await context.db.mutate(recommendationJobQueries.clearStaleAlsoEngaged, { jobId: context.jobId });
    await context.progress(0.85, 'interest vectors');
    const vectors = await writeInterestVectors(context.db, context.jobId, (users) =>
      context.progress(0.85 + 0.05 * Math.min(1, users / 1e6), 'interest vectors'),
    );
    await context.progress(0.9, 'interest products');
    await context.db.mutate(recommendationJobQueries.writeInterestTopProducts, { keep: int(INTEREST_PRODUCTS_KEPT) });
    await context.db.mutate(recommendationJobQueries.publish, { jobId: context.jobId, popular: int(POPULAR_KEPT) });
    return {
      productsWithNeighbours: int(neighbours.ids.filter((list) => list.length > 0).length),
      engagedUsers: int(baskets.length),
      interestVectors: int(vectors),
    };
  },
};

/** Every consenting user's products, as product indices, paged by user id. */
async function streamEngagements(context: TaskContext): Promise<{ productIds: string[]; baskets: number[][] }> {
  const productIds: string[] = [];
  const index = new Map<string, number>();
  const baskets: number[][] = [];
  let after = '';
  for (;;) {
    const rows = await context.db.query(recommendationJobQueries.streamEngagements, {
      after,
      limit: int(USER_PAGE),
      maxProductsPerUser: int(MAX_PRODUCTS_PER_USER),
    });
    for (const row of rows) {
      if (row.products.length === 0) continue;
      baskets.push(
        row.products.map((id) => {
          let at = index.get(id);
          if (at === undefined) {
            at = productIds.length;
            index.set(id, at);
            productIds.push(id);
          }
          return at;
        }),
      );
    }
    if (rows.length < USER_PAGE) break;
    after = rows.at(-1)?.userId ?? after;
    await context.progress(0.4 * Math.min(0.99, baskets.length / 1e6), 'reading engagement');
  }
  return { productIds, baskets };
}
