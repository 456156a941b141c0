import type DataLoader from 'dataloader';
import type { Integer } from 'neo4j-driver';
import { toProduct, type Product } from '../catalog/index.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { byIdLoader, groupBy, groupedLoader, type LoaderOptions } from '../graphql/grouped-loader.js';
import { toPage, type Page } from '../graphql/pagination.js';
import { toUser, type Interest, type User } from '../profiles/index.js';
import { communityQueries, type CommunityMap } from './queries.js';

export interface Community {
  id: string;
  index: number;
  size: number;
  modularityShare: number;
}

export const toCommunity = (map: CommunityMap): Community => ({
  id: map.id,
  index: toSafeNumber(map.index),
  size: toSafeNumber(map.size),
  modularityShare: map.modularityShare,
});

export interface CommunityInterest {
  interest: Interest;
  members: number;
  share: number;
}

/** One line of a community's interest portrait: how many members hold it, and what share. */
export function communityInterest(row: { interestId: string; name: string; members: Integer }, size: number | undefined): CommunityInterest {
  const members = toSafeNumber(row.members);
  return { interest: { id: row.interestId, name: row.name }, members, share: members / Math.max(1, size ?? members) };
}

export class CommunitiesService {
  private run: Promise<string | null> | null = null;
  readonly communityByUserId: DataLoader<string, Community | null>;
  readonly communityById: DataLoader<string, Community | null>;
  readonly topInterests: DataLoader<{ id: string; args: { limit: number } }, CommunityInterest[], string>;
  readonly topProducts: DataLoader<{ id: string; args: { limit: number } }, { product: Product; buyers: number }[], string>;
  /** A page of consenting members per community; fetches limit+1 to know whether more exist. */
  readonly membersByCommunityId: DataLoader<{ id: string; args: { after: string; limit: number } }, User[], string>;
  readonly memberCountByCommunityId: DataLoader<string, number | null>;

  constructor(private readonly db: Db, loaderOptions?: LoaderOptions) {
    this.communityByUserId = byIdLoader(async (userIds) => {
      const jobId = await this.currentRun();
      if (!jobId) return new Map();
      const rows = await db.query(communityQueries.byUserIds, { userIds, jobId });
      return new Map(rows.map((row) => [row.userId, toCommunity(row.community)]));
    }, loaderOptions);
    this.communityById = byIdLoader(async (ids) => {
      const rows = await db.query(communityQueries.byIds, { ids });
      return new Map(rows.map((row) => [row.community.id, toCommunity(row.community)]));
    }, loaderOptions);
    this.topInterests = groupedLoader(async (communityIds, { limit }) => {
      const [rows, sizes] = await Promise.all([
        db.query(communityQueries.topInterests, { communityIds, limit: int(limit) }),
        this.communityById.loadMany(communityIds),
      ]);
      const sizeOf = new Map(sizes.flatMap((c) => (c && !(c instanceof Error) ? [[c.id, c.size]] : [])));
      return groupBy(rows, (row) => row.communityId, (row) => communityInterest(row, sizeOf.get(row.communityId)));
    }, () => [], loaderOptions);
    this.topProducts = groupedLoader(async (communityIds, { limit }) => {
      const rows = await db.query(communityQueries.topProducts, { communityIds, limit: int(limit) });
      return groupBy(rows, (row) => row.communityId, (row) => ({ product: toProduct(row.product), buyers: toSafeNumber(row.buyers) }));
    }, () => [], loaderOptions);
    this.membersByCommunityId = groupedLoader(async (communityIds, { after, limit }) => {
      const rows = await db.query(communityQueries.membersByCommunityIds, { communityIds, after, limit: int(limit + 1) });
      return groupBy(rows, (row) => row.communityId, (row) => toUser(row.user));
    }, () => [], loaderOptions);
    this.memberCountByCommunityId = byIdLoader(async (communityIds) => {
      const rows = await db.query(communityQueries.memberCountsByCommunityIds, { communityIds });
      return new Map(rows.map((row) => [row.communityId, toSafeNumber(row.total)]));
    }, loaderOptions);
  }

  /** The published community run; read once per request. */
  currentRun(): Promise<string | null> {
    this.run ??= this.db.query(communityQueries.currentRun, {}).then(([row]) => row?.jobId ?? null);
    return this.run;
  }

  /** Takes the published run from a statement that already read it (a page look-ahead). */
  primeRun(jobId: string | null): void {
    this.run ??= Promise.resolve(jobId);
  }

  async page(after: number | null, limit: number): Promise<Page<Community>> {
    const jobId = await this.currentRun();
    if (!jobId) return { items: [], hasNextPage: false };
    const rows = await this.db.query(communityQueries.page, { jobId, after: int(after ?? -1), limit: int(limit + 1) });
    const communities = rows.map((row) => toCommunity(row.community));
    for (const community of communities) this.communityById.prime(community.id, community);
    return toPage(communities, limit);
  }

  async count(): Promise<number> {
    const jobId = await this.currentRun();
    if (!jobId) return 0;
    const [row] = await this.db.query(communityQueries.count, { jobId });
    return row ? toSafeNumber(row.total) : 0;
  }

  async memberCount(communityId: string): Promise<number> {
    return (await this.memberCountByCommunityId.load(communityId)) ?? 0;
  }

  async members(communityId: string, after: string | null, limit: number): Promise<Page<User>> {
    return toPage(await this.membersByCommunityId.load({ id: communityId, args: { after: after ?? '', limit } }), limit);
  }
}
