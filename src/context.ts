/**
 * The per-request context: fresh DataLoaders and services for every request, so caches never
 * leak between callers. With src/deps.ts and src/resolvers.ts this is the composition root:
 * the one place that knows every feature. A new feature adds its loaders to createLoaders, its
 * service to createServices and its resolvers to src/resolvers.ts.
 */
import { createActivityLoaders } from './activity/index.js';
import { createCatalogLoaders, CatalogService } from './catalog/index.js';
import { createCommunityLoaders, CommunitiesService } from './communities/index.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import type { Auth } from './graphql/auth.js';
import type { LoaderOptions } from './graphql/grouped-loader.js';
import type { Locale } from './graphql/locale.js';
import type { RequestContext } from './graphql/request-context.js';
import { createIdentityLoaders } from './identities/index.js';
import { FunnelsService } from './funnels/index.js';
import { createInfluenceLoaders, InfluenceService } from './influence/index.js';
import type { Db } from './db/db.js';
import type { Logger } from './logger.js';
import { LookalikeService } from './lookalike/index.js';
import { OverviewService } from './overview/index.js';
import { CommunityPagePrefetch, ProductPagePrefetch, UserPagePrefetch } from './pages/index.js';
import { PortraitsService } from './portraits/index.js';
import { consentingUsers, createProfileLoaders, ProfilesService } from './profiles/index.js';
import { createRecommendationLoaders, RecommendationsService } from './recommendations/index.js';
import { populationSampling, SegmentsService } from './segments/index.js';
import { campaignChannels, CampaignsService, createCampaignLoaders } from './campaigns/index.js';
import { createSocialLoaders, SocialService } from './social/index.js';
import { createTagLoaders, TagsService } from './tags/index.js';

/** Every feature's DataLoaders for one request. */
export function createLoaders(db: Db, options?: LoaderOptions) {
  return {
    profiles: createProfileLoaders(db, options),
    catalog: createCatalogLoaders(db, options),
    social: createSocialLoaders(db, options),
    activity: createActivityLoaders(db, options),
    campaigns: createCampaignLoaders(db, options),
    influence: createInfluenceLoaders(db, options),
    communities: createCommunityLoaders(db, options),
    recommendations: createRecommendationLoaders(db, options),
    tags: createTagLoaders(db, options),
    identities: createIdentityLoaders(db, options),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Every feature's service for one request, over that request's loaders and clock. Events and
 * merges go through the process's one event pipeline (deps.events, src/event-pipeline/), whose
 * services hold no per-request state.
 */
export function createServices(deps: AppDeps, loaders: Loaders, now: Date) {
  const { db, config } = deps;
  const { maxPageSize } = config.limits;
  // Segment rules see the request's clock and the published influence run its fields see.
  // Large populations are previewed and portrayed from a uniform sample (segments/sampling.ts).
  const sampling = populationSampling(() => consentingUsers(db, deps.userCounts), config.sampling);
  const segments = new SegmentsService(db, async () => ({ now, influence: await loaders.influence.published.get() }), sampling);
  const tags = new TagsService(db, (rule, now) => segments.compile(rule, now), loaders);
  return {
    profiles: new ProfilesService(db, loaders.profiles, config.limits, deps.userCounts),
    catalog: new CatalogService(db, loaders.catalog, config.limits),
    social: new SocialService(db),
    // Rule tags and scores of the users an event batch or a merge touched are refreshed before it answers.
    activity: deps.events.activity,
    identities: deps.events.identities,
    influence: new InfluenceService(db, loaders.influence),
    communities: new CommunitiesService(db, loaders.communities),
    overview: new OverviewService(db, config.ingest.runStaleAfterMs),
    lookalike: new LookalikeService(db, segments, { counts: deps.userCounts }),
    recommendations: new RecommendationsService(loaders.recommendations),
    segments,
    campaigns: new CampaignsService(db, {
      channels: campaignChannels(config.campaigns),
      frequencyCap: config.campaigns.frequencyCap,
      channelCosts: config.campaigns.channelCosts,
    }),
    tags,
    portraits: new PortraitsService(
      db,
      (rule) => segments.compile(rule),
      () => loaders.influence.published.get(),
      config.portraits.minBucketSize,
      now,
      sampling,
    ),
    funnels: new FunnelsService(db, (rule) => segments.compile(rule), config.portraits.minBucketSize, sampling),
    /** The look-ahead that serves a page of users, products or communities in one statement (src/pages/). */
    pages: {
      users: new UserPagePrefetch(db, loaders, maxPageSize),
      products: new ProductPagePrefetch(db, loaders, maxPageSize),
      communities: new CommunityPagePrefetch(db, loaders, maxPageSize),
    },
  };
}
export type Services = ReturnType<typeof createServices>;

export interface Context extends RequestContext {
  /** One clock reading per request: every derived field (lifecycle, age band) agrees. */
  now: Date;
  config: Config;
  logger: Logger;
  deps: AppDeps;
  loaders: Loaders;
  services: Services;
}

export function createContext(deps: AppDeps, auth: Auth, requestId: string, now = new Date(), locale: Locale = 'en'): Context {
  const loaders = createLoaders(deps.db, deps.loaders);
  return {
    requestId,
    now,
    auth,
    locale,
    config: deps.config,
    logger: deps.logger.child({ requestId }),
    deps,
    loaders,
    services: createServices(deps, loaders, now),
  };
}
