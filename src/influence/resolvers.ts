import type { Resolvers } from '../generated/resolvers-types.js';
import { pageSize } from '../graphql/pagination.js';
import { KOL_SET_MAX } from './jobs.js';

export const influenceResolvers: Resolvers = {
  User: {
    influence: (user, _, ctx) => ctx.loaders.influence.influenceByUserId.load(user.id),
  },
  Query: {
    keyOpinionLeaders: (_, args, ctx) =>
      ctx.services.influence.keyOpinionLeaders({ interest: args.interest, community: args.community }, pageSize(args.first, ctx.config.limits.maxPageSize)),
    kolSet: (_, args, ctx) =>
      ctx.services.influence.kolSet(args.k, args.probability ?? null, { interest: args.interest, community: args.community }, KOL_SET_MAX),
  },
};
