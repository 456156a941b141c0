/**
 * Scores and rule tags refreshed behind a stream of writes, from requests kept in the graph.
 *
 * A write that does not wait for its refresh (the stream's batches, recordEvents with
 * `tagRefresh: QUEUED`) creates a `(:TagRefreshRequest {userIds})` in its own transaction
 * (cypher/tags/queue-refresh.cypher), with the batch's interest signals, so the request commits
 * with the events or not at all. A refresher in any process that writes events (the API,
 * `consume`) claims the oldest requests for a lease, folds their signals into the interest
 * weights (exactly once: in a transaction that removes them from the requests), refreshes the
 * union of their users once and deletes the requests. A user in ten batches is rescored once;
 * the fold and the refresh run on the core the next write leaves idle (the fold was ~40 % of a
 * batch's transaction); and a process that dies with requests queued leaves them for the next
 * refresher (its own restart, another replica) once the lease runs out.
 *
 * What a refresh could not do is logged and counted. A rule tag that no longer compiles is
 * finished all the same (a retry would fail alike), as a failed refresh before an answer leaves
 * that tag until the next TAGS run; scores that could not be written (the database away) are
 * retried once the lease runs out.
 */
import { randomUUID } from 'node:crypto';
import { int, type ManagedTransaction } from 'neo4j-driver';
import type { InterestSignal, TagRefreshFailure } from '../activity/index.js';
import type { Db } from '../db/db.js';
import { toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import type { Logger } from '../logger.js';
import { tagQueries } from './queries.js';

/** Requests per claim: a stream batch is at most MAX_BATCH_SIZE users, so ≤ 100,000 ids before they are made distinct. */
const REQUESTS_PER_CLAIM = 20;
/** How long a claim is held; a refresh of a full claim takes seconds, and a dead process's claim is retaken after this. */
const LEASE_MS = 120_000;
/** How often an idle refresher looks for requests other processes left (a crash, a replica without a refresher). */
const POLL_MS = 10_000;
/**
 * The least time between the starts of two refreshes: the requests of the batches written
 * meanwhile are refreshed together, so a user active in several of them is rescored once. Tags
 * follow the writes by up to this much more; a second of events from the same users costs one
 * rescoring instead of one per batch.
 */
const MIN_INTERVAL_MS = 1_000;

/** In the write's transaction: a durable request to refresh these users (and fold these signals), committed with the write. */
export async function queueTagRefresh(
  db: Db,
  tx: ManagedTransaction,
  userIds: readonly string[],
  now: Date,
  signals: readonly InterestSignal[] = [],
): Promise<void> {
  if (userIds.length === 0) return;
  const moving = signals.filter((signal) => signal.base !== 0);
  await db.run(tx, tagQueries.queueRefresh, {
    userIds: [...userIds],
    now: toNeo4jDateTime(now),
    signalUserIds: moving.map((signal) => signal.userId),
    signalProductIds: moving.map((signal) => signal.productId),
    signalAts: moving.map((signal) => signal.at.getTime()),
    signalBases: moving.map((signal) => signal.base),
  });
}

export interface TagRefreshQueueOptions {
  /** Recomputes users' scores and rule tags (TagsService.refreshUsers); reports, never throws for a rule. */
  refresh: (userIds: string[], now: Date) => Promise<TagRefreshFailure[]>;
  /** Folds interest signals in the given transaction (activity's applyInterestSignals). */
  foldSignals: (tx: ManagedTransaction, signals: InterestSignal[]) => Promise<void>;
  log: Logger;
  /** How long a claim is held before another refresher may retake it (tests shorten it). */
  leaseMs?: number;
  minIntervalMs?: number;
}

export class TagRefreshQueue {
  private running: Promise<boolean> | null = null;
  private again = false;
  private poller: NodeJS.Timeout | null = null;
  private delayed: NodeJS.Timeout | null = null;
  private lastStart = 0;
  /** Users refreshed, refresh calls made (their ratio is what coalescing saved), requests finished, failures. */
  readonly stats = { users: 0, refreshes: 0, requests: 0, failures: 0 };

  private readonly refresh: TagRefreshQueueOptions['refresh'];
  private readonly foldSignals: TagRefreshQueueOptions['foldSignals'];
  private readonly log: Logger;
  private readonly leaseMs: number;
  private readonly minIntervalMs: number;

  constructor(
    private readonly db: Db,
    options: TagRefreshQueueOptions,
  ) {
    this.refresh = options.refresh;
    this.foldSignals = options.foldSignals;
    this.log = options.log;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.minIntervalMs = options.minIntervalMs ?? MIN_INTERVAL_MS;
  }

  /** A write in this process queued a request: refresh soon, after the one running (which may not have seen it). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.delayed) return;
    const wait = this.lastStart + this.minIntervalMs - Date.now();
    if (wait > 0) {
      this.delayed = setTimeout(() => {
        this.delayed = null;
        this.kick();
      }, wait);
      return;
    }
    this.lastStart = Date.now();
    this.running = this.runOnce().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Also take, every POLL_MS, what other processes left: the API and the consumer call this when they start. */
  start(): void {
    if (this.poller) return;
    this.poller = setInterval(() => this.kick(), POLL_MS);
    this.poller.unref();
    this.kick();
  }

  /** Stops polling and waits for the refresh running now; requests left wait for the next refresher. */
  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    if (this.delayed) clearTimeout(this.delayed);
    this.poller = null;
    this.delayed = null;
    this.again = false;
    while (this.running) await this.running.catch(() => undefined);
  }

  /**
   * Resolves once the requests waiting when it was called are refreshed (or their failure
   * logged), as far as this refresher can claim them. Bounded by the claims those requests need,
   * so it ends while other writers keep queueing (a consumer stopping beside another).
   */
  async drain(): Promise<void> {
    const [waiting] = await this.db.query(tagQueries.pendingRefreshRequests, {});
    let claims = Math.ceil(toSafeNumber(waiting?.requests ?? 0) / REQUESTS_PER_CLAIM) + 1;
    while (claims > 0) {
      while (this.running) await this.running;
      this.running = this.runOnce().finally(() => (this.running = null));
      if (!(await this.running)) return;
      claims -= 1;
    }
  }

  /** One claim, folded, refreshed and finished; false when there was nothing to claim (or it must be retried). */
  private async runOnce(): Promise<boolean> {
    const claim = randomUUID();
    let ids: string[];
    try {
      // Claimed and folded in one transaction, under the claims lock: folds run in the order the
      // requests were claimed, oldest first, so a user's signals (one partition, one consumer)
      // fold in the order they were written, as they did inside the writes.
      const now = toNeo4jDateTime(new Date());
      const rows = await this.db.write(async (tx) => {
        await this.db.run(tx, tagQueries.lockRefreshClaims, { now });
        const claimed = await this.db.run(tx, tagQueries.claimRefreshRequests, {
          claim,
          now,
          leaseUntil: toNeo4jDateTime(new Date(Date.now() + this.leaseMs)),
          limit: int(REQUESTS_PER_CLAIM),
        });
        if (claimed.length === 0) return claimed;
        const lists = await this.db.run(tx, tagQueries.takeQueuedSignals, { claim });
        const signals = lists.flatMap((list) =>
          list.userIds.map((userId, k) => ({
            userId,
            productId: list.productIds[k] as string,
            at: new Date(list.ats[k] as number),
            base: list.bases[k] as number,
          })),
        );
        // Before the rescoring, which reads the weights (a rule on an interest).
        await this.foldSignals(tx, signals);
        return claimed;
      });
      if (rows.length === 0) return false;
      ids = [...new Set(rows.flatMap((row) => row.userIds))];
      this.stats.requests += rows.length;
    } catch (error) {
      // The database is away: the claim and the fold rolled back together, the requests wait
      // unclaimed, and the next kick or poll tries again.
      this.stats.failures += 1;
      this.log.warn({ err: error }, 'queued tag refresh requests could not be claimed or their signals folded');
      return false;
    }
    // A failure without a tag is the scores' (the database went away mid-refresh): the requests
    // stay claimed and are retaken when the lease runs out. A rule tag that does not compile
    // would not compile on a retry either: logged, and the requests are finished.
    let retry = false;
    try {
      const failures = await this.refresh(ids, new Date());
      this.stats.failures += failures.length;
      retry = failures.some((failure) => failure.tag === null);
      for (const { cause, ...failure } of failures) this.log.warn({ ...failure, users: ids.length, err: cause }, 'tags not refreshed after a queued write');
    } catch (error) {
      this.stats.failures += 1;
      retry = true;
      this.log.warn({ err: error, users: ids.length }, 'tags not refreshed after a queued write');
    }
    this.stats.users += ids.length;
    this.stats.refreshes += 1;
    if (retry) return false;
    try {
      await this.db.write((tx) => this.db.run(tx, tagQueries.finishRefreshRequests, { claim }));
    } catch (error) {
      // Left claimed: retaken when the lease runs out, and refreshed again (idempotent; the signals are folded already).
      this.log.warn({ err: error }, 'tag refresh requests could not be finished');
    }
    return true;
  }
}
