import type { Resolvers } from '../generated/resolvers-types.js';
import { existingUser } from '../profiles/index.js';

export const identityResolvers: Resolvers = {
  Mutation: {
    linkIdentities: async (_, args, ctx) => {
      const result = await ctx.services.identities.link(args.userId, args.identities, ctx.now);
      ctx.loaders.identities.identitiesByUserId.clear(args.userId);
      return { ...result, user: existingUser(await ctx.loaders.profiles.userById.load(args.userId), args.userId) };
    },
    mergeUsers: async (_, args, ctx) => {
      const result = await ctx.services.identities.merge(args.survivorId, args.mergedId, ctx.now);
      return { ...result, survivor: existingUser(await ctx.loaders.profiles.userById.load(result.survivorId), result.survivorId) };
    },
  },
  User: {
    identities: async (user, _, ctx) =>
      ((await ctx.loaders.identities.identitiesByUserId.load(user.id)) ?? []).map((identity) => ({
        type: identity.type as 'COOKIE_ID',
        value: identity.value,
        namespace: identity.namespace,
        linkedAt: identity.linkedAt.toStandardDate(),
      })),
    mergedIds: async (user, _, ctx) => (await ctx.loaders.identities.mergedIdsByUserId.load(user.id)) ?? [],
  },
};
