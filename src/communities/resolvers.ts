import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../features.js';
import { decodeCursor, encodeCursor, isPosition, pageSize, toConnection } from '../graphql/pagination.js';
import { afterUserId, userCursor, type User } from '../profiles/index.js';
import type { Community } from './service.js';


export const communityResolvers = {
  Query: {
    // Both prefetch what the page selects below them in one statement (src/pages/).
    communities: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context, info: GraphQLResolveInfo) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('community', args.after, isPosition) : null;
      const page = await ctx.services.communities.page(after, limit);
      await ctx.services.pages.communities.prefetch(page.items.map((community) => community.id), info, 'connection');
      return toConnection(page, (community) => encodeCursor('community', community.index), () => ctx.services.communities.count());
    },
    community: async (_: unknown, args: { id: string }, ctx: Context, info: GraphQLResolveInfo) => {
      await ctx.services.pages.communities.prefetch([args.id], info, 'node');
      return ctx.services.communities.communityById.load(args.id);
    },
  },
  User: {
    community: (user: User, _: unknown, ctx: Context) => ctx.services.communities.communityByUserId.load(user.id),
  },
  Community: {
    topInterests: (community: Community, args: { first?: number | null }, ctx: Context) =>
      ctx.services.communities.topInterests.load({ id: community.id, args: { limit: pageSize(args.first, ctx.config.limits.maxPageSize) } }),
    topProducts: (community: Community, args: { first?: number | null }, ctx: Context) =>
      ctx.services.communities.topProducts.load({ id: community.id, args: { limit: pageSize(args.first, ctx.config.limits.maxPageSize) } }),
    keyOpinionLeaders: (community: Community, args: { first?: number | null }, ctx: Context) =>
      ctx.services.influence.keyOpinionLeaders({ community: community.id }, pageSize(args.first, ctx.config.limits.maxPageSize)),
    members: async (community: Community, args: { first?: number | null; after?: string | null }, ctx: Context) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const page = await ctx.services.communities.members(community.id, afterUserId(args.after), limit);
      return toConnection(page, userCursor, () => ctx.services.communities.memberCount(community.id));
    },
  },
};
