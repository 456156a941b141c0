import type { GraphQLResolveInfo } from 'graphql';
import { toProduct } from '../catalog/index.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import type { ListedUsersArgs } from '../profiles/index.js';
import { pageQueries, type ProductPageParams, type ProductPageRow } from './queries.js';
import { nodeSelection, plannedListedUsers, planProductPage, selects, type ProductPagePlan } from './selection.js';
import { primeNeighbour, type PageLoaders } from './user-pages.js';

/** The loader arguments each selected list resolves with: the same keys Product's resolvers build. */
interface PageArgs {
  interests: boolean;
  buyers: ListedUsersArgs | null;
  buyerCount: boolean;
}

/**
 * The look-ahead for product pages (Query.product, Query.products): one statement fetches each
 * product with its interest tags, the selected page of buyers with their follow counts, and the
 * buyer count, and primes the loaders Product's field resolvers read. As for user pages
 * (user-pages.ts), the resolvers still shape the response and report argument errors.
 */
export class ProductPagePrefetch {
  constructor(
    private readonly db: Db,
    private readonly loaders: PageLoaders,
    private readonly maxPageSize: number,
  ) {}

  async prefetch(ids: readonly string[], info: GraphQLResolveInfo, shape: 'node' | 'connection'): Promise<void> {
    if (ids.length === 0) return;
    const args = this.pageArgs(planProductPage(info, nodeSelection(info, shape)), info);
    // Nothing below the product's own fields: the product loader alone is one statement too.
    if (args === null || (!args.interests && !args.buyers)) return;
    const rows = await this.db.query(pageQueries.productPagesByIds, this.params(ids, args));
    for (const row of rows) this.prime(row, args);
    const found = new Set(rows.map((row) => row.id));
    for (const id of ids) if (!found.has(id)) this.loaders.catalog.productById.prime(id, null);
  }

  private pageArgs(plan: ProductPagePlan, info: GraphQLResolveInfo): PageArgs | null {
    try {
      return {
        interests: plan.interests !== undefined,
        buyers: plannedListedUsers(plan.buyers, info, this.maxPageSize),
        buyerCount: plan.buyers !== undefined && selects(plan.buyers.field, 'totalCount', info),
      };
    } catch {
      return null; // the field resolver reports the argument error with its path
    }
  }

  private params(ids: readonly string[], args: PageArgs): ProductPageParams {
    return {
      ids: [...ids],
      withInterests: args.interests,
      withBuyerCount: args.buyerCount,
      buyersLimit: args.buyers ? int(args.buyers.limit + 1) : null,
      buyersAfter: args.buyers?.after ?? '',
      buyersCards: args.buyers?.cards ?? false,
    };
  }

  private prime(row: ProductPageRow, args: PageArgs): void {
    const { catalog } = this.loaders;
    catalog.productById.prime(row.id, toProduct(row.product));
    if (args.interests) {
      catalog.interestsByProductId.prime(
        row.id,
        row.interests.map((tag) => ({ interest: { id: tag.interestId, name: tag.name }, weight: tag.weight })),
      );
    }
    const buyers = args.buyers;
    if (buyers) {
      catalog.buyersByProductId.prime(
        { id: row.id, args: buyers },
        row.buyers.map((buyer) => primeNeighbour(this.loaders, buyer, buyers)),
      );
    }
    if (args.buyerCount && row.buyerCount !== null) catalog.buyerCount.prime(row.id, toSafeNumber(row.buyerCount));
  }
}
