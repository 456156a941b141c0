import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { UserMap } from '../profiles/index.js';
import type { ProductMap } from '../catalog/index.js';

interface NeighbourRow {
  user: UserMap;
  followers: Integer;
  following: Integer;
}

export interface UserPageRow {
  id: string;
  user: UserMap;
  followerCount: Integer;
  followingCount: Integer;
  interests: { interestId: string; name: string; weight: number; source: string | null; updatedAt: DateTime | null }[];
  followers: NeighbourRow[];
  following: NeighbourRow[];
  purchases: { product: ProductMap; at: DateTime; quantity: Integer | null; amount: number | null }[];
}

export interface UserPageParams extends Record<string, unknown> {
  ids: string[];
  interestLimit: Integer | null;
  followersLimit: Integer | null;
  followersAfter: string;
  followingLimit: Integer | null;
  followingAfter: string;
  purchasesLimit: Integer | null;
  purchasesAfterAt: DateTime | null;
  purchasesAfterProductId: string | null;
}

export const pageQueries = {
  userPagesByIds: cypher<UserPageRow, UserPageParams>('pages/user-pages-by-ids'),
};
