import type { Resolvers } from '../generated/resolvers-types.js';

export const overviewResolvers: Resolvers = {
  Query: {
    overview: (_, __, ctx) => ctx.services.overview.overview(),
  },
};
