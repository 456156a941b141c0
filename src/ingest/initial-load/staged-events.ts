/**
 * The events of an `--initial` import, applied in memory exactly as recordEvents' statements
 * would apply them to the empty graph, batch after batch, and handed to the import tool as
 * files: a year of events loads in minutes instead of the hours ~2,500 events/s through the
 * online statements take (docs/SCALING.md). Each handler below names the statement whose
 * effect it reproduces; tests/integration/ingest/initial-load.test.ts compares the two graphs
 * property by property.
 *
 * What lands in the files: PURCHASED and the event log (Event nodes with their DID) as each
 * batch arrives (both are only ever created), and at the end VIEWED and RATED (a count and the
 * newest per pair), the per-minute counters, and the engagement on INTERESTED_IN, merged into
 * the declared weights the staging database held back for it. Only each user's lastActiveAt is
 * set by a statement after the load (a maximum, which a re-run of the import also sets).
 *
 * Memory: per (user, product) pair viewed or rated, per (user, interest) engaged, per
 * purchase key: ~100–150 bytes each, ~1.5 GB for a million users' ten million events.
 */
import { baseSignal, HALF_LIFE_MS, type ActivityEvent, type EventKind } from '../../activity/index.js';
import { int, toNeo4jDateTime } from '../../db/values.js';
import type { AdminImportFiles } from './admin-files.js';

/** An event whose user is named by id (events keyed by identity are resolved online). */
export type StageableEvent = ActivityEvent & { userId: string };

interface Signal {
  userId: string;
  productId: string;
  at: number;
  base: number;
}

const pairKey = (userId: string, productId: string) => `${userId}\u0000${productId}`;

export class StagedEvents {
  private readonly views = new Map<string, { count: number; lastAt: number }>();
  private readonly ratings = new Map<string, { score: number; at: number }>();
  private readonly purchases = new Set<string>();
  private readonly engagement = new Map<string, { weight: number; at: number }>();
  private readonly minutes = new Map<number, { views: number; purchases: number; ratings: number }>();
  private readonly lastActive = new Map<string, number>();
  private eventIds = 0;

  constructor(
    private readonly files: AdminImportFiles,
    /** A product's interests and their weights (HAS_INTEREST) as the graph holds them when the events run. */
    private readonly tagsOf: (productId: string) => ReadonlyMap<string, number> | undefined,
  ) {}

  /** Whether these events can be staged: named by user id, and no review (its text is read online). */
  static accepts(events: readonly ActivityEvent[]): events is readonly StageableEvent[] {
    return events.every((event) => event.userId !== null && (event.identities ?? []).length === 0 && event.kind !== 'REVIEW');
  }

  /** One batch, as ActivityService.writeEvents runs it in one transaction. Returns the events that changed the graph. */
  async record(events: readonly StageableEvent[]): Promise<number> {
    // The service's collapsing within a batch: purchases by (pair, at), the last one winning;
    // views and ratings grouped per pair (a rating at an instant already seen: the later wins).
    const purchases = new Map<string, StageableEvent>();
    const views = new Map<string, { userId: string; productId: string; ats: Set<number> }>();
    const ratings = new Map<string, { userId: string; productId: string; byAt: Map<number, number> }>();
    for (const event of events) {
      const pair = pairKey(event.userId, event.productId);
      const at = event.at.getTime();
      if (event.kind === 'PURCHASE') purchases.set(`${pair}\u0000${at}`, event);
      if (event.kind === 'VIEW') {
        const group = views.get(pair) ?? { userId: event.userId, productId: event.productId, ats: new Set<number>() };
        group.ats.add(at);
        views.set(pair, group);
      }
      if (event.kind === 'RATE') {
        const group = ratings.get(pair) ?? { userId: event.userId, productId: event.productId, byAt: new Map<number, number>() };
        group.byAt.set(at, event.score ?? 3);
        ratings.set(pair, group);
      }
    }
    const signals: Signal[] = [];
    const fresh = async (kind: EventKind, userId: string, productId: string, at: number, score: number | null) => {
      signals.push({ userId, productId, at, base: baseSignal(kind, score) });
      this.countMinute(kind, at);
      await this.logEvent(kind, userId, productId, at);
    };
    // cypher/activity/record-purchases.cypher: a PURCHASED per (pair, at), created once.
    for (const [key, event] of purchases) {
      if (this.purchases.has(key)) continue;
      this.purchases.add(key);
      const at = event.at.getTime();
      await this.files.relationship(
        'PURCHASED',
        { label: 'User', id: event.userId },
        { label: 'Product', id: event.productId },
        { at: toNeo4jDateTime(event.at), quantity: int(event.quantity ?? 1), amount: event.amount ?? null },
      );
      await fresh('PURCHASE', event.userId, event.productId, at, null);
    }
    // cypher/activity/record-views.cypher: the views newer than the pair's last one count.
    for (const [pair, group] of views) {
      const state = this.views.get(pair);
      const newer = [...group.ats].sort((a, b) => a - b).filter((at) => state === undefined || at > state.lastAt);
      if (newer.length === 0) continue;
      this.views.set(pair, { count: (state?.count ?? 0) + newer.length, lastAt: newer[newer.length - 1] as number });
      for (const at of newer) await fresh('VIEW', group.userId, group.productId, at, null);
    }
    // cypher/activity/record-ratings.cypher: the ratings newer than the pair's stored one count; the newest is kept.
    for (const [pair, group] of ratings) {
      const state = this.ratings.get(pair);
      const newer = [...group.byAt].sort(([a], [b]) => a - b).filter(([at]) => state === undefined || at > state.at);
      const [lastAt, lastScore] = newer[newer.length - 1] ?? [];
      if (lastAt === undefined || lastScore === undefined) continue;
      this.ratings.set(pair, { score: lastScore, at: lastAt });
      for (const [at, score] of newer) await fresh('RATE', group.userId, group.productId, at, score);
    }
    // cypher/activity/touch-last-active.cypher: every event of the batch, fresh or not, moves it forward.
    for (const event of events) {
      const at = event.at.getTime();
      if (at > (this.lastActive.get(event.userId) ?? -Infinity)) this.lastActive.set(event.userId, at);
    }
    this.foldEngagement(signals);
    return signals.length;
  }

  /**
   * The rest, once every batch is staged: VIEWED, RATED, ActivityMinute and the engagement to
   * the files. `declared` holds the new declared user interests by `user\0interest` (written by
   * the caller): engagement on one of them is merged into it, as the fold's statement sets it
   * on the declared relationship. Returns each user's latest event, for touch-last-active.cypher.
   */
  async finish(declared: Map<string, Record<string, unknown>>): Promise<{ userId: string; at: number }[]> {
    for (const [pair, state] of this.views) {
      const [userId, productId] = pair.split('\u0000') as [string, string];
      await this.files.relationship(
        'VIEWED',
        { label: 'User', id: userId },
        { label: 'Product', id: productId },
        { count: int(state.count), lastAt: toNeo4jDateTime(new Date(state.lastAt)) },
      );
    }
    for (const [pair, state] of this.ratings) {
      const [userId, productId] = pair.split('\u0000') as [string, string];
      await this.files.relationship(
        'RATED',
        { label: 'User', id: userId },
        { label: 'Product', id: productId },
        { score: int(state.score), at: toNeo4jDateTime(new Date(state.at)) },
      );
    }
    // cypher/activity/count-by-minute.cypher: a minute node holds all three counters, zeros included.
    for (const [minute, counts] of this.minutes) {
      await this.files.node(
        'ActivityMinute',
        String(minute),
        { at: toNeo4jDateTime(new Date(minute)), views: int(counts.views), purchases: int(counts.purchases), ratings: int(counts.ratings) },
        { storeId: false },
      );
    }
    // apply-interest-signals.cypher's SET after the fold: weight = coalesce(declared, 0.0) + engagement.
    for (const [key, state] of this.engagement) {
      const at = toNeo4jDateTime(new Date(state.at));
      const engagement = { engagement: state.weight, engagementAt: at, updatedAt: at };
      const held = declared.get(key);
      if (held) {
        Object.assign(held, engagement, { weight: (held['declared'] as number) + state.weight, source: 'declared+events' });
        continue;
      }
      const [userId, interestId] = key.split('\u0000') as [string, string];
      await this.files.relationship(
        'INTERESTED_IN',
        { label: 'User', id: userId },
        { label: 'Interest', id: interestId },
        { ...engagement, weight: 0.0 + state.weight, source: 'events' },
      );
    }
    return [...this.lastActive].map(([userId, at]) => ({ userId, at }));
  }

  /** cypher/activity/append-event-log.cypher: one (:Event) per fresh event, with its DID. */
  private async logEvent(kind: EventKind, userId: string, productId: string, at: number): Promise<void> {
    const id = `e${(this.eventIds += 1)}`;
    await this.files.node('Event', id, { kind, productId, at: toNeo4jDateTime(new Date(at)) }, { storeId: false });
    await this.files.relationship('DID', { label: 'User', id: userId }, { label: 'Event', id }, {});
  }

  private countMinute(kind: EventKind, at: number): void {
    const minute = Math.floor(at / 60_000) * 60_000;
    const counts = this.minutes.get(minute) ?? { views: 0, purchases: 0, ratings: 0 };
    if (kind === 'VIEW') counts.views += 1;
    if (kind === 'PURCHASE') counts.purchases += 1;
    if (kind === 'RATE') counts.ratings += 1;
    this.minutes.set(minute, counts);
  }

  /**
   * cypher/activity/apply-interest-signals.cypher over one batch: the moving signals ordered by
   * time (a stable sort, as the statement's ORDER BY), each times its product's tag weights,
   * folded per (user, interest) into the running engagement with the same arithmetic.
   */
  private foldEngagement(signals: Signal[]): void {
    const ordered = signals.filter((signal) => signal.base !== 0).sort((a, b) => a.at - b.at);
    for (const signal of ordered) {
      for (const [interestId, tagWeight] of this.tagsOf(signal.productId) ?? []) {
        const key = `${signal.userId}\u0000${interestId}`;
        const add = signal.base * tagWeight;
        const state = this.engagement.get(key);
        if (state === undefined) {
          this.engagement.set(key, { weight: add > 0 ? add : 0.0, at: signal.at });
        } else if (signal.at >= state.at) {
          const weight = state.weight * 2.0 ** (-(signal.at - state.at) / HALF_LIFE_MS) + add;
          this.engagement.set(key, { weight: weight > 0 ? weight : 0.0, at: signal.at });
        } else {
          // A late signal adds itself decayed to the weight's time, which stays.
          const weight = state.weight + add * 2.0 ** ((signal.at - state.at) / HALF_LIFE_MS);
          state.weight = weight > 0 ? weight : 0.0;
        }
      }
    }
  }
}
