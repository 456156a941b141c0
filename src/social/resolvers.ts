import type { Resolvers } from '../generated/resolvers-types.js';
import type { Context } from '../context.js';
import type { GraphQLResolveInfo } from 'graphql';
import { toConnection, toPage } from '../graphql/pagination.js';
import { listedUsersArgs, userCursor, type User } from '../profiles/index.js';
import type { Neighbourhood } from './service.js';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function neighbourConnection(kind: Neighbourhood) {
  return async (user: User, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) => {
    const page = listedUsersArgs(args, info, ctx.config.limits.maxPageSize);
    const users = await ctx.loaders.social[kind].load({ id: user.id, args: page });
    return toConnection(toPage(users, page.limit), userCursor, () => neighbourCount(ctx, kind, user.id));
  };
}

async function neighbourCount(ctx: Context, kind: Neighbourhood, userId: string): Promise<number> {
  if (kind === 'friends') return (await ctx.loaders.social.friendCount.load(userId)) ?? 0;
  return (await ctx.loaders.social.followCounts.load(userId))?.[kind] ?? 0;
}

/** Both users of a follow payload, loaded (and batched) only if the client selects them. */
async function pairOf(ctx: Context, followerId: string, followeeId: string) {
  return {
    follower: () => ctx.loaders.profiles.userById.load(followerId),
    followee: () => ctx.loaders.profiles.userById.load(followeeId),
  };
}

export const socialResolvers: Resolvers = {
  User: {
    following: neighbourConnection('following'),
    followers: neighbourConnection('followers'),
    friends: neighbourConnection('friends'),
    followerCount: (user, _, ctx) => neighbourCount(ctx, 'followers', user.id),
    followingCount: (user, _, ctx) => neighbourCount(ctx, 'following', user.id),
  },
  Mutation: {
    follow: async (_, args, ctx) => {
      const { created } = await ctx.services.social.follow(args.followerId, args.followeeId, args.weight ?? 1, ctx.now);
      return { ...(await pairOf(ctx, args.followerId, args.followeeId)), created };
    },
    unfollow: async (_, args, ctx) => {
      const { removed } = await ctx.services.social.unfollow(args.followerId, args.followeeId);
      return { ...(await pairOf(ctx, args.followerId, args.followeeId)), removed };
    },
  },
};
