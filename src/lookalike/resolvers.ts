import type { Resolvers } from '../generated/resolvers-types.js';
import { decodeCursor, encodeCursor, isPosition, pageSize, toConnection, toPage } from '../graphql/pagination.js';
import { existingUser } from '../profiles/index.js';
import { explainHit } from './scoring.js';

export const lookalikeResolvers: Resolvers = {
  Query: {
    lookalike: async (_, args, ctx) => ctx.services.lookalike.lookalike(await ctx.services.lookalike.seedIds(args.seed), args.size, args.options ?? {}),
  },
  User: {
    similarUsers: async (user, args, ctx) =>
      (await ctx.services.lookalike.similarUsers(user.id, pageSize(args.first, ctx.config.limits.maxPageSize))).map((member) => ({ member })),
  },
  LookalikeAudience: {
    size: (audience) => audience.members.length,
    members: (audience, args, ctx) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const start = args.after ? decodeCursor('lookalike', args.after, isPosition) + 1 : 0;
      const slice = audience.members.slice(start, start + limit + 1).map((member, offset) => ({ member, position: start + offset }));
      return toConnection(
        toPage(slice, limit),
        (item) => encodeCursor('lookalike', item.position),
        async () => audience.members.length,
      );
    },
  },
  LookalikeMember: {
    user: async (item, _, ctx) => existingUser(await ctx.loaders.profiles.userById.load(item.member.userId), item.member.userId),
    score: (item) => item.member.score,
    reasons: (item) => item.member.reasons,
  },
  LookalikeReason: {
    label: (reason, _, ctx) => explainHit(reason.kind, reason.evidence, ctx.locale),
  },
};
