/**
 * Every feature's resolver map, merged by graphql/schema.ts. Part of the composition root
 * (src/context.ts): feature barrels do not re-export their resolvers, so importing a feature's
 * service never pulls in every other feature through the context type.
 */
import { activityResolvers } from './activity/resolvers.js';
import { analyticsResolvers } from './analytics/resolvers.js';
import { catalogResolvers } from './catalog/resolvers.js';
import { communityResolvers } from './communities/resolvers.js';
import type { Context } from './context.js';
import { funnelResolvers } from './funnels/resolvers.js';
import { scalarResolvers } from './graphql/scalars.js';
import { influenceResolvers } from './influence/resolvers.js';
import { lookalikeResolvers } from './lookalike/resolvers.js';
import { overviewResolvers } from './overview/resolvers.js';
import { identityResolvers } from './identities/resolvers.js';
import { portraitResolvers } from './portraits/resolvers.js';
import { profileResolvers } from './profiles/resolvers.js';
import { recommendationResolvers } from './recommendations/resolvers.js';
import { segmentResolvers } from './segments/resolvers.js';
import { campaignResolvers } from './campaigns/resolvers.js';
import { socialResolvers } from './social/resolvers.js';
import { tagResolvers } from './tags/resolvers.js';

const baseResolvers = {
  Query: {
    health: (_: unknown, __: unknown, ctx: Context) => ({ ok: true, ...ctx.deps.server }),
    limits: (_: unknown, __: unknown, ctx: Context) => ({
      maxPageSize: ctx.config.limits.maxPageSize,
      maxBatchSize: ctx.config.limits.maxBatchSize,
    }),
  },
  Mutation: {
    whoami: (_: unknown, __: unknown, ctx: Context) => ctx.auth.role,
  },
};

export const rootResolvers = [
  scalarResolvers,
  baseResolvers,
  profileResolvers,
  catalogResolvers,
  socialResolvers,
  activityResolvers,
  analyticsResolvers,
  influenceResolvers,
  communityResolvers,
  lookalikeResolvers,
  recommendationResolvers,
  segmentResolvers,
  campaignResolvers,
  tagResolvers,
  portraitResolvers,
  funnelResolvers,
  identityResolvers,
  overviewResolvers,
];
