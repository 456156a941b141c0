import type { Resolvers } from '../generated/resolvers-types.js';
import { decodeCursor, encodeCursor, isStringPair, pageSize, toConnection } from '../graphql/pagination.js';
import { afterUserId, userCursor } from './cursors.js';
import { ageBand, lifecycleStage } from './lifecycle.js';

export const profileResolvers: Resolvers = {
  Query: {
    // Both prefetch what the page selects below them in one statement (src/pages/), then read
    // through the same loaders as without it.
    user: async (_, args, ctx, info) => {
      await ctx.services.pages.users.prefetch([args.id], info, 'node');
      return ctx.loaders.profiles.userById.load(args.id);
    },
    users: async (_, args, ctx, info) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const page = await ctx.services.profiles.usersPage(args.filter, afterUserId(args.after), limit, ctx.now);
      await ctx.services.pages.users.prefetch(
        page.items.map((user) => user.id),
        info,
        'connection',
      );
      return toConnection(page, userCursor, () => ctx.services.profiles.usersCount(args.filter, ctx.now));
    },
    interest: (_, args, ctx) => ctx.loaders.profiles.interestById.load(args.id),
    interests: async (_, args, ctx) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('interest', args.after, isStringPair) : null;
      const page = await ctx.services.profiles.interestsPage(after, limit);
      return toConnection(
        page,
        (interest) => encodeCursor('interest', [interest.name, interest.id]),
        () => ctx.services.profiles.interestsCount(),
      );
    },
  },
  Mutation: {
    upsertUsers: (_, args, ctx) => ctx.services.profiles.upsertUsers(args.input, ctx.now),
    upsertInterests: (_, args, ctx) => ctx.services.profiles.upsertInterests(args.input),
    setConsent: (_, args, ctx) => ctx.services.profiles.setConsent(args.userId, args.consentProfiling ?? null, args.consentMarketing ?? null),
    deleteUser: (_, args, ctx) => ctx.services.profiles.deleteUser(args.id),
  },
  User: {
    ageBand: (user, _, ctx) => ageBand(user.birthYear, ctx.now),
    lifecycleStage: (user, _, ctx) => lifecycleStage(user.createdAt, user.lastActiveAt, ctx.now),
    interests: (user, args, ctx) =>
      ctx.loaders.profiles.interestsByUserId.load({
        id: user.id,
        args: { limit: pageSize(args.first, ctx.config.limits.maxPageSize) },
      }),
  },
  Interest: {
    userCount: async (interest, _, ctx) => (await ctx.loaders.profiles.interestUserCount.load(interest.id)) ?? 0,
  },
};
