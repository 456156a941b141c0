import type DataLoader from 'dataloader';
import { toProduct, type Product } from '../catalog/index.js';
import type { Db } from '../db/db.js';
import { int, toIsoString, toNeo4jDateTime, toNullableNumber, toSafeNumber } from '../db/values.js';
import { byIdLoader, groupBy, groupedLoader } from '../graphql/grouped-loader.js';
import type { LoaderOptions } from '../graphql/grouped-loader.js';
import { toUser, type User } from '../profiles/index.js';
import { activityQueries } from './queries.js';

export interface Purchase {
  product: Product;
  at: string;
  quantity: number;
  amount: number | null;
}

export interface Review {
  user: User;
  /** As written: masked per role by the resolver. */
  text: string;
  rating: number | null;
  at: string;
}

export type PurchasePageArgs = { after: [string, string] | null; limit: number };

export interface ActivityLoaders {
  /** Fetches limit+1 purchases per user so the page knows whether more exist. */
  purchasesByUserId: DataLoader<{ id: string; args: PurchasePageArgs }, Purchase[], string>;
  purchaseCount: DataLoader<string, number | null>;
  /** The newest `limit` reviews per product, by consenting users. */
  reviewsByProductId: DataLoader<{ id: string; args: { limit: number } }, Review[], string>;
}

export function createActivityLoaders(db: Db, options?: LoaderOptions): ActivityLoaders {
  return {
    purchasesByUserId: groupedLoader(
      async (userIds, { after, limit }) => {
        const rows = await db.query(activityQueries.purchasesByUserIds, {
          userIds,
          afterAt: after ? toNeo4jDateTime(new Date(after[0])) : null,
          afterProductId: after?.[1] ?? null,
          limit: int(limit + 1),
        });
        return groupBy(
          rows,
          (row) => row.userId,
          (row): Purchase => ({
            product: toProduct(row.product),
            at: toIsoString(row.at) ?? '',
            quantity: toNullableNumber(row.quantity) ?? 1,
            amount: row.amount,
          }),
        );
      },
      () => [],
      options,
    ),
    reviewsByProductId: groupedLoader(
      async (productIds, { limit }) => {
        const rows = await db.query(activityQueries.reviewsByProductIds, { productIds, limit: int(limit) });
        return groupBy(
          rows,
          (row) => row.productId,
          (row): Review => ({ user: toUser(row.user), text: row.text, rating: toNullableNumber(row.rating), at: toIsoString(row.at) ?? '' }),
        );
      },
      () => [],
      options,
    ),
    purchaseCount: byIdLoader(async (userIds) => {
      const rows = await db.query(activityQueries.purchaseCountsByUserIds, { userIds });
      return new Map(rows.map((row) => [row.userId, toSafeNumber(row.total)]));
    }, options),
  };
}
