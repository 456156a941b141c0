import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { communityInterest, toCommunity } from '../communities/index.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { pageSize } from '../graphql/pagination.js';
import { INFLUENCE_SLOTS, toKol, toPublished, type KolListArgs } from '../influence/index.js';
import { selectsItemUserCardsOnly, type ListedUsersArgs } from '../profiles/index.js';
import { pageQueries, type CommunityPageParams, type CommunityPageRow } from './queries.js';
import { nodeSelection, plannedListedUsers, planCommunityPage, selects, type CommunityPagePlan } from './selection.js';
import { primeNeighbour, type PageLoaders } from './user-pages.js';

/** The loader arguments each selected list resolves with: the same keys Community's resolvers build. */
interface PageArgs {
  members: ListedUsersArgs | null;
  memberCount: boolean;
  kols: KolListArgs | null;
  /** Whether any selection of keyOpinionLeaders asks for topicalReach (the one costly column). */
  kolReach: boolean;
  interests: { limit: number } | null;
}

/**
 * The look-ahead for community pages (Query.community, Query.communities): one statement
 * fetches each community with its page of members (and their follow counts), member count,
 * KOLs and interest portrait, plus the published runs KOLs are read from, and primes the
 * loaders Community's resolvers read. Without it a community page cost seven statements in
 * three waves; Neo4j's per-transaction cost, not the work, bounded its throughput.
 */
export class CommunityPagePrefetch {
  constructor(
    private readonly db: Db,
    private readonly loaders: PageLoaders,
    private readonly maxPageSize: number,
  ) {}

  async prefetch(ids: readonly string[], info: GraphQLResolveInfo, shape: 'node' | 'connection'): Promise<void> {
    if (ids.length === 0) return;
    const fields = nodeSelection(info, shape);
    const args = this.pageArgs(planCommunityPage(info, fields), info, fields);
    if (args === null || (!args.members && !args.kols && !args.interests)) return;
    const rows = await this.db.query(pageQueries.communityPagesByIds, this.params(ids, args));
    for (const row of rows) this.prime(row, args);
    const found = new Set(rows.map((row) => row.id));
    for (const id of ids) if (!found.has(id)) this.loaders.communities.communityById.prime(id, null);
  }

  private pageArgs(plan: CommunityPagePlan, info: GraphQLResolveInfo, fields: readonly FieldNode[]): PageArgs | null {
    try {
      const limited = (list: CommunityPagePlan['topInterests']) => (list ? { limit: pageSize(list.first, this.maxPageSize) } : null);
      return {
        members: plannedListedUsers(plan.members, info, this.maxPageSize),
        memberCount: plan.members !== undefined && selects(plan.members.field, 'totalCount', info),
        kols: plan.keyOpinionLeaders
          ? {
              limit: pageSize(plan.keyOpinionLeaders.first, this.maxPageSize),
              cards: selectsItemUserCardsOnly(plan.keyOpinionLeaders.responseFields, info),
            }
          : null,
        // Every selection, not just the first: aliases with the same arguments share a loader key.
        kolReach: fields.some((field) => field.name.value === 'keyOpinionLeaders' && selects(field, 'topicalReach', info)),
        interests: limited(plan.topInterests),
      };
    } catch {
      return null; // the field resolver reports the argument error with its path
    }
  }

  private params(ids: readonly string[], args: PageArgs): CommunityPageParams {
    return {
      ids: [...ids],
      slots: INFLUENCE_SLOTS,
      withMemberCount: args.memberCount,
      membersLimit: args.members ? int(args.members.limit + 1) : null,
      membersAfter: args.members?.after ?? '',
      membersCards: args.members?.cards ?? false,
      kolLimit: args.kols ? int(args.kols.limit) : null,
      kolCards: args.kols?.cards ?? false,
      withKolReach: args.kolReach,
      interestLimit: args.interests ? int(args.interests.limit) : null,
    };
  }

  private prime(row: CommunityPageRow, args: PageArgs): void {
    const { communities, influence } = this.loaders;
    const community = toCommunity(row.community);
    communities.communityById.prime(row.id, community);
    communities.publishedRun.prime(row.communityJobId);
    influence.published.prime(toPublished(row));
    const members = args.members;
    if (members) {
      communities.membersByCommunityId.prime(
        { id: row.id, args: members },
        row.members.map((member) => primeNeighbour(this.loaders, member, members)),
      );
    }
    if (args.memberCount && row.memberCount !== null) communities.memberCountByCommunityId.prime(row.id, toSafeNumber(row.memberCount));
    // Without a published influence run the resolver answers [] itself, as the loader would.
    if (args.kols && row.influenceJobId) influence.kolsByCommunityId.prime({ id: row.id, args: args.kols }, row.kols.map(toKol));
    if (args.interests)
      communities.topInterests.prime(
        { id: row.id, args: args.interests },
        row.interests.map((interest) => communityInterest(interest, community.size)),
      );
  }
}
