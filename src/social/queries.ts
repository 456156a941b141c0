import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { ListedUserMap } from '../profiles/index.js';

type PageParams = { userIds: string[]; after: string; limit: Integer; cards: boolean };
type UserRow = { userId: string; user: ListedUserMap };
type Pair = { followerId: string; followeeId: string };

export const socialQueries = {
  followingByUserIds: cypher<UserRow, PageParams>('social/following-by-user-ids'),
  followersByUserIds: cypher<UserRow, PageParams>('social/followers-by-user-ids'),
  friendsByUserIds: cypher<UserRow, PageParams>('social/friends-by-user-ids'),
  followCountsByUserIds: cypher<{ userId: string; followers: Integer; following: Integer }, { userIds: string[] }>('social/follow-counts-by-user-ids'),
  friendCountsByUserIds: cypher<{ userId: string; friends: Integer }, { userIds: string[] }>('social/friend-counts-by-user-ids'),
  follow: cypher<{ created: boolean }, Pair & { weight: number; now: DateTime }>('social/follow'),
  unfollow: cypher<{ removed: boolean }, Pair>('social/unfollow'),
} as const;
