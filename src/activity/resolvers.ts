import type { Resolvers } from '../generated/resolvers-types.js';
import { requireWrite } from '../graphql/auth.js';
import { decodeCursor, encodeCursor, isInstantAndId, pageSize, toConnection, toPage } from '../graphql/pagination.js';

export const activityResolvers: Resolvers = {
  User: {
    purchases: async (user, args, ctx) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('purchase', args.after, isInstantAndId) : null;
      const purchases = await ctx.loaders.activity.purchasesByUserId.load({ id: user.id, args: { after, limit } });
      return toConnection(
        toPage(purchases, limit),
        (purchase) => encodeCursor('purchase', [purchase.at, purchase.product.id]),
        async () => (await ctx.loaders.activity.purchaseCount.load(user.id)) ?? 0,
      );
    },
  },
  Mutation: {
    recordEvents: (_, args, ctx) => {
      requireWrite(ctx.auth);
      return ctx.services.activity.recordEvents(args.events, ctx.now);
    },
  },
};
