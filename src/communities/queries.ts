import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { ProductMap } from '../catalog/index.js';
import type { ListedUserMap } from '../profiles/index.js';

export interface CommunityMap {
  id: string;
  index: Integer;
  size: Integer;
  modularityShare: number;
}

export const communityQueries = {
  currentRun: cypher<{ jobId: string | null }, Record<string, never>>('communities/current-run'),
  createCommunities: cypher<{ written: Integer }, { jobId: string; rows: { id: string; index: Integer; size: Integer; modularityShare: number }[] }>(
    'communities/create-communities',
  ),
  writeMembership: cypher<{ written: Integer }, { rows: { userId: string; communityId: string }[] }>('communities/write-membership-batch'),
  publish: cypher<{ previous: string | null }, { jobId: string }>('analytics/publish-communities'),
  deleteRun: cypher<never, { jobId: string }>('communities/delete-run'),
  gdsLeiden: cypher<{ id: string; communityId: Integer }, { graphName: string; seed: Integer; resolution: number }>('communities/gds/leiden-stream'),
  byUserIds: cypher<{ userId: string; community: CommunityMap }, { userIds: string[]; jobId: string }>('communities/communities-by-user-ids'),
  byIds: cypher<{ community: CommunityMap }, { ids: string[] }>('communities/communities-by-ids'),
  page: cypher<{ community: CommunityMap }, { jobId: string; after: Integer; limit: Integer }>('communities/communities-page'),
  count: cypher<{ total: Integer }, { jobId: string }>('communities/communities-count'),
  topInterests: cypher<{ communityId: string; interestId: string; name: string; members: Integer }, { communityIds: string[]; limit: Integer }>(
    'communities/top-interests-by-community-ids',
  ),
  topProducts: cypher<{ communityId: string; product: ProductMap; buyers: Integer }, { communityIds: string[]; limit: Integer }>(
    'communities/top-products-by-community-ids',
  ),
  membersByCommunityIds: cypher<{ communityId: string; user: ListedUserMap }, { communityIds: string[]; after: string; limit: Integer; cards: boolean }>(
    'communities/members-by-community-ids',
  ),
  links: cypher<{ sourceId: string; targetId: string; follows: Integer }, { communityIds: string[]; limit: Integer }>('communities/links-between-communities'),
  memberCountsByCommunityIds: cypher<{ communityId: string; total: Integer }, { communityIds: string[] }>('communities/member-counts-by-community-ids'),
} as const;
