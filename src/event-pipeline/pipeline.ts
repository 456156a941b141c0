/**
 * The one way behaviour events enter the graph, whoever sends them: the recordEvents mutation,
 * the Kafka consumer (streams/), the CSV and MovieLens importers and the demo seed (ingest/).
 * A batch is checked and written by activity/, its identities resolved by identities/ in the
 * same transaction, and the users it touched get their scores and rule tags refreshed by tags/.
 * The entries differ only in when that refresh runs (`TagRefreshTiming`);
 * tests/integration/event-pipeline.test.ts sends the same events through each and compares the
 * graphs.
 *
 * Built once per entry from the long-lived dependencies (the API's in deps.ts, the stream's when
 * it starts, an import's when it starts): the services hold no per-request state.
 */
import { ActivityService, applyInterestSignals, type AfterWrite, type QueuedTagRefresh, type TagRefreshFailure } from '../activity/index.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { IdentitiesService, type IdentityPolicy } from '../identities/index.js';
import { chunks } from '../lib/chunks.js';
import type { Logger } from '../logger.js';
import { currentRuleContext, SegmentsService } from '../segments/index.js';
import { queueTagRefresh, TagRefreshQueue, TagsService } from '../tags/index.js';

export interface EventPipelineDeps {
  db: Db;
  config: Pick<Config, 'limits'>;
  identityPolicy: IdentityPolicy;
  logger: Logger;
}

export type TagRefreshTiming =
  /**
   * The API: before recordEvents (or a merge) answers, so the caller reads fresh tags; failures
   * are in the answer. recordEvents may ask for `queued` instead (tagRefresh: QUEUED).
   */
  | { refresh: 'before-answer' }
  /** The stream: a durable request in each batch's transaction, refreshed behind the writes and coalesced (tags/refresh-queue.ts). */
  | { refresh: 'queued' }
  /**
   * Imports and the demo seed: the users are collected into `touched` (an import adds the users
   * its other files wrote) and refreshed once when the load is done (`settle`, or
   * `refreshTouchedUsers` on the database the load ended in).
   */
  | { refresh: 'at-end'; touched: Set<string> };

export interface EventPipeline {
  /** recordEvents and its checks; events keyed by identity resolve through `identities`. */
  activity: ActivityService;
  /** Links and merges; a merge refreshes its survivor with the same timing as events do. */
  identities: IdentitiesService;
  /**
   * The refresher of queued requests (the API's and the stream's; null for imports): the process
   * that owns the pipeline starts it (it then also takes requests other processes left) and stops
   * it; the stream reports how much coalescing saved.
   */
  queue: TagRefreshQueue | null;
  /**
   * Every refresh this pipeline still owes, done: waits until no queued request is left, or
   * refreshes the users an import collected (only once tags are in use: a TAGS run stored its
   * scale, or a rule tag is defined). `onProgress` hears (done, total) users.
   */
  settle(now: Date, onProgress?: (done: number, total: number) => void): Promise<void>;
}

/** Users per refresh when an import settles (TagsService reads and writes them in its own batches). */
const SETTLE_BATCH = 5_000;

export function createEventPipeline(
  deps: EventPipelineDeps,
  timing: { refresh: 'queued' },
  options?: { maxBatchSize?: number },
): EventPipeline & { queue: TagRefreshQueue };
export function createEventPipeline(deps: EventPipelineDeps, timing: TagRefreshTiming, options?: { maxBatchSize?: number }): EventPipeline;
export function createEventPipeline(deps: EventPipelineDeps, timing: TagRefreshTiming, options: { maxBatchSize?: number } = {}): EventPipeline {
  const { db, logger } = deps;
  const refresh = tagRefresher(db);
  const queue =
    timing.refresh === 'at-end'
      ? null
      : new TagRefreshQueue(db, {
          refresh,
          foldSignals: (tx, signals) => applyInterestSignals(db, tx, signals),
          log: logger.child({ module: 'tag-refresh' }),
        });
  const queued: QueuedTagRefresh | null = queue && {
    request: (tx, userIds, now, signals) => queueTagRefresh(db, tx, userIds, now, signals),
    committed: () => queue.kick(),
  };
  let afterWrite: AfterWrite;
  switch (timing.refresh) {
    case 'before-answer':
      // After the commit: what fails is logged and reported, never thrown.
      afterWrite = async (userIds, now) => {
        const failures = await refresh(userIds, now);
        for (const { cause, ...failure } of failures) logger.warn({ ...failure, users: userIds.length, err: cause }, 'tags not refreshed after a write');
        return failures;
      };
      break;
    case 'queued':
      // A merge's survivor (the only write here outside an event batch): its own small request.
      afterWrite = async (userIds, now) => {
        await db.write((tx) => queueTagRefresh(db, tx, userIds, now));
        queue?.kick();
        return [];
      };
      break;
    case 'at-end': {
      const { touched } = timing;
      afterWrite = async (userIds) => {
        for (const id of userIds) touched.add(id);
        return [];
      };
      break;
    }
  }
  const limits = options.maxBatchSize === undefined ? deps.config.limits : { ...deps.config.limits, maxBatchSize: options.maxBatchSize };
  const identities = new IdentitiesService(db, deps.identityPolicy, afterWrite);
  return {
    activity: new ActivityService(db, limits, afterWrite, identities, queued && { queue: queued, byDefault: timing.refresh === 'queued' }),
    identities,
    queue,
    async settle(now, onProgress) {
      if (queue) await queue.drain();
      if (timing.refresh !== 'at-end') return;
      const ids = [...timing.touched];
      timing.touched.clear();
      await refreshTouchedUsers(db, ids, now, logger, onProgress);
    },
  };
}

/**
 * Scores and rule tags of the users a load touched, refreshed as recordEvents refreshes them, in
 * batches; only once tags are in use (a TAGS run stored its scale, or a rule tag is defined).
 */
export async function refreshTouchedUsers(
  db: Db,
  userIds: readonly string[],
  now: Date,
  logger: Logger,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  if (userIds.length === 0 || !(await tagsService(db).inUse())) return;
  const refresh = tagRefresher(db);
  let done = 0;
  for (const batch of chunks(userIds, SETTLE_BATCH)) {
    const failures = await refresh(batch, now);
    for (const { cause, ...failure } of failures) logger.warn({ ...failure, users: batch.length, err: cause }, 'tags not refreshed after a load');
    done += batch.length;
    onProgress?.(done, userIds.length);
  }
}

/** Recomputes users' scores and rule tags at `now`; the rules read the published influence run once per call, as a request's do. */
function tagRefresher(db: Db): (userIds: string[], now: Date) => Promise<TagRefreshFailure[]> {
  return (userIds, now) => tagsService(db).refreshUsers(userIds, now);
}

function tagsService(db: Db): TagsService {
  let context: ReturnType<typeof currentRuleContext> | null = null;
  const segments = new SegmentsService(db, () => (context ??= currentRuleContext(db)));
  return new TagsService(db, (rule, now) => segments.compile(rule, now));
}
