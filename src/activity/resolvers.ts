import type { IdentityType, Resolvers } from '../generated/resolvers-types.js';
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
    recordEvents: async (_, args, ctx) => {
      requireWrite(ctx.auth);
      const result = await ctx.services.activity.recordEvents(
        args.events.map((event) => ({ ...event, userId: event.userId ?? null })),
        ctx.now,
      );
      // The resolver checked every identity type against the schema's enum.
      return { ...result, refusedLinks: result.refusedLinks.map((refused) => ({ ...refused, type: refused.type as IdentityType })) };
    },
  },
};
