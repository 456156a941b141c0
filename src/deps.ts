/**
 * The long-lived dependencies of the API: built once per process in main.ts (or once per test
 * file, benchmark or CLI command that serves GraphQL or runs analytics).
 */
import { AnalyticsEngine, jobLiveness } from './analytics/index.js';
import { analyticsTasks } from './analytics-tasks.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { createEventPipeline, type EventPipeline } from './event-pipeline/index.js';
import { identityPolicy, type IdentityPolicy } from './identities/index.js';
import type { LoaderOptions } from './graphql/grouped-loader.js';
import type { Logger } from './logger.js';
import { CountCache } from './lib/count-cache.js';
import { siblingModule } from './lib/module-worker.js';

export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  server: { neo4jVersion: string; gds: boolean };
  /** DataLoader settings; batching is on unless a benchmark measures the naive baseline. */
  loaders?: LoaderOptions;
  analytics: AnalyticsEngine;
  /** Identity resolution rules, from IDENTITY_* (checked once, at start). */
  identityPolicy: IdentityPolicy;
  /** Large users(filter) totals, shared by the requests this process serves. */
  userCounts: CountCache;
  /** recordEvents and merges: record, resolve identities, refresh tags before answering. */
  events: EventPipeline;
}

export function createAppDeps(db: Db, config: Config, logger: Logger, server: AppDeps['server'], options: { loaders?: LoaderOptions } = {}): AppDeps {
  // Jobs compute in a worker thread (analytics-worker.ts) so the event loop keeps serving.
  const worker = {
    entry: siblingModule('analytics-worker', import.meta.url),
    setup: {
      neo4j: config.neo4j,
      logLevel: config.log.level,
      gdsAvailable: server.gds,
      configured: config.analytics.backend,
      staleAfterMs: config.analytics.jobStaleAfterMs,
      txTimeoutMs: config.analytics.txTimeoutMs,
      tasks: { eventLogRetentionDays: config.analytics.eventLogRetentionDays, kolSampleFloor: config.analytics.kolSampleFloor },
    },
  };
  const analytics = new AnalyticsEngine(
    db,
    logger.child({ module: 'analytics' }),
    analyticsTasks(config.analytics),
    server.gds,
    config.analytics.backend,
    jobLiveness(config.analytics.jobStaleAfterMs),
    worker,
  );
  const identities = identityPolicy(config.identities);
  return {
    db,
    config,
    logger,
    server,
    analytics,
    identityPolicy: identities,
    events: createEventPipeline({ db, config, identityPolicy: identities, logger }, { refresh: 'before-answer' }),
    userCounts: new CountCache(config.profiles.countCacheMs),
    ...(options.loaders ? { loaders: options.loaders } : {}),
  };
}
