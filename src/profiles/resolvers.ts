import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../features.js';
import { maskEmail, maskPhone, requireWrite } from '../graphql/auth.js';
import { decodeCursor, encodeCursor, isString, isStringPair, pageSize, toConnection } from '../graphql/pagination.js';
import { ageBand, lifecycleStage } from './lifecycle.js';
import type { UserFilter, UserUpsert } from './service.js';
import type { Interest, User } from './types.js';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Every list of users is ordered by user id, so one cursor kind serves them all. */
export const userCursor = (user: User): string => encodeCursor('user', user.id);
export const afterUserId = (after: string | null | undefined): string | null =>
  after ? decodeCursor('user', after, isString) : null;

export const profileResolvers = {
  Query: {
    // Both prefetch what the page selects below them in one statement (src/pages/), then read
    // through the same loaders as without it.
    user: async (_: unknown, args: { id: string }, ctx: Context, info: GraphQLResolveInfo) => {
      await ctx.services.pages.users.prefetch([args.id], info, 'node');
      return ctx.services.profiles.user(args.id);
    },
    users: async (_: unknown, args: PageArgs & { filter?: UserFilter | null }, ctx: Context, info: GraphQLResolveInfo) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const page = await ctx.services.profiles.usersPage(args.filter, afterUserId(args.after), limit, ctx.now);
      await ctx.services.pages.users.prefetch(page.items.map((user) => user.id), info, 'connection');
      return toConnection(page, userCursor, () => ctx.services.profiles.usersCount(args.filter, ctx.now));
    },
    interest: (_: unknown, args: { id: string }, ctx: Context) => ctx.services.profiles.interest(args.id),
    interests: async (_: unknown, args: PageArgs, ctx: Context) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('interest', args.after, isStringPair) : null;
      const page = await ctx.services.profiles.interestsPage(after, limit);
      return toConnection(page, (interest) => encodeCursor('interest', [interest.name, interest.id]), () =>
        ctx.services.profiles.interestsCount(),
      );
    },
  },
  Mutation: {
    upsertUsers: (_: unknown, args: { input: UserUpsert[] }, ctx: Context) => {
      requireWrite(ctx.auth);
      return ctx.services.profiles.upsertUsers(args.input, ctx.now);
    },
    upsertInterests: (_: unknown, args: { input: Interest[] }, ctx: Context) => {
      requireWrite(ctx.auth);
      return ctx.services.profiles.upsertInterests(args.input);
    },
    setConsent: (
      _: unknown,
      args: { userId: string; consentProfiling?: boolean | null; consentMarketing?: boolean | null },
      ctx: Context,
    ) => {
      requireWrite(ctx.auth);
      return ctx.services.profiles.setConsent(args.userId, args.consentProfiling ?? null, args.consentMarketing ?? null);
    },
    deleteUser: (_: unknown, args: { id: string }, ctx: Context) => {
      requireWrite(ctx.auth);
      return ctx.services.profiles.deleteUser(args.id);
    },
  },
  User: {
    ageBand: (user: User, _: unknown, ctx: Context) => ageBand(user.birthYear, ctx.now),
    lifecycleStage: (user: User, _: unknown, ctx: Context) => lifecycleStage(user.createdAt, user.lastActiveAt, ctx.now),
    email: (user: User, _: unknown, ctx: Context) => (ctx.auth.canReadPii ? user.email : maskEmail(user.email)),
    phone: (user: User, _: unknown, ctx: Context) => (ctx.auth.canReadPii ? user.phone : maskPhone(user.phone)),
    interests: (user: User, args: { first?: number | null }, ctx: Context) =>
      ctx.loaders.profiles.interestsByUserId.load({
        id: user.id,
        args: { limit: pageSize(args.first, ctx.config.limits.maxPageSize) },
      }),
  },
  Interest: {
    userCount: async (interest: Interest, _: unknown, ctx: Context) =>
      (await ctx.loaders.profiles.interestUserCount.load(interest.id)) ?? 0,
  },
};
