import type { Integer, ManagedTransaction } from 'neo4j-driver';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { retryConcurrentChange } from '../db/neo4j-errors.js';
import { int, toSafeNumber } from '../db/values.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { lengthProblem } from '../input-lengths.js';
import { hasVisibleText, NO_SENTIMENT_MODELS, readReview, type SentimentModels } from '../text/index.js';
import { baseSignal, HALF_LIFE_MS, type EventKind, type InterestSignal } from './interest-weights.js';
import { liveActivity, type ActivityWindow, type LiveActivity } from './live.js';
import { activityQueries } from './queries.js';
import { currentSentimentModels, sentimentModelStatus, type SentimentModelStatus } from './sentiment-models.js';

/** An identity as an event names its user by (checked by the identity resolver). */
export interface EventIdentity {
  type: string;
  value: string;
  namespace?: string | null;
}

export interface ActivityEvent {
  /** The user, or null when `identities` name them instead. */
  userId: string | null;
  /** Identities of the user (a cookie, a device, a hashed e-mail…): resolved, linked or merged by the resolver. */
  identities?: readonly EventIdentity[] | null;
  productId: string;
  kind: EventKind;
  at: Date;
  quantity?: number | null;
  amount?: number | null;
  score?: number | null;
  /** REVIEW only: what the user wrote. May hold personal data: never logged, never in error messages. */
  text?: string | null;
}

/** An event whose user is known. */
type ResolvedEvent = ActivityEvent & { userId: string };

/** Resolves events keyed by identity to users inside the batch's transaction (src/identities/). */
export interface EventIdentityResolver {
  /** Throws BAD_USER_INPUT for an invalid identity; nothing is written. */
  check(events: readonly { identities?: readonly EventIdentity[] | null }[]): void;
  resolve(tx: ManagedTransaction, events: readonly { userId: string | null; identities: readonly EventIdentity[] }[], now: Date): Promise<IdentityReport>;
}

/** What resolving identities did: each event's user (null: unknown and not created), and the report. */
export interface IdentityReport {
  userIds: (string | null)[];
  usersCreated: number;
  identitiesLinked: number;
  merges: { survivorId: string; mergedId: string }[];
  refusedMerges: { survivorId: string; mergedId: string; reason: string }[];
  refusedLinks: { userId: string; type: string; reason: string }[];
}

/**
 * What refreshing the touched users' scores and rule tags could not do once a write had
 * committed (src/tags/): the write stands; this says what is stale and why. `tag` null: the
 * scores, or the whole refresh. `cause` is for the log only, never shown to a caller.
 */
export interface TagRefreshFailure {
  tag: string | null;
  code: string;
  message: string;
  cause?: unknown;
}

/** Runs after a write commits, with the users it touched and the write's clock; reports what it could not refresh. */
export type AfterWrite = (userIds: string[], now: Date) => Promise<TagRefreshFailure[]>;

/** When the scores and rule tags of the users a batch touched are refreshed (schema: TagRefresh). */
export type TagRefreshWhen = 'before-answer' | 'queued';

/**
 * A durable refresh queue (src/tags/refresh-queue.ts): `request` runs inside the batch's
 * transaction, so the request, with the batch's interest signals to fold, commits with the
 * events; `committed` runs after the commit (a local refresher starts on it) and never waits.
 */
export interface QueuedTagRefresh {
  request(tx: ManagedTransaction, userIds: string[], now: Date, signals: readonly InterestSignal[]): Promise<void>;
  committed(): void;
}

export type RecordEventsResult = { applied: number; ignored: number; tagRefreshFailures: TagRefreshFailure[] } & Omit<IdentityReport, 'userIds'>;

const NO_IDENTITIES: Omit<IdentityReport, 'userIds'> = { usersCreated: 0, identitiesLinked: 0, merges: [], refusedMerges: [], refusedLinks: [] };

/** Runs an after-write hook; whatever it throws is reported as a failure, never rethrown (the write has committed). */
export async function afterCommit(hook: AfterWrite, userIds: string[], now: Date): Promise<TagRefreshFailure[]> {
  try {
    return await hook(userIds, now);
  } catch (error) {
    return [{ tag: null, code: 'INTERNAL_SERVER_ERROR', message: 'The scores and rule tags could not be refreshed.', cause: error }];
  }
}

/** A batch's new events by the minute of their time, for cypher/activity/count-by-minute.cypher. */
class MinuteCounts {
  private readonly byMinute = new Map<number, { views: number; purchases: number; ratings: number }>();

  add(kind: EventKind, atMs: number): void {
    const at = Math.floor(atMs / 60_000) * 60_000;
    const counts = this.byMinute.get(at) ?? { views: 0, purchases: 0, ratings: 0 };
    if (kind === 'VIEW') counts.views += 1;
    if (kind === 'PURCHASE') counts.purchases += 1;
    if (kind === 'RATE') counts.ratings += 1;
    this.byMinute.set(at, counts);
  }

  rows(): { at: number; views: Integer; purchases: Integer; ratings: Integer }[] {
    return [...this.byMinute].map(([at, counts]) => ({ at, views: int(counts.views), purchases: int(counts.purchases), ratings: int(counts.ratings) }));
  }
}

const pairKey = (event: { userId: string; productId: string }) => `${event.userId}\u0000${event.productId}`;

/** Checks what the SDL cannot express; throws before anything is written. */
function validate(events: readonly ActivityEvent[], now: Date, maxBatchSize: number): void {
  if (events.length > maxBatchSize) {
    throw new BadInputError(`At most ${maxBatchSize} events per call; got ${events.length}. Split the batch.`, { max: maxBatchSize });
  }
  const latest = now.getTime() + 86_400_000; // a day of clock skew between systems is tolerated
  events.forEach((event, index) => {
    const where = { index, userId: event.userId, productId: event.productId };
    if (event.userId == null && (event.identities ?? []).length === 0) {
      throw new BadInputError(`Event #${index + 1} names no user: give userId or identities.`, where);
    }
    if (event.at.getTime() > latest) throw new BadInputError(`Event #${index + 1} is dated in the future (${event.at.toISOString()}).`, where);
    if (event.kind === 'RATE') {
      if (event.score == null || !Number.isInteger(event.score) || event.score < 1 || event.score > 5) {
        throw new BadInputError(`Event #${index + 1} (RATE) needs an integer score from 1 to 5; got ${event.score ?? 'none'}.`, where);
      }
    } else if (event.kind === 'REVIEW') {
      if (event.score != null && (!Number.isInteger(event.score) || event.score < 1 || event.score > 5)) {
        throw new BadInputError(`Event #${index + 1} (REVIEW) takes an integer score from 1 to 5, or none; got ${event.score}.`, where);
      }
    } else if (event.score != null) {
      throw new BadInputError(`Event #${index + 1} (${event.kind}) cannot carry a score; only RATE and REVIEW events do.`, where);
    }
    if (event.kind === 'REVIEW') {
      // Never the text in the message: it may hold personal data.
      if (!hasVisibleText(event.text)) throw new BadInputError(`Event #${index + 1} (REVIEW) needs its text (a letter, digit or sign).`, where);
      const problem = lengthProblem('text', event.text ?? '');
      if (problem) throw new BadInputError(`Event #${index + 1} (REVIEW): ${problem}`, where);
    } else if (event.text != null) {
      throw new BadInputError(`Event #${index + 1} (${event.kind}) cannot carry text; only REVIEW events do.`, where);
    }
    if (event.kind !== 'PURCHASE' && (event.quantity != null || event.amount != null)) {
      throw new BadInputError(`Event #${index + 1} (${event.kind}) cannot carry quantity or amount; only PURCHASE events do.`, where);
    }
  });
}

export class ActivityService {
  /**
   * @param usersTouched called after a batch is written, with the users it touched (tags refresh).
   * @param identities resolves events keyed by identity; without it such events are refused.
   * @param queued where a batch may queue its refresh instead (null: always `usersTouched`), and
   *   whether it does unless recordEvents is told otherwise.
   */
  constructor(
    private readonly db: Db,
    private readonly limits: Config['limits'],
    private readonly usersTouched: AfterWrite = async () => [],
    private readonly identities: EventIdentityResolver | null = null,
    private readonly queued: { queue: QueuedTagRefresh; byDefault: boolean } | null = null,
  ) {}

  /**
   * All or nothing, and idempotent: replaying a batch changes nothing (see the record-*.cypher
   * headers). A constant number of statements whatever the batch size.
   */
  async recordEvents(events: readonly ActivityEvent[], now: Date, tagRefresh?: TagRefreshWhen): Promise<RecordEventsResult> {
    this.check(events, now);
    const queue = this.queued && (tagRefresh ?? (this.queued.byDefault ? 'queued' : 'before-answer')) === 'queued' ? this.queued.queue : null;
    const keyedByIdentity = events.some((event) => (event.identities ?? []).length > 0);
    if (events.length === 0) return { applied: 0, ignored: 0, tagRefreshFailures: [], ...NO_IDENTITIES };

    // Replaying a batch is a no-op, so a batch that lost a race (another one merged away a
    // visitor this one was stitching too) is simply run again on the new state.
    // Read before the transaction: a review is read with the models stored now (one small statement when the batch holds reviews).
    const sentimentModels = events.some((event) => event.kind === 'REVIEW') ? await currentSentimentModels(this.db) : NO_SENTIMENT_MODELS;
    const { applied, touched, report } = await retryConcurrentChange(() => this.writeBatch(events, keyedByIdentity, now, sentimentModels, queue));
    if (queue) {
      queue.committed();
      return { applied, ignored: events.length - applied, tagRefreshFailures: [], ...report };
    }
    // After the commit: the events are recorded whatever happens here, so nothing here may
    // answer as if they were not (a caller retrying on error, a stream's dead letters). What
    // could not be refreshed is reported beside the result; the next write or TAGS run redoes it.
    const tagRefreshFailures = await afterCommit(this.usersTouched, touched, now);
    return { applied, ignored: events.length - applied, tagRefreshFailures, ...report };
  }

  /** One batch in one transaction: references checked, identities resolved, events written. */
  private writeBatch(
    events: readonly ActivityEvent[],
    keyedByIdentity: boolean,
    now: Date,
    sentimentModels: SentimentModels,
    queue: QueuedTagRefresh | null,
  ): Promise<{ applied: number; touched: string[]; report: Omit<IdentityReport, 'userIds'> }> {
    return this.db.write(
      async (tx) => {
        const named = [...new Set(events.flatMap((event) => (event.userId == null ? [] : [event.userId])))];
        const productIds = [...new Set(events.map((event) => event.productId))];
        const [refs] = await this.db.run(tx, activityQueries.missingReferences, { userIds: named, productIds });
        if (refs && refs.missingUsers.length > 0) throw new NotFoundError('User', refs.missingUsers);
        if (refs && refs.missingProducts.length > 0) throw new NotFoundError('Product', refs.missingProducts);
        // An id merged into another user names the survivor now.
        const survivorOf = new Map((refs?.redirects ?? []).map(([mergedId, survivorId]) => [mergedId, survivorId]));
        let userIds = events.map((event) => (event.userId == null ? null : (survivorOf.get(event.userId) ?? event.userId)));
        let report = NO_IDENTITIES;
        if (keyedByIdentity && this.identities) {
          const resolution = await this.identities.resolve(
            tx,
            events.map((event, index) => ({ userId: userIds[index] ?? null, identities: event.identities ?? [] })),
            now,
          );
          const unknown = events.flatMap((event, index) => (resolution.userIds[index] == null ? [index + 1] : []));
          if (unknown.length > 0) {
            throw new NotFoundError(
              'Identity',
              unknown.map((n) => `event #${n}`),
            );
          }
          ({ userIds, ...report } = resolution);
        }
        const resolved = events.map((event, index) => ({ ...event, userId: userIds[index] as string }));
        const signals = await this.writeEvents(tx, resolved, sentimentModels);
        const touched = [...new Set(resolved.map((event) => event.userId))];
        // Queued, the signals go with the refresh request and are folded beside the next batches.
        if (queue) await queue.request(tx, touched, now, signals);
        else await applyInterestSignals(this.db, tx, signals);
        return { applied: signals.length, touched, report };
      },
      { name: 'activity/record-events' },
    );
  }

  /** What recordEvents refuses before writing anything (BAD_USER_INPUT); also for writers that stage events elsewhere. */
  check(events: readonly ActivityEvent[], now: Date): void {
    validate(events, now, this.limits.maxBatchSize);
    const keyedByIdentity = events.some((event) => (event.identities ?? []).length > 0);
    if (keyedByIdentity && !this.identities) throw new BadInputError('Events keyed by identity are not accepted here: give userId.');
    this.identities?.check(events);
  }

  /** Per review language, what reads its sentiment and how well (src/activity/sentiment-models.ts). */
  sentimentModels(): Promise<SentimentModelStatus[]> {
    return sentimentModelStatus(this.db);
  }

  /** Live counters over a recent window (src/activity/live.ts). */
  live(window: ActivityWindow, top: number, now: Date): Promise<LiveActivity> {
    return liveActivity(this.db, window, top, now);
  }

  /**
   * Writes resolved events: a constant number of statements whatever the batch size. Returns the
   * interest signals of the events that changed the graph (one per such event), for the caller to
   * fold now or queue.
   */
  private async writeEvents(tx: ManagedTransaction, events: readonly ResolvedEvent[], sentimentModels: SentimentModels): Promise<InterestSignal[]> {
    // Within one batch, collapse what would otherwise make rows of one UNWIND race each other.
    const purchases = new Map<string, ResolvedEvent>();
    const reviews = new Map<string, ResolvedEvent>();
    const views = new Map<string, { userId: string; productId: string; ats: Set<number> }>();
    const ratings = new Map<string, { userId: string; productId: string; byAt: Map<number, number> }>();
    for (const event of events) {
      if (event.kind === 'PURCHASE') purchases.set(`${pairKey(event)}\u0000${event.at.getTime()}`, event);
      if (event.kind === 'REVIEW') reviews.set(`${pairKey(event)}\u0000${event.at.getTime()}`, event);
      if (event.kind === 'VIEW') {
        const group = views.get(pairKey(event)) ?? { userId: event.userId, productId: event.productId, ats: new Set<number>() };
        group.ats.add(event.at.getTime());
        views.set(pairKey(event), group);
      }
      if (event.kind === 'RATE') {
        // Every rating counts in time order (two at one instant: the later in the batch wins).
        const group = ratings.get(pairKey(event)) ?? { userId: event.userId, productId: event.productId, byAt: new Map<number, number>() };
        group.byAt.set(event.at.getTime(), event.score ?? 3);
        ratings.set(pairKey(event), group);
      }
    }
    const lastActive = new Map<string, Date>();
    for (const event of events) {
      const seen = lastActive.get(event.userId);
      if (!seen || event.at > seen) lastActive.set(event.userId, event.at);
    }
    const signals: InterestSignal[] = [];
    const minutes = new MinuteCounts();
    // The events that changed the graph, for the event log (cypher/activity/append-event-log.cypher).
    const log: { userId: string; productId: string; kind: string; at: number }[] = [];
    if (purchases.size > 0) {
      const rows = [...purchases.values()].map((event) => ({
        userId: event.userId,
        productId: event.productId,
        at: event.at.getTime(),
        quantity: int(event.quantity ?? 1),
        amount: event.amount ?? null,
      }));
      for (const fresh of await this.db.run(tx, activityQueries.recordPurchases, { rows })) {
        signals.push({ userId: fresh.userId, productId: fresh.productId, at: new Date(toSafeNumber(fresh.at)), base: baseSignal('PURCHASE', null) });
        minutes.add('PURCHASE', toSafeNumber(fresh.at));
        log.push({ userId: fresh.userId, productId: fresh.productId, kind: 'PURCHASE', at: toSafeNumber(fresh.at) });
      }
    }
    if (views.size > 0) {
      const rows = [...views.values()].map((group) => ({
        userId: group.userId,
        productId: group.productId,
        ats: [...group.ats].sort((a, b) => a - b),
      }));
      for (const fresh of await this.db.run(tx, activityQueries.recordViews, { rows })) {
        signals.push({ userId: fresh.userId, productId: fresh.productId, at: new Date(toSafeNumber(fresh.at)), base: baseSignal('VIEW', null) });
        minutes.add('VIEW', toSafeNumber(fresh.at));
        log.push({ userId: fresh.userId, productId: fresh.productId, kind: 'VIEW', at: toSafeNumber(fresh.at) });
      }
    }
    if (ratings.size > 0) {
      const rows = [...ratings.values()].map((group) => ({
        userId: group.userId,
        productId: group.productId,
        ratings: [...group.byAt].sort(([a], [b]) => a - b).map(([at, score]) => ({ at, score: int(score) })),
      }));
      for (const fresh of await this.db.run(tx, activityQueries.recordRatings, { rows })) {
        signals.push({
          userId: fresh.userId,
          productId: fresh.productId,
          at: new Date(toSafeNumber(fresh.at)),
          base: baseSignal('RATE', toSafeNumber(fresh.score)),
        });
        minutes.add('RATE', toSafeNumber(fresh.at));
        log.push({ userId: fresh.userId, productId: fresh.productId, kind: 'RATE', at: toSafeNumber(fresh.at) });
      }
    }
    if (reviews.size > 0) {
      const rows = [...reviews.values()].map((event) => ({
        userId: event.userId,
        productId: event.productId,
        at: event.at.getTime(),
        text: event.text ?? '',
        rating: event.score == null ? null : int(event.score),
        // Read once, as recorded (src/text/read-review.ts): pure, so a retried transaction reads the same.
        ...readReview(event.text ?? '', sentimentModels),
      }));
      for (const fresh of await this.db.run(tx, activityQueries.recordReviews, { rows })) {
        const rating = fresh.rating == null ? null : toSafeNumber(fresh.rating);
        signals.push({ userId: fresh.userId, productId: fresh.productId, at: new Date(toSafeNumber(fresh.at)), base: baseSignal('REVIEW', rating) });
        log.push({ userId: fresh.userId, productId: fresh.productId, kind: 'REVIEW', at: toSafeNumber(fresh.at) });
      }
    }
    await this.db.run(tx, activityQueries.touchLastActive, {
      rows: [...lastActive].map(([userId, at]) => ({ userId, at: at.getTime() })),
    });
    if (signals.length > 0) await this.db.run(tx, activityQueries.countByMinute, { minutes: minutes.rows() });
    if (log.length > 0) await this.db.run(tx, activityQueries.appendEventLog, { events: log });
    return signals;
  }
}

/**
 * Folds interest signals into the users' INTERESTED_IN engagement (cypher/activity/apply-interest-signals.cypher):
 * in the batch's own transaction when its refresh runs before the answer, or later in a
 * refresher's when the batch queued it (tags/refresh-queue.ts). Signals that move nothing are dropped.
 */
export async function applyInterestSignals(db: Db, tx: ManagedTransaction, signals: readonly InterestSignal[]): Promise<void> {
  const moving = signals.filter((signal) => signal.base !== 0);
  if (moving.length === 0) return;
  await db.run(tx, activityQueries.applyInterestSignals, {
    signals: moving.map((signal) => ({ userId: signal.userId, productId: signal.productId, at: signal.at.getTime(), base: signal.base })),
    halfLifeMs: HALF_LIFE_MS,
  });
}
