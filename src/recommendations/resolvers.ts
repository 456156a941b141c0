import type { Context } from '../features.js';
import { pageSize } from '../graphql/pagination.js';
import type { User } from '../profiles/index.js';
import type { RequestedStrategy } from './service.js';

export const recommendationResolvers = {
  User: {
    recommendations: (user: User, args: { first?: number | null; strategy?: RequestedStrategy | null }, ctx: Context) =>
      ctx.services.recommendations.forUser(user.id, pageSize(args.first, ctx.config.limits.maxPageSize), args.strategy ?? 'AUTO'),
  },
};
