/**
 * The composition root of the API: which features exist, their resolvers, and the per-request
 * context (fresh DataLoaders and services for every request, so caches never leak between
 * users). graphql/ stays feature-agnostic; this file is the one place that knows them all.
 */
import { AnalyticsEngine, jobLiveness } from './analytics/index.js';
import { analyticsResolvers } from './analytics/resolvers.js';
import { activityResolvers, ActivityService, createActivityLoaders, type ActivityLoaders } from './activity/index.js';
import { catalogResolvers, CatalogService, createCatalogLoaders, type CatalogLoaders } from './catalog/index.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import type { Auth } from './graphql/auth.js';
import type { LoaderOptions } from './graphql/grouped-loader.js';
import { scalarResolvers } from './graphql/scalars.js';
import type { Logger } from './logger.js';
import { createProfileLoaders, profileResolvers, ProfilesService, type ProfileLoaders } from './profiles/index.js';
import { createSocialLoaders, socialResolvers, SocialService, type SocialLoaders } from './social/index.js';
import { communityResolvers, CommunitiesService } from './communities/index.js';
import { influenceResolvers, InfluenceService } from './influence/index.js';
import { ANALYTICS_TASKS } from './analytics-tasks.js';
import { lookalikeResolvers, LookalikeService } from './lookalike/index.js';
import { CommunityPagePrefetch, ProductPagePrefetch, UserPagePrefetch } from './pages/index.js';
import { recommendationResolvers, RecommendationsService } from './recommendations/index.js';
import { segmentResolvers, SegmentsService } from './segments/index.js';

/** Long-lived dependencies, built once per process in main.ts (or once per test file). */
export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  server: { neo4jVersion: string; gds: boolean };
  /** DataLoader settings; batching is on unless a benchmark measures the naive baseline. */
  loaders?: LoaderOptions;
  analytics: AnalyticsEngine;
}

/** The long-lived dependencies of the API (and of tests and benchmarks that serve GraphQL). */
export function createAppDeps(
  db: Db,
  config: Config,
  logger: Logger,
  server: AppDeps['server'],
  options: { loaders?: LoaderOptions } = {},
): AppDeps {
  // Jobs compute in a worker thread (analytics-worker.ts) so the event loop keeps serving.
  const worker = {
    entry: new URL(`./analytics-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
    setup: { neo4j: config.neo4j, logLevel: config.log.level, gdsAvailable: server.gds, configured: config.analytics.backend, staleAfterMs: config.analytics.jobStaleAfterMs },
  };
  const analytics = new AnalyticsEngine(db, logger.child({ module: 'analytics' }), ANALYTICS_TASKS, server.gds, config.analytics.backend, jobLiveness(config.analytics.jobStaleAfterMs), worker);
  return { db, config, logger, server, analytics, ...(options.loaders ? { loaders: options.loaders } : {}) };
}

export interface Context {
  requestId: string;
  /** One clock reading per request: every derived field (lifecycle, age band) agrees. */
  now: Date;
  auth: Auth;
  config: Config;
  logger: Logger;
  deps: AppDeps;
  loaders: {
    profiles: ProfileLoaders;
    catalog: CatalogLoaders;
    social: SocialLoaders;
    activity: ActivityLoaders;
  };
  services: {
    profiles: ProfilesService;
    catalog: CatalogService;
    social: SocialService;
    activity: ActivityService;
    influence: InfluenceService;
    communities: CommunitiesService;
    lookalike: LookalikeService;
    recommendations: RecommendationsService;
    segments: SegmentsService;
    /** The look-ahead that serves a page of users, products or communities in one statement (src/pages/). */
    pages: { users: UserPagePrefetch; products: ProductPagePrefetch; communities: CommunityPagePrefetch };
  };
}

export function createContext(deps: AppDeps, auth: Auth, requestId: string, now = new Date()): Context {
  const loaders = {
    profiles: createProfileLoaders(deps.db, deps.loaders),
    catalog: createCatalogLoaders(deps.db, deps.loaders),
    social: createSocialLoaders(deps.db, deps.loaders),
    activity: createActivityLoaders(deps.db, deps.loaders),
  };
  const influence = new InfluenceService(deps.db, deps.loaders);
  const communities = new CommunitiesService(deps.db, deps.loaders);
  const { maxPageSize } = deps.config.limits;
  return {
    requestId,
    now,
    auth,
    config: deps.config,
    logger: deps.logger.child({ requestId }),
    deps,
    loaders,
    services: {
      profiles: new ProfilesService(deps.db, loaders.profiles, deps.config.limits),
      catalog: new CatalogService(deps.db, loaders.catalog, deps.config.limits),
      social: new SocialService(deps.db, loaders.social),
      activity: new ActivityService(deps.db, loaders.activity, deps.config.limits),
      influence,
      communities,
      lookalike: new LookalikeService(deps.db),
      recommendations: new RecommendationsService(deps.db, deps.loaders),
      segments: new SegmentsService(deps.db),
      pages: {
        users: new UserPagePrefetch(deps.db, loaders, maxPageSize),
        products: new ProductPagePrefetch(deps.db, loaders, maxPageSize),
        communities: new CommunityPagePrefetch(deps.db, loaders, communities, influence, maxPageSize),
      },
    },
  };
}

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

export const featureResolvers = [
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
];
