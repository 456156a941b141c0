import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { byIdLoader, groupBy, groupedLoader, type LoaderOptions } from '../graphql/grouped-loader.js';
import { RequestMemo } from '../lib/request-memo.js';
import { toProduct } from '../catalog/index.js';
import { toListedUser, type ListedUsersArgs } from '../profiles/index.js';
import { communityQueries } from './queries.js';
import { communityInterest, toCommunity } from './types.js';

/** Per-request loaders for communities; each batch is one statement for a page of parents. */
export function createCommunityLoaders(db: Db, options?: LoaderOptions) {
  const publishedRun = new RequestMemo(() => db.query(communityQueries.currentRun, {}).then(([row]) => row?.jobId ?? null));
  const communityById = byIdLoader(async (ids) => {
    const rows = await db.query(communityQueries.byIds, { ids });
    return new Map(rows.map((row) => [row.community.id, toCommunity(row.community)]));
  }, options);
  return {
    /** The published community run's job id; read once per request. */
    publishedRun,
    communityById,
    communityByUserId: byIdLoader(async (userIds) => {
      const jobId = await publishedRun.get();
      if (!jobId) return new Map();
      const rows = await db.query(communityQueries.byUserIds, { userIds, jobId });
      return new Map(rows.map((row) => [row.userId, toCommunity(row.community)]));
    }, options),
    topInterests: groupedLoader(
      async (communityIds, { limit }: { limit: number }) => {
        const [rows, sizes] = await Promise.all([
          db.query(communityQueries.topInterests, { communityIds, limit: int(limit) }),
          communityById.loadMany(communityIds),
        ]);
        const sizeOf = new Map(sizes.flatMap((c) => (c && !(c instanceof Error) ? [[c.id, c.size]] : [])));
        return groupBy(
          rows,
          (row) => row.communityId,
          (row) => communityInterest(row, sizeOf.get(row.communityId)),
        );
      },
      () => [],
      options,
    ),
    topProducts: groupedLoader(
      async (communityIds, { limit }: { limit: number }) => {
        const rows = await db.query(communityQueries.topProducts, { communityIds, limit: int(limit) });
        return groupBy(
          rows,
          (row) => row.communityId,
          (row) => ({ product: toProduct(row.product), buyers: toSafeNumber(row.buyers) }),
        );
      },
      () => [],
      options,
    ),
    /** A page of consenting members per community; fetches limit+1 to know whether more exist. */
    membersByCommunityId: groupedLoader(
      async (communityIds, { after, limit, cards }: ListedUsersArgs) => {
        const rows = await db.query(communityQueries.membersByCommunityIds, { communityIds, after, limit: int(limit + 1), cards });
        return groupBy(
          rows,
          (row) => row.communityId,
          (row) => toListedUser(row.user),
        );
      },
      () => [],
      options,
    ),
    memberCountByCommunityId: byIdLoader(async (communityIds) => {
      const rows = await db.query(communityQueries.memberCountsByCommunityIds, { communityIds });
      return new Map(rows.map((row) => [row.communityId, toSafeNumber(row.total)]));
    }, options),
  };
}
export type CommunityLoaders = ReturnType<typeof createCommunityLoaders>;
