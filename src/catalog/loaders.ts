import type DataLoader from 'dataloader';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { byIdListLoader, byIdLoader, groupBy, groupedLoader } from '../graphql/grouped-loader.js';
import type { LoaderOptions } from '../graphql/grouped-loader.js';
import { toListedUser, type ListedUsersArgs, type User } from '../profiles/index.js';
import { catalogQueries } from './queries.js';
import { toProduct, type Product, type ProductInterest } from './types.js';

export interface CatalogLoaders {
  productById: DataLoader<string, Product | null>;
  interestsByProductId: DataLoader<string, ProductInterest[]>;
  /** Buyers page per product; fetches limit+1 to know whether a next page exists. */
  buyersByProductId: DataLoader<{ id: string; args: ListedUsersArgs }, User[], string>;
  buyerCount: DataLoader<string, number | null>;
}

export function createCatalogLoaders(db: Db, options?: LoaderOptions): CatalogLoaders {
  return {
    productById: byIdLoader(async (ids) => {
      const rows = await db.query(catalogQueries.productsByIds, { ids });
      return new Map(rows.map((row) => [row.product.id, toProduct(row.product)]));
    }, options),
    interestsByProductId: byIdListLoader(async (productIds) => {
      const rows = await db.query(catalogQueries.interestsByProductIds, { productIds });
      return groupBy(
        rows,
        (row) => row.productId,
        (row) => ({ interest: { id: row.interestId, name: row.name }, weight: row.weight }),
      );
    }, options),
    buyersByProductId: groupedLoader(
      async (productIds, { after, limit, cards }: ListedUsersArgs) => {
        const rows = await db.query(catalogQueries.buyersByProductIds, { productIds, after, limit: int(limit + 1), cards });
        return groupBy(
          rows,
          (row) => row.productId,
          (row) => toListedUser(row.user),
        );
      },
      () => [],
      options,
    ),
    buyerCount: byIdLoader(async (productIds) => {
      const rows = await db.query(catalogQueries.buyerCountsByProductIds, { productIds });
      return new Map(rows.map((row) => [row.productId, toSafeNumber(row.total)]));
    }, options),
  };
}
