import type { Resolvers } from '../generated/resolvers-types.js';
import { pageSize } from '../graphql/pagination.js';
import { reasonFor } from './loaders.js';

export const recommendationResolvers: Resolvers = {
  User: {
    recommendations: (user, args, ctx) =>
      ctx.services.recommendations.forUser(user.id, pageSize(args.first, ctx.config.limits.maxPageSize), args.strategy ?? 'AUTO'),
  },
  Recommendation: {
    reason: (recommendation, _, ctx) => reasonFor(recommendation, ctx.locale),
  },
};
