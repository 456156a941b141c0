import type DataLoader from 'dataloader';
import type { Db } from '../db/db.js';
import type { CypherQuery } from '../db/cypher.js';
import { int, toSafeNumber } from '../db/values.js';
import { byIdLoader, groupBy, groupedLoader } from '../graphql/grouped-loader.js';
import type { LoaderOptions } from '../graphql/grouped-loader.js';
import { toListedUser, type ListedUserMap, type ListedUsersArgs, type User } from '../profiles/index.js';
import { socialQueries } from './queries.js';

export type NeighbourPageKey = { id: string; args: ListedUsersArgs };
type NeighbourLoader = DataLoader<NeighbourPageKey, User[], string>;

export interface SocialLoaders {
  /** Each fetches limit+1 neighbours per user so the page knows whether more exist. */
  following: NeighbourLoader;
  followers: NeighbourLoader;
  friends: NeighbourLoader;
  followCounts: DataLoader<string, { followers: number; following: number } | null>;
  friendCount: DataLoader<string, number | null>;
}

function neighbourLoader(
  db: Db,
  query: CypherQuery<{ userId: string; user: ListedUserMap }, { userIds: string[]; after: string; limit: ReturnType<typeof int>; cards: boolean }>,
  options?: LoaderOptions,
): NeighbourLoader {
  return groupedLoader(
    async (userIds, { after, limit, cards }) => {
      const rows = await db.query(query, { userIds, after, limit: int(limit + 1), cards });
      return groupBy(
        rows,
        (row) => row.userId,
        (row) => toListedUser(row.user),
      );
    },
    () => [],
    options,
  );
}

export function createSocialLoaders(db: Db, options?: LoaderOptions): SocialLoaders {
  return {
    following: neighbourLoader(db, socialQueries.followingByUserIds, options),
    followers: neighbourLoader(db, socialQueries.followersByUserIds, options),
    friends: neighbourLoader(db, socialQueries.friendsByUserIds, options),
    followCounts: byIdLoader(async (userIds) => {
      const rows = await db.query(socialQueries.followCountsByUserIds, { userIds });
      return new Map(rows.map((row) => [row.userId, { followers: toSafeNumber(row.followers), following: toSafeNumber(row.following) }]));
    }, options),
    friendCount: byIdLoader(async (userIds) => {
      const rows = await db.query(socialQueries.friendCountsByUserIds, { userIds });
      return new Map(rows.map((row) => [row.userId, toSafeNumber(row.friends)]));
    }, options),
  };
}
