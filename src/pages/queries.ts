import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { EpochMillis } from '../db/values.js';
import type { ListedUserMap, UserMap } from '../profiles/index.js';
import type { ProductMap } from '../catalog/index.js';
import type { CurrentResultsRow } from '../analytics/queries.js';
import type { CommunityMap } from '../communities/index.js';
import type { INFLUENCE_SLOTS, KolRow } from '../influence/index.js';

/** A user listed on a page, with the counts a page shows next to it. */
export interface NeighbourRow {
  user: ListedUserMap;
  followers: Integer;
  following: Integer;
}

export interface UserPageRow {
  id: string;
  user: UserMap;
  followerCount: Integer;
  followingCount: Integer;
  interests: { interestId: string; name: string; weight: number; source: string | null; updatedAt: EpochMillis | null }[];
  followers: NeighbourRow[];
  following: NeighbourRow[];
  purchases: { product: ProductMap; at: EpochMillis; quantity: Integer | null; amount: number | null }[];
}

export interface UserPageParams extends Record<string, unknown> {
  ids: string[];
  interestLimit: Integer | null;
  followersLimit: Integer | null;
  followersAfter: string;
  followersCards: boolean;
  followingLimit: Integer | null;
  followingAfter: string;
  followingCards: boolean;
  purchasesLimit: Integer | null;
  purchasesAfterAt: DateTime | null;
  purchasesAfterProductId: string | null;
}

export interface ProductPageRow {
  id: string;
  product: ProductMap;
  interests: { interestId: string; name: string; weight: number }[];
  buyers: NeighbourRow[];
  buyerCount: Integer | null;
}

export interface ProductPageParams extends Record<string, unknown> {
  ids: string[];
  withInterests: boolean;
  withBuyerCount: boolean;
  buyersLimit: Integer | null;
  buyersAfter: string;
  buyersCards: boolean;
}

export interface CommunityPageRow extends CurrentResultsRow {
  id: string;
  community: CommunityMap;
  members: NeighbourRow[];
  kols: KolRow[];
  interests: { interestId: string; name: string; members: Integer }[];
  memberCount: Integer | null;
}

export interface CommunityPageParams extends Record<string, unknown> {
  ids: string[];
  slots: typeof INFLUENCE_SLOTS;
  withMemberCount: boolean;
  membersLimit: Integer | null;
  membersAfter: string;
  membersCards: boolean;
  kolLimit: Integer | null;
  kolCards: boolean;
  withKolReach: boolean;
  interestLimit: Integer | null;
}

export const pageQueries = {
  communityPagesByIds: cypher<CommunityPageRow, CommunityPageParams>('pages/community-pages-by-ids'),
  userPagesByIds: cypher<UserPageRow, UserPageParams>('pages/user-pages-by-ids'),
  productPagesByIds: cypher<ProductPageRow, ProductPageParams>('pages/product-pages-by-ids'),
};
