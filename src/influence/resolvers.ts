import type { Context } from '../features.js';
import { pageSize } from '../graphql/pagination.js';
import type { User } from '../profiles/index.js';
import { KOL_SET_MAX } from './jobs.js';

export const influenceResolvers = {
  User: {
    influence: (user: User, _: unknown, ctx: Context) => ctx.services.influence.influenceByUserId.load(user.id),
  },
  Query: {
    keyOpinionLeaders: (_: unknown, args: { interest?: string | null; community?: string | null; first?: number | null }, ctx: Context) =>
      ctx.services.influence.keyOpinionLeaders({ interest: args.interest, community: args.community }, pageSize(args.first, ctx.config.limits.maxPageSize)),
    kolSet: (_: unknown, args: { k: number; interest?: string | null; community?: string | null }, ctx: Context) =>
      ctx.services.influence.kolSet(args.k, { interest: args.interest, community: args.community }, KOL_SET_MAX),
  },
};
