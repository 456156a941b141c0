import type DataLoader from 'dataloader';
import type { Db } from '../db/db.js';
import { int, toIsoString, toSafeNumber } from '../db/values.js';
import { byIdLoader, groupBy, groupedLoader } from '../graphql/grouped-loader.js';
import type { LoaderOptions } from '../graphql/grouped-loader.js';
import { profileQueries } from './queries.js';
import { toUser, type Interest, type User, type UserInterest } from './types.js';

export interface ProfileLoaders {
  userById: DataLoader<string, User | null>;
  interestById: DataLoader<string, Interest | null>;
  interestUserCount: DataLoader<string, number | null>;
  interestsByUserId: DataLoader<{ id: string; args: { limit: number } }, UserInterest[], string>;
}

/** Per-request loaders: one query per batch, cache scoped to the request. */
export function createProfileLoaders(db: Db, options?: LoaderOptions): ProfileLoaders {
  return {
    userById: byIdLoader(async (ids) => {
      const rows = await db.query(profileQueries.usersByIds, { ids });
      return new Map(rows.map((row) => [row.id, toUser(row.user)]));
    }, options),
    interestById: byIdLoader(async (ids) => {
      const rows = await db.query(profileQueries.interestsByIds, { ids });
      return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name }]));
    }, options),
    interestUserCount: byIdLoader(async (ids) => {
      const rows = await db.query(profileQueries.interestUserCounts, { ids });
      return new Map(rows.map((row) => [row.id, toSafeNumber(row.userCount)]));
    }, options),
    interestsByUserId: groupedLoader(
      async (userIds, { limit }) => {
        const rows = await db.query(profileQueries.interestsByUserIds, { userIds, limit: int(limit) });
        return groupBy(
          rows,
          (row) => row.userId,
          (row): UserInterest => ({
            interest: { id: row.interestId, name: row.name },
            weight: row.weight,
            source: row.source ?? 'declared',
            updatedAt: toIsoString(row.updatedAt),
          }),
        );
      },
      () => [],
      options,
    ),
  };
}
