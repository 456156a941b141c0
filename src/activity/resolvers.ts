import type { Context } from '../features.js';
import { requireWrite } from '../graphql/auth.js';
import { decodeCursor, encodeCursor, isInstantAndId, pageSize, toConnection } from '../graphql/pagination.js';
import type { User } from '../profiles/index.js';
import type { Purchase } from './loaders.js';
import type { ActivityEvent } from './service.js';

export const activityResolvers = {
  User: {
    purchases: async (user: User, args: { first?: number | null; after?: string | null }, ctx: Context) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('purchase', args.after, isInstantAndId) : null;
      const page = await ctx.services.activity.purchasesPage(user.id, after, limit);
      return toConnection(page, (purchase: Purchase) => encodeCursor('purchase', [purchase.at, purchase.product.id]), () =>
        ctx.services.activity.purchaseCount(user.id),
      );
    },
  },
  Mutation: {
    recordEvents: (_: unknown, args: { events: ActivityEvent[] }, ctx: Context) => {
      requireWrite(ctx.auth);
      return ctx.services.activity.recordEvents(args.events, ctx.now);
    },
  },
};
