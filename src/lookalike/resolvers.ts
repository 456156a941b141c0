import type { Context } from '../features.js';
import { decodeCursor, encodeCursor, isPosition, pageSize, toConnection, toPage } from '../graphql/pagination.js';
import type { User } from '../profiles/index.js';
import type { Scored, Signal } from './scoring.js';
import { resolveSeed, type LookalikeSeedInput } from './seed.js';
import type { LookalikeResult } from './service.js';


export const lookalikeResolvers = {
  Query: {
    lookalike: async (
      _: unknown,
      args: { seed: LookalikeSeedInput; size: number; options?: { holdoutFraction?: number | null; signals?: Signal[] | null; excludeProductIds?: string[] | null; randomSeed?: number | null } | null },
      ctx: Context,
    ) => ctx.services.lookalike.lookalike(await resolveSeed(args.seed, ctx), args.size, args.options ?? {}),
  },
  User: {
    similarUsers: async (user: User, args: { first?: number | null }, ctx: Context) =>
      (await ctx.services.lookalike.similarUsers(user.id, pageSize(args.first, ctx.config.limits.maxPageSize))).map((member) => ({ member })),
  },
  LookalikeAudience: {
    size: (audience: LookalikeResult) => audience.members.length,
    members: (audience: LookalikeResult, args: { first?: number | null; after?: string | null }, ctx: Context) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const start = args.after ? decodeCursor('lookalike', args.after, isPosition) + 1 : 0;
      const slice = audience.members.slice(start, start + limit + 1).map((member, offset) => ({ member, position: start + offset }));
      return toConnection(toPage(slice, limit), (item) => encodeCursor('lookalike', item.position), async () => audience.members.length);
    },
  },
  LookalikeMember: {
    user: (item: { member: Scored }, _: unknown, ctx: Context) => ctx.loaders.profiles.userById.load(item.member.userId),
    score: (item: { member: Scored }) => item.member.score,
    reasons: (item: { member: Scored }) => item.member.reasons,
  },
};
