import type { Resolvers } from '../generated/resolvers-types.js';
import { decodeCursor, encodeCursor, isPosition, pageSize, toConnection, toPage } from '../graphql/pagination.js';
import { BadInputError } from '../errors.js';
import { listedUsersArgs, selectsItemUserCardsOnly, userCursor } from '../profiles/index.js';

export const communityResolvers: Resolvers = {
  Query: {
    // Both prefetch what the page selects below them in one statement (src/pages/).
    communities: async (_, args, ctx, info) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('community', args.after, isPosition) : null;
      const page = await ctx.services.communities.page(after, limit);
      await ctx.services.pages.communities.prefetch(
        page.items.map((community) => community.id),
        info,
        'connection',
      );
      return toConnection(
        page,
        (community) => encodeCursor('community', community.index),
        () => ctx.services.communities.count(),
      );
    },
    communityMap: (_, args, ctx) => {
      const first = args.first ?? 30;
      if (!Number.isInteger(first) || first < 1 || first > 100)
        throw new BadInputError(`first must be between 1 and 100; got ${first}.`, { argument: 'first', max: 100 });
      return ctx.services.communities.map(first);
    },
    community: async (_, args, ctx, info) => {
      await ctx.services.pages.communities.prefetch([args.id], info, 'node');
      return ctx.loaders.communities.communityById.load(args.id);
    },
  },
  User: {
    community: (user, _, ctx) => ctx.loaders.communities.communityByUserId.load(user.id),
  },
  Community: {
    topInterests: (community, args, ctx) =>
      ctx.loaders.communities.topInterests.load({ id: community.id, args: { limit: pageSize(args.first, ctx.config.limits.maxPageSize) } }),
    topProducts: (community, args, ctx) =>
      ctx.loaders.communities.topProducts.load({ id: community.id, args: { limit: pageSize(args.first, ctx.config.limits.maxPageSize) } }),
    keyOpinionLeaders: (community, args, ctx, info) =>
      ctx.services.influence.keyOpinionLeaders({ community: community.id }, pageSize(args.first, ctx.config.limits.maxPageSize), {
        cards: selectsItemUserCardsOnly(info.fieldNodes, info),
      }),
    members: async (community, args, ctx, info) => {
      const page = listedUsersArgs(args, info, ctx.config.limits.maxPageSize);
      const members = await ctx.loaders.communities.membersByCommunityId.load({ id: community.id, args: page });
      return toConnection(
        toPage(members, page.limit),
        userCursor,
        async () => (await ctx.loaders.communities.memberCountByCommunityId.load(community.id)) ?? 0,
      );
    },
  },
};
