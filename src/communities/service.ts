import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { toPage, type Page } from '../graphql/pagination.js';
import type { CommunityLoaders } from './loaders.js';
import { communityQueries } from './queries.js';
import { toCommunity, type Community } from './types.js';

/** Pages of the published run's communities; per-community fields go through CommunityLoaders. */
export class CommunitiesService {
  constructor(
    private readonly db: Db,
    private readonly loaders: CommunityLoaders,
  ) {}

  async page(after: number | null, limit: number): Promise<Page<Community>> {
    const jobId = await this.loaders.publishedRun.get();
    if (!jobId) return { items: [], hasNextPage: false };
    const rows = await this.db.query(communityQueries.page, { jobId, after: int(after ?? -1), limit: int(limit + 1) });
    const communities = rows.map((row) => toCommunity(row.community));
    for (const community of communities) this.loaders.communityById.prime(community.id, community);
    return toPage(communities, limit);
  }

  async count(): Promise<number> {
    const jobId = await this.loaders.publishedRun.get();
    if (!jobId) return 0;
    const [row] = await this.db.query(communityQueries.count, { jobId });
    return row ? toSafeNumber(row.total) : 0;
  }
}
