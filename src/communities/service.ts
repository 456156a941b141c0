import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { toPage, type Page } from '../graphql/pagination.js';
import type { CommunityLoaders } from './loaders.js';
import { communityQueries } from './queries.js';
import { toCommunity, type Community } from './types.js';

export interface CommunityLink {
  source: Community;
  target: Community;
  follows: number;
}

/** Links the community map shows per community listed: enough to see its neighbours, not a hairball. */
const LINKS_PER_COMMUNITY = 4;

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

  /** The `first` largest communities and the follows between them, strongest first (two statements). */
  async map(first: number): Promise<{ communities: Community[]; links: CommunityLink[] }> {
    const { items: communities } = await this.page(null, first);
    if (communities.length < 2) return { communities, links: [] };
    const byId = new Map(communities.map((community) => [community.id, community]));
    const rows = await this.db.query(communityQueries.links, {
      communityIds: communities.map((community) => community.id),
      limit: int(communities.length * LINKS_PER_COMMUNITY),
    });
    const links = rows.flatMap((row) => {
      const source = byId.get(row.sourceId);
      const target = byId.get(row.targetId);
      return source && target ? [{ source, target, follows: toSafeNumber(row.follows) }] : [];
    });
    return { communities, links };
  }
}
