import type { Context } from '../features.js';
import { requireWrite } from '../graphql/auth.js';
import { pageSize, toConnection } from '../graphql/pagination.js';
import { afterUserId, userCursor, type User } from '../profiles/index.js';
import type { Neighbourhood } from './service.js';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function neighbourConnection(kind: Neighbourhood) {
  return async (user: User, args: PageArgs, ctx: Context) => {
    const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
    const page = await ctx.services.social.neighbours(kind, user.id, afterUserId(args.after), limit);
    return toConnection(page, userCursor, () => ctx.services.social.count(kind, user.id));
  };
}

/** Both users of a follow payload, loaded (and batched) only if the client selects them. */
async function pairOf(ctx: Context, followerId: string, followeeId: string) {
  return {
    follower: () => ctx.loaders.profiles.userById.load(followerId),
    followee: () => ctx.loaders.profiles.userById.load(followeeId),
  };
}

export const socialResolvers = {
  User: {
    following: neighbourConnection('following'),
    followers: neighbourConnection('followers'),
    friends: neighbourConnection('friends'),
    followerCount: (user: User, _: unknown, ctx: Context) => ctx.services.social.count('followers', user.id),
    followingCount: (user: User, _: unknown, ctx: Context) => ctx.services.social.count('following', user.id),
  },
  Mutation: {
    follow: async (_: unknown, args: { followerId: string; followeeId: string; weight?: number | null }, ctx: Context) => {
      requireWrite(ctx.auth);
      const { created } = await ctx.services.social.follow(args.followerId, args.followeeId, args.weight ?? 1, ctx.now);
      return { ...(await pairOf(ctx, args.followerId, args.followeeId)), created };
    },
    unfollow: async (_: unknown, args: { followerId: string; followeeId: string }, ctx: Context) => {
      requireWrite(ctx.auth);
      const { removed } = await ctx.services.social.unfollow(args.followerId, args.followeeId);
      return { ...(await pairOf(ctx, args.followerId, args.followeeId)), removed };
    },
  },
};
