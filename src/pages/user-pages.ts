import type { GraphQLResolveInfo } from 'graphql';
import type { ActivityLoaders, Purchase } from '../activity/index.js';
import { toProduct, type CatalogLoaders } from '../catalog/index.js';
import type { Db } from '../db/db.js';
import { int, toIsoString, toNeo4jDateTime, toNullableNumber, toSafeNumber } from '../db/values.js';
import { decodeCursor, isInstantAndId, pageSize } from '../graphql/pagination.js';
import { toListedUser, toUser, type ListedUsersArgs, type ProfileLoaders, type User, type UserInterest } from '../profiles/index.js';
import type { SocialLoaders } from '../social/index.js';
import type { CommunityLoaders } from '../communities/index.js';
import type { InfluenceLoaders } from '../influence/index.js';
import { pageQueries, type NeighbourRow, type UserPageParams, type UserPageRow } from './queries.js';
import { nodeSelection, plannedListedUsers, planUserPage, type UserPagePlan } from './selection.js';

/** The loaders pages prime: the features whose fields a page shows. */
export interface PageLoaders {
  profiles: ProfileLoaders;
  social: SocialLoaders;
  activity: ActivityLoaders;
  catalog: CatalogLoaders;
  communities: CommunityLoaders;
  influence: InfluenceLoaders;
}

/**
 * A user listed on a page (a follower, a buyer, a member) with its follow counts: primes the
 * counts, and `userById` when the list holds whole users (a card is not one: user-cards.ts).
 */
export function primeNeighbour(loaders: PageLoaders, neighbour: NeighbourRow, list: ListedUsersArgs): User {
  const user = toListedUser(neighbour.user);
  loaders.social.followCounts.prime(user.id, { followers: toSafeNumber(neighbour.followers), following: toSafeNumber(neighbour.following) });
  if (!list.cards) loaders.profiles.userById.prime(user.id, user);
  return user;
}

/** The loader arguments each selected list resolves with: the same keys the field resolvers build. */
interface PageArgs {
  interests: { limit: number } | null;
  followers: ListedUsersArgs | null;
  following: ListedUsersArgs | null;
  purchases: { after: [string, string] | null; limit: number } | null;
}

/**
 * The look-ahead for pages of users (Query.user, Query.users): one statement fetches each
 * user with the lists its page selects, and primes the per-request DataLoaders that the field
 * resolvers read. The resolvers stay the only place that shapes the response and checks
 * arguments; when a page cannot be planned (a bad `first` or cursor), nothing is prefetched and
 * the resolvers load and report errors exactly as without the look-ahead. A page of 20 costs
 * one statement like a page of 1, so round trips stay bounded whatever the page size.
 */
export class UserPagePrefetch {
  constructor(
    private readonly db: Db,
    private readonly loaders: PageLoaders,
    private readonly maxPageSize: number,
  ) {}

  /** Prefetches for users already known to exist (a page); `user` for one id that may not. */
  async prefetch(ids: readonly string[], info: GraphQLResolveInfo, shape: 'node' | 'connection'): Promise<void> {
    if (ids.length === 0) return;
    const args = this.pageArgs(planUserPage(info, nodeSelection(info, shape)), info);
    if (args === null) return;
    const rows = await this.db.query(pageQueries.userPagesByIds, this.params(ids, args));
    for (const row of rows) this.prime(row, args);
    // Ids without a row do not exist: the resolver's own lookup would find nothing either.
    const found = new Set(rows.map((row) => row.id));
    for (const id of ids) if (!found.has(id)) this.loaders.profiles.userById.prime(id, null);
  }

  private pageArgs(plan: UserPagePlan, info: GraphQLResolveInfo): PageArgs | null {
    try {
      return {
        interests: plan.interests ? { limit: pageSize(plan.interests.first, this.maxPageSize) } : null,
        followers: plannedListedUsers(plan.followers, info, this.maxPageSize),
        following: plannedListedUsers(plan.following, info, this.maxPageSize),
        purchases: plan.purchases
          ? {
              after: plan.purchases.after ? decodeCursor('purchase', plan.purchases.after, isInstantAndId) : null,
              limit: pageSize(plan.purchases.first, this.maxPageSize),
            }
          : null,
      };
    } catch {
      return null; // the field resolver reports the argument error with its path
    }
  }

  private params(ids: readonly string[], args: PageArgs): UserPageParams {
    const plusOne = (limit: number | undefined) => (limit === undefined ? null : int(limit + 1));
    const afterAt = args.purchases?.after ? new Date(args.purchases.after[0]) : null;
    return {
      ids: [...ids],
      interestLimit: args.interests ? int(args.interests.limit) : null,
      followersLimit: plusOne(args.followers?.limit),
      followersAfter: args.followers?.after ?? '',
      followersCards: args.followers?.cards ?? false,
      followingLimit: plusOne(args.following?.limit),
      followingAfter: args.following?.after ?? '',
      followingCards: args.following?.cards ?? false,
      purchasesLimit: plusOne(args.purchases?.limit),
      // An unparsable cursor date makes the page empty rather than an error, as the loader does.
      purchasesAfterAt: afterAt && !Number.isNaN(afterAt.getTime()) ? toNeo4jDateTime(afterAt) : null,
      purchasesAfterProductId: args.purchases?.after?.[1] ?? null,
    };
  }

  private prime(row: UserPageRow, args: PageArgs): void {
    const { profiles, social, activity } = this.loaders;
    const user = toUser(row.user);
    // The id asked for names the user; a merged id names its survivor, whose fields follow.
    profiles.userById.prime(row.id, user);
    profiles.userById.prime(user.id, user);
    row = { ...row, id: user.id };
    social.followCounts.prime(row.id, { followers: toSafeNumber(row.followerCount), following: toSafeNumber(row.followingCount) });
    if (args.interests) {
      profiles.interestsByUserId.prime(
        { id: row.id, args: args.interests },
        row.interests.map((interest): UserInterest => ({
          interest: { id: interest.interestId, name: interest.name },
          weight: interest.weight,
          source: interest.source ?? 'declared',
          updatedAt: toIsoString(interest.updatedAt),
        })),
      );
    }
    for (const kind of ['followers', 'following'] as const) {
      const pageArgs = args[kind];
      if (!pageArgs) continue;
      social[kind].prime(
        { id: row.id, args: pageArgs },
        row[kind].map((neighbour) => primeNeighbour(this.loaders, neighbour, pageArgs)),
      );
    }
    if (args.purchases) {
      activity.purchasesByUserId.prime(
        { id: row.id, args: args.purchases },
        row.purchases.map((purchase): Purchase => ({
          product: toProduct(purchase.product),
          at: toIsoString(purchase.at) ?? '',
          quantity: toNullableNumber(purchase.quantity) ?? 1,
          amount: purchase.amount,
        })),
      );
    }
  }
}
