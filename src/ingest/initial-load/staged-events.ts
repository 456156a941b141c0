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
 * newest per pair), the per-minute counters, and INTERESTED_IN: the new declared interests are
 * held here (holdDeclared) so that the engagement events add to them is written with them.
 * Only each user's lastActiveAt is set by a statement after the load (a maximum, which a
 * re-run of the import also sets).
 *
 * Memory: the state that outlives a batch is kept by number, not by string: users, products
 * and interests get dense indexes, a pair is one number (user · 2²² + product), and each
 * table's values sit in typed arrays (PairTable) — ~60 bytes per pair viewed, rated or
 * engaged, ~1 GB for a million users' eleven million events and 4.5 million interests.
 */
import { baseSignal, HALF_LIFE_MS, type ActivityEvent, type EventKind } from '../../activity/index.js';
import type { DateTime } from 'neo4j-driver';
import { int } from '../../db/values.js';
import type { AdminImportFiles } from './admin-files.js';

/** An event whose user is named by id (events keyed by identity are resolved online). */
export type StageableEvent = ActivityEvent & { userId: string };

interface Signal {
  user: number;
  product: number;
  at: number;
  base: number;
}

/** Products (and interests) per user in a pair's number: 2²², so user · 2²² + product stays below 2⁵³ for 2³¹ users. */
const PAIR_STRIDE = 2 ** 22;

/** Dense indexes for ids, and the ids back. */
class Interner {
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];

  of(id: string): number {
    let found = this.index.get(id);
    if (found === undefined) {
      found = this.ids.length;
      this.index.set(id, found);
      this.ids.push(id);
    }
    return found;
  }
}

/** A growable column of numbers. */
class Column<A extends Float64Array | Int32Array> {
  constructor(
    public values: A,
    private readonly make: (size: number) => A,
    /** What a slot holds before it is set. */
    private readonly fill: number,
  ) {}

  set(slot: number, value: number): void {
    if (slot >= this.values.length) {
      const grown = this.make(Math.max(slot + 1, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[slot] = value;
  }

  get(slot: number): number {
    return slot < this.values.length ? (this.values[slot] as number) : this.fill;
  }
}

const floats = (fill = 0) => new Column(new Float64Array(1024).fill(fill), (size) => new Float64Array(size).fill(fill), fill);
const ints = () => new Column(new Int32Array(1024), (size) => new Int32Array(size), 0);

/** State per (user, other) pair: a slot per pair, values in named columns. */
class PairTable {
  private readonly slots = new Map<number, number>();
  readonly user = ints();
  readonly other = ints();

  get size(): number {
    return this.slots.size;
  }

  /** The pair's slot, or -1. */
  find(user: number, other: number): number {
    return this.slots.get(user * PAIR_STRIDE + other) ?? -1;
  }

  /** The pair's slot, made if new. */
  slot(user: number, other: number): number {
    const key = user * PAIR_STRIDE + other;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(key, slot);
      this.user.set(slot, user);
      this.other.set(slot, other);
    }
    return slot;
  }
}

export class StagedEvents {
  private readonly users = new Interner();
  private readonly products = new Interner();
  private readonly interests = new Interner();
  /** VIEWED: count and last time per (user, product). */
  private readonly views = new PairTable();
  private readonly viewCount = ints();
  private readonly viewLastAt = floats();
  /** RATED: the newest score and its time per (user, product). */
  private readonly ratings = new PairTable();
  private readonly ratingScore = ints();
  private readonly ratingAt = floats();
  /** PURCHASED: the instants recorded per (user, product) pair number (one, or several). */
  private readonly purchases = new Map<number, number | number[]>();
  /** INTERESTED_IN per (user, interest): the engagement folded so far, and the declared weight held for it (NaN: none). */
  private readonly interestPairs = new PairTable();
  private readonly engagement = floats(Number.NaN);
  private readonly engagementAt = floats();
  private readonly declared = floats(Number.NaN);
  private declaredAt: DateTime | null = null;
  private readonly minutes = new Map<number, { views: number; purchases: number; ratings: number }>();
  /** Each user's latest event (by user index; −∞: none yet). */
  private readonly lastActive = floats(Number.NEGATIVE_INFINITY);
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

  /**
   * A new declared user interest (cypher/ingest/upsert-user-interests.cypher on create), held
   * so that the engagement events add to it is written with it. `updatedAt` is the import's
   * clock, the same for every row of a run.
   */
  holdDeclared(userId: string, interestId: string, weight: number, updatedAt: DateTime): void {
    if (this.declaredAt === null) this.declaredAt = updatedAt;
    else if (updatedAt !== this.declaredAt && this.declaredAt.toString() !== updatedAt.toString())
      throw new Error('initial load: declared interests of one import carry one clock');
    this.declared.set(this.interestPairs.slot(this.users.of(userId), this.interests.of(interestId)), weight);
  }

  /** One batch, as ActivityService.writeEvents runs it in one transaction. Returns the events that changed the graph. */
  async record(events: readonly StageableEvent[]): Promise<number> {
    // The service's collapsing within a batch: purchases by (pair, at), the last one winning;
    // views and ratings grouped per pair (a rating at an instant already seen: the later wins).
    const purchases = new Map<string, { user: number; product: number; event: StageableEvent }>();
    const views = new Map<number, { user: number; product: number; ats: Set<number> }>();
    const ratings = new Map<number, { user: number; product: number; byAt: Map<number, number> }>();
    for (const event of events) {
      const user = this.users.of(event.userId);
      const product = this.products.of(event.productId);
      if (product >= PAIR_STRIDE) throw new Error(`initial load: more than ${PAIR_STRIDE} products; import events without --initial`);
      const pair = user * PAIR_STRIDE + product;
      const at = event.at.getTime();
      if (event.kind === 'PURCHASE') purchases.set(`${pair}:${at}`, { user, product, event });
      if (event.kind === 'VIEW') {
        const group = views.get(pair) ?? { user, product, ats: new Set<number>() };
        group.ats.add(at);
        views.set(pair, group);
      }
      if (event.kind === 'RATE') {
        const group = ratings.get(pair) ?? { user, product, byAt: new Map<number, number>() };
        group.byAt.set(at, event.score ?? 3);
        ratings.set(pair, group);
      }
    }
    const signals: Signal[] = [];
    const fresh = async (kind: EventKind, user: number, product: number, at: number, score: number | null) => {
      signals.push({ user, product, at, base: baseSignal(kind, score) });
      this.countMinute(kind, at);
      await this.logEvent(kind, user, product, at);
    };
    // cypher/activity/record-purchases.cypher: a PURCHASED per (pair, at), created once.
    for (const { user, product, event } of purchases.values()) {
      const pair = user * PAIR_STRIDE + product;
      const at = event.at.getTime();
      const seen = this.purchases.get(pair);
      if (seen === at || (Array.isArray(seen) && seen.includes(at))) continue;
      this.purchases.set(pair, seen === undefined ? at : Array.isArray(seen) ? [...seen, at] : [seen, at]);
      await this.files.relationship(
        'PURCHASED',
        { label: 'User', id: event.userId },
        { label: 'Product', id: event.productId },
        { at: event.at, quantity: int(event.quantity ?? 1), amount: event.amount ?? null },
      );
      await fresh('PURCHASE', user, product, at, null);
    }
    // cypher/activity/record-views.cypher: the views newer than the pair's last one count.
    for (const group of views.values()) {
      const known = this.views.find(group.user, group.product);
      const lastAt = known < 0 ? Number.NEGATIVE_INFINITY : this.viewLastAt.get(known);
      const newer = [...group.ats].sort((a, b) => a - b).filter((at) => at > lastAt);
      if (newer.length === 0) continue;
      const slot = known < 0 ? this.views.slot(group.user, group.product) : known;
      this.viewCount.set(slot, (known < 0 ? 0 : this.viewCount.get(slot)) + newer.length);
      this.viewLastAt.set(slot, newer[newer.length - 1] as number);
      for (const at of newer) await fresh('VIEW', group.user, group.product, at, null);
    }
    // cypher/activity/record-ratings.cypher: the ratings newer than the pair's stored one count; the newest is kept.
    for (const group of ratings.values()) {
      const known = this.ratings.find(group.user, group.product);
      const storedAt = known < 0 ? Number.NEGATIVE_INFINITY : this.ratingAt.get(known);
      const newer = [...group.byAt].sort(([a], [b]) => a - b).filter(([at]) => at > storedAt);
      const [lastAt, lastScore] = newer[newer.length - 1] ?? [];
      if (lastAt === undefined || lastScore === undefined) continue;
      const slot = known < 0 ? this.ratings.slot(group.user, group.product) : known;
      this.ratingScore.set(slot, lastScore);
      this.ratingAt.set(slot, lastAt);
      for (const [at, score] of newer) await fresh('RATE', group.user, group.product, at, score);
    }
    // cypher/activity/touch-last-active.cypher: every event of the batch, fresh or not, moves it forward.
    for (const event of events) {
      const user = this.users.of(event.userId);
      const at = event.at.getTime();
      if (at > this.lastActive.get(user)) this.lastActive.set(user, at);
    }
    this.foldEngagement(signals);
    return signals.length;
  }

  /**
   * The rest, once every batch is staged: VIEWED, RATED, ActivityMinute and INTERESTED_IN (the
   * declared weights held, with any engagement merged in) to the files. Returns each user's
   * latest event, for touch-last-active.cypher (recordEvents' own statement) after the load.
   */
  async finish(): Promise<{ userId: string; at: number }[]> {
    const userId = (index: number) => this.users.ids[index] as string;
    const productId = (index: number) => this.products.ids[index] as string;
    for (let slot = 0; slot < this.views.size; slot += 1) {
      await this.files.relationship(
        'VIEWED',
        { label: 'User', id: userId(this.views.user.get(slot)) },
        { label: 'Product', id: productId(this.views.other.get(slot)) },
        { count: int(this.viewCount.get(slot)), lastAt: new Date(this.viewLastAt.get(slot)) },
      );
    }
    for (let slot = 0; slot < this.ratings.size; slot += 1) {
      await this.files.relationship(
        'RATED',
        { label: 'User', id: userId(this.ratings.user.get(slot)) },
        { label: 'Product', id: productId(this.ratings.other.get(slot)) },
        { score: int(this.ratingScore.get(slot)), at: new Date(this.ratingAt.get(slot)) },
      );
    }
    // cypher/activity/count-by-minute.cypher: a minute node holds all three counters, zeros included.
    for (const [minute, counts] of this.minutes) {
      await this.files.node(
        'ActivityMinute',
        String(minute),
        { at: new Date(minute), views: int(counts.views), purchases: int(counts.purchases), ratings: int(counts.ratings) },
        { storeId: false },
      );
    }
    // upsert-user-interests.cypher's create, then apply-interest-signals.cypher's SET after the
    // fold: weight = coalesce(declared, 0.0) + engagement, the source saying which it holds.
    for (let slot = 0; slot < this.interestPairs.size; slot += 1) {
      const declared = this.declared.get(slot);
      const engagement = this.engagement.get(slot);
      const hasDeclared = !Number.isNaN(declared);
      const props: Record<string, unknown> = Number.isNaN(engagement)
        ? { declared, weight: declared, source: 'declared', updatedAt: this.declaredAt }
        : {
            ...(hasDeclared ? { declared } : {}),
            engagement,
            engagementAt: new Date(this.engagementAt.get(slot)),
            weight: (hasDeclared ? declared : 0.0) + engagement,
            source: hasDeclared ? 'declared+events' : 'events',
            updatedAt: new Date(this.engagementAt.get(slot)),
          };
      await this.files.relationship(
        'INTERESTED_IN',
        { label: 'User', id: userId(this.interestPairs.user.get(slot)) },
        { label: 'Interest', id: this.interests.ids[this.interestPairs.other.get(slot)] as string },
        props,
      );
    }
    const latest: { userId: string; at: number }[] = [];
    for (let user = 0; user < this.users.ids.length; user += 1) {
      const at = this.lastActive.get(user);
      if (Number.isFinite(at)) latest.push({ userId: userId(user), at });
    }
    return latest;
  }

  /** cypher/activity/append-event-log.cypher: one (:Event) per fresh event, with its DID. */
  private async logEvent(kind: EventKind, user: number, product: number, at: number): Promise<void> {
    const id = `e${(this.eventIds += 1)}`;
    await this.files.node('Event', id, { kind, productId: this.products.ids[product], at: new Date(at) }, { storeId: false });
    await this.files.relationship('DID', { label: 'User', id: this.users.ids[user] as string }, { label: 'Event', id }, {});
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
      for (const [interestId, tagWeight] of this.tagsOf(this.products.ids[signal.product] as string) ?? []) {
        const slot = this.interestPairs.slot(signal.user, this.interests.of(interestId));
        const add = signal.base * tagWeight;
        const weight = this.engagement.get(slot);
        const at = this.engagementAt.get(slot);
        if (Number.isNaN(weight)) {
          this.engagement.set(slot, add > 0 ? add : 0.0);
          this.engagementAt.set(slot, signal.at);
        } else if (signal.at >= at) {
          const next = weight * 2.0 ** (-(signal.at - at) / HALF_LIFE_MS) + add;
          this.engagement.set(slot, next > 0 ? next : 0.0);
          this.engagementAt.set(slot, signal.at);
        } else {
          // A late signal adds itself decayed to the weight's time, which stays.
          const next = weight + add * 2.0 ** ((signal.at - at) / HALF_LIFE_MS);
          this.engagement.set(slot, next > 0 ? next : 0.0);
        }
      }
    }
  }
}
