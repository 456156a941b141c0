import type { Db } from '../db/db.js';
import { int, toNullableNumber } from '../db/values.js';
import { byIdLoader, groupBy, groupedLoader, type LoaderOptions } from '../graphql/grouped-loader.js';
import { RequestMemo } from '../lib/request-memo.js';
import { analyticsQueries, type CurrentResultsRow } from '../analytics/queries.js';
import { influenceQueries, INFLUENCE_SLOTS, type InfluenceSlot } from './queries.js';
import { toKol, type Influence, type PublishedInfluence } from './types.js';

/** A community's KOL list: how many, and whether its users are cards (src/profiles/user-cards.ts). */
export interface KolListArgs {
  limit: number;
  cards: boolean;
}

/** Per-request loaders for influence: the published run once, scores and community KOLs batched. */
export function createInfluenceLoaders(db: Db, options?: LoaderOptions) {
  const published = new RequestMemo(() => db.query(analyticsQueries.currentResults, {}).then(([row]) => toPublished(row)));
  return {
    /** The published influence run; read once per request so every field agrees. */
    published,
    influenceByUserId: byIdLoader<Influence>(async (userIds) => {
      const current = await published.get();
      if (!current) return new Map();
      const rows = await db.query(influenceQueries.influenceByUserIds, { userIds, ...current.keys });
      return new Map(
        rows.flatMap((row) => {
          const rank = toNullableNumber(row.rank);
          if (row.score === null || rank === null) return [];
          return [[row.userId, { score: row.score, rank, percentile: current.count > 0 ? 1 - (rank - 1) / current.count : 0 }]];
        }),
      );
    }, options),
    /** The top KOLs of each community (Community.keyOpinionLeaders on a page of communities). */
    kolsByCommunityId: groupedLoader(
      async (communityIds, { limit, cards }: KolListArgs) => {
        const current = await published.get();
        if (!current) return new Map();
        const rows = await db.query(influenceQueries.topInCommunities, { ...current.keys, communityIds, limit: int(limit), cards });
        return groupBy(rows, (row) => row.communityId, toKol);
      },
      () => [],
      options,
    ),
  };
}
export type InfluenceLoaders = ReturnType<typeof createInfluenceLoaders>;

/** The published run and the property keys of its slot; null when none is published. */
export function toPublished(row: CurrentResultsRow | undefined): PublishedInfluence | null {
  if (!row?.influenceJobId || !row.influenceSlot) return null;
  const slot = INFLUENCE_SLOTS[row.influenceSlot as InfluenceSlot];
  if (!slot) return null;
  return {
    jobId: row.influenceJobId,
    count: toNullableNumber(row.influenceCount) ?? 0,
    keys: { scoreKey: slot.score, rankKey: slot.rank, jobKey: slot.job, jobId: row.influenceJobId },
    interestKeys: { idsKey: slot.interestKols.ids, scoresKey: slot.interestKols.scores, reachKey: slot.interestKols.reach, kolJobKey: slot.interestKols.job },
  };
}
