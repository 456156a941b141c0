/**
 * A deterministic synthetic profile graph that looks like a real one:
 * - planted communities with a mixing parameter μ: each follow leaves its community with
 *   probability μ (the LFR benchmark's definition, Lancichinetti, Fortunato & Radicchi 2008);
 * - heavy-tailed follower counts: followees are drawn in proportion to a Pareto "fitness"
 *   (a fitness model, Caldarelli et al. 2002), with a few boosted KOLs per community;
 * - reciprocity: some follows are returned, which makes friends;
 * - interests correlated with communities, purchases and views correlated with interests;
 * - a lifecycle spread (new, active, dormant, churned) and consent flags.
 *
 * Every stream (users, follows, …) is a generator over user indices with its own seeded
 * random source per user, so any stream can be regenerated alone, in order, in constant
 * memory beyond a Float64Array of fitness sums: this scales to millions of users.
 */
import { createRandom, pareto, pick, randomInt, sampleCumulative, type Random } from '../lib/random.js';
import { LOCALE_LABELS, type GeneratorLocale, type LocaleLabels } from './generate-locales.js';

export interface GenerateOptions {
  users: number;
  seed: number;
  /** Fraction of follows that leave the follower's community (0 = isolated, 1 = no structure). */
  mixing: number;
  /** Mean follows per user. */
  meanFollows: number;
  /** Users per community, on average. */
  communitySize: number;
  /** Scales each active user's purchases, and with them views and ratings: 1 gives ~7.4 events per user, 1.5 ~10.6. */
  activity: number;
  /** The clock the lifecycle is relative to (fixed in tests for determinism). */
  now: Date;
  /** The labels' language and conventions (generate-locales.ts): the same graph in each. Default en-GB. */
  locale?: GeneratorLocale;
}

export const DEFAULT_GENERATE_OPTIONS: Omit<GenerateOptions, 'users' | 'seed' | 'now'> = {
  mixing: 0.2,
  activity: 1,
  meanFollows: 12,
  communitySize: 80,
};

export interface GeneratedUser {
  id: string;
  displayName: string;
  gender: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
  birthYear: number;
  region: string;
  city: string;
  occupation: string;
  createdAt: Date;
  lastActiveAt: Date | null;
  consentProfiling: boolean;
  consentMarketing: boolean;
  email: string;
  phone: string;
  /** Ground truth, written out by `generate --out` and used by quality benchmarks. */
  community: number;
}

export interface GeneratedFollow {
  followerId: string;
  followeeId: string;
  weight: number;
  since: Date;
}
export interface GeneratedInterest {
  id: string;
  name: string;
}
export interface GeneratedProduct {
  id: string;
  name: string;
  category: string;
  brand: string;
  price: number;
  interests: { interestId: string; weight: number }[];
}
export interface GeneratedUserInterest {
  userId: string;
  interestId: string;
  weight: number;
}
export interface GeneratedEvent {
  userId: string;
  productId: string;
  kind: 'VIEW' | 'PURCHASE' | 'RATE';
  at: Date;
  quantity?: number;
  amount?: number;
  score?: number;
}

// Stream numbers keep each kind of randomness independent of the others.
const STREAM = { user: 1, follows: 2, interests: 3, events: 4, products: 5, fitness: 6 } as const;
const DAY_MS = 86_400_000;

export class SyntheticGraph {
  readonly communityCount: number;
  readonly interestCount: number;
  readonly productCount: number;
  /** Running sums of fitness in user-index order; users of one community are contiguous. */
  private readonly fitnessSums: Float64Array;
  private readonly communityStart: Int32Array;
  private readonly idWidth: number;
  private readonly labels: LocaleLabels;

  constructor(readonly options: GenerateOptions) {
    if (!Number.isInteger(options.users) || options.users < 2) throw new RangeError('users must be an integer ≥ 2');
    if (options.mixing < 0 || options.mixing > 1) throw new RangeError('mixing must be between 0 and 1');
    this.communityCount = Math.max(2, Math.round(options.users / options.communitySize));
    this.labels = LOCALE_LABELS[options.locale ?? 'en-GB'];
    this.interestCount = this.labels.interests.length;
    this.productCount = Math.max(20, Math.min(50_000, Math.round(options.users / 4)));
    this.idWidth = String(options.users - 1).length;
    this.communityStart = new Int32Array(this.communityCount + 1);
    for (let c = 0; c <= this.communityCount; c += 1) {
      this.communityStart[c] = Math.round((c * options.users) / this.communityCount);
    }
    this.fitnessSums = new Float64Array(options.users);
    let sum = 0;
    for (let c = 0; c < this.communityCount; c += 1) {
      const start = this.communityStart[c] ?? 0;
      const end = this.communityStart[c + 1] ?? 0;
      const random = createRandom(options.seed, STREAM.fitness, c);
      // Three natural KOLs per community: the same heavy tail, pushed further out.
      const kols = new Set([0, 1, 2].map(() => randomInt(random, start, end - 1)));
      for (let u = start; u < end; u += 1) {
        const fitness = pareto(random, 2.1) * (kols.has(u) ? 25 : 1);
        sum += fitness;
        this.fitnessSums[u] = sum;
      }
    }
  }

  userId(index: number): string {
    return `u${String(index).padStart(this.idWidth, '0')}`;
  }

  communityOf(index: number): number {
    let lo = 0;
    let hi = this.communityCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.communityStart[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The interests a community leans towards: 4 of them, chosen from the community number. */
  homeInterests(community: number): number[] {
    const random = createRandom(this.options.seed, STREAM.interests, 1_000_000 + community);
    const chosen = new Set<number>();
    while (chosen.size < 4) chosen.add(randomInt(random, 0, this.interestCount - 1));
    return [...chosen];
  }

  interestId(index: number): string {
    return `i${String(index).padStart(2, '0')}`;
  }

  productId(index: number): string {
    return `p${String(index).padStart(String(this.productCount - 1).length, '0')}`;
  }

  *interests(): Generator<GeneratedInterest> {
    for (let i = 0; i < this.interestCount; i += 1) yield { id: this.interestId(i), name: this.labels.interests[i] ?? `Interest ${i}` };
  }

  /** Each product carries 1–3 interest tags; the first is its main one (weight 1). */
  productInterestIndices(index: number): number[] {
    const random = createRandom(this.options.seed, STREAM.products, index);
    const main = index % this.interestCount;
    const tags = new Set([main]);
    const extra = randomInt(random, 0, 2);
    while (tags.size < 1 + extra) tags.add(randomInt(random, 0, this.interestCount - 1));
    return [...tags];
  }

  *products(): Generator<GeneratedProduct> {
    for (let p = 0; p < this.productCount; p += 1) {
      const random = createRandom(this.options.seed, STREAM.products, p);
      const tags = this.productInterestIndices(p);
      const mainName = this.labels.interests[tags[0] ?? 0] ?? 'General';
      yield {
        id: this.productId(p),
        name: this.labels.productName(pick(random, this.labels.brands), mainName, p),
        category: mainName,
        brand: pick(random, this.labels.brands),
        price: Math.round(pareto(random, 1.5) * 900) / 100,
        interests: tags.map((tag, rank) => ({ interestId: this.interestId(tag), weight: rank === 0 ? 1 : 0.5 })),
      };
    }
  }

  user(index: number): GeneratedUser {
    const random = createRandom(this.options.seed, STREAM.user, index);
    const now = this.options.now.getTime();
    const place = pick(random, this.labels.regions);
    const first = pick(random, this.labels.givenNames);
    const last = pick(random, this.labels.familyNames);
    const genderRoll = random();
    // Lifecycle mix: ~10% new, ~35% active, ~25% dormant, ~30% churned.
    const stage = random();
    const createdAt = new Date(stage < 0.1 ? now - random() * 29 * DAY_MS : now - (31 + random() * 1_000) * DAY_MS);
    const lastActiveDaysAgo =
      stage < 0.1 ? random() * ((now - createdAt.getTime()) / DAY_MS) : stage < 0.45 ? random() * 29 : stage < 0.7 ? 31 + random() * 148 : 181 + random() * 600;
    const lastActiveAt = stage > 0.97 ? null : new Date(Math.max(createdAt.getTime(), now - lastActiveDaysAgo * DAY_MS));
    return {
      id: this.userId(index),
      displayName: this.labels.displayName(first, last),
      gender: genderRoll < 0.48 ? 'FEMALE' : genderRoll < 0.95 ? 'MALE' : genderRoll < 0.98 ? 'OTHER' : 'UNKNOWN',
      birthYear: this.options.now.getUTCFullYear() - randomInt(random, 16, 75),
      region: place.region,
      city: pick(random, place.cities),
      occupation: pick(random, this.labels.occupations),
      createdAt,
      lastActiveAt,
      consentProfiling: random() < 0.9,
      consentMarketing: random() < 0.7,
      email: this.labels.email(first, last, index),
      phone: this.labels.phone(index),
      community: this.communityOf(index),
    };
  }

  *users(): Generator<GeneratedUser> {
    for (let u = 0; u < this.options.users; u += 1) yield this.user(u);
  }

  private followTargets(index: number, random: Random): number[] {
    const { users, meanFollows, mixing } = this.options;
    const community = this.communityOf(index);
    const start = this.communityStart[community] ?? 0;
    const end = this.communityStart[community + 1] ?? users;
    // Out-degree: 1 + geometric, mean meanFollows; in-degree gets its tail from fitness.
    const degree = Math.min(users - 1, 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - 1 / meanFollows)));
    const targets = new Set<number>();
    for (let slot = 0; slot < degree; slot += 1) {
      // The coin is tossed once per follow, and a duplicate is redrawn on the same side:
      // redrawing the coin would favour the side with fewer duplicates (the global one,
      // as KOLs soak up local picks) and push the measured mixing above μ.
      const global = random() < mixing;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const target = global ? sampleCumulative(random, this.fitnessSums) : sampleCumulative(random, this.fitnessSums, start, end);
        if (target !== index && !targets.has(target)) {
          targets.add(target);
          break;
        }
      }
    }
    return [...targets];
  }

  /**
   * Follows of each user, in user order. A follow is returned (making friends) with
   * probability 0.3; the reverse edge is emitted with the followee's index's stream so the
   * set of edges is the same whichever order streams are read in.
   */
  *follows(): Generator<GeneratedFollow> {
    const now = this.options.now.getTime();
    for (let u = 0; u < this.options.users; u += 1) {
      const random = createRandom(this.options.seed, STREAM.follows, u);
      for (const target of this.followTargets(u, random)) {
        const since = new Date(now - random() * 900 * DAY_MS);
        const weight = Math.round((0.5 + random()) * 100) / 100;
        yield { followerId: this.userId(u), followeeId: this.userId(target), weight, since };
        if (random() < 0.3) yield { followerId: this.userId(target), followeeId: this.userId(u), weight, since };
      }
    }
  }

  /** 3–6 interests per user, 70% from the community's home interests. */
  userInterestIndices(index: number): { interest: number; weight: number }[] {
    const random = createRandom(this.options.seed, STREAM.interests, index);
    const home = this.homeInterests(this.communityOf(index));
    const count = randomInt(random, 3, 6);
    const chosen = new Map<number, number>();
    let attempts = 0;
    while (chosen.size < count && attempts < 50) {
      attempts += 1;
      const interest = random() < 0.7 ? pick(random, home) : randomInt(random, 0, this.interestCount - 1);
      if (!chosen.has(interest)) chosen.set(interest, Math.round((0.2 + random() * 0.8) * 100) / 100);
    }
    return [...chosen].map(([interest, weight]) => ({ interest, weight }));
  }

  *userInterests(): Generator<GeneratedUserInterest> {
    for (let u = 0; u < this.options.users; u += 1) {
      for (const { interest, weight } of this.userInterestIndices(u)) {
        yield { userId: this.userId(u), interestId: this.interestId(interest), weight };
      }
    }
  }

  /** Products whose main interest is `interest` are those with index ≡ interest (mod interestCount). */
  private productForInterest(random: Random, interest: number): number {
    const perInterest = Math.ceil((this.productCount - interest) / this.interestCount);
    const product = interest + this.interestCount * Math.floor(random() * Math.max(1, perInterest));
    return Math.min(product, this.productCount - 1);
  }

  /**
   * Views, purchases and ratings: each user buys 0–8 products (times `activity`), chosen through their own
   * interests (weighted), views about twice as many, and rates some purchases (mostly 4–5).
   * Churned users have old events only; never-active users have none.
   */
  *events(): Generator<GeneratedEvent> {
    for (let u = 0; u < this.options.users; u += 1) {
      const user = this.user(u);
      if (user.lastActiveAt === null) continue;
      const random = createRandom(this.options.seed, STREAM.events, u);
      const interests = this.userInterestIndices(u);
      const totalWeight = interests.reduce((sum, item) => sum + item.weight, 0);
      const chooseInterest = () => {
        let roll = random() * totalWeight;
        for (const item of interests) {
          roll -= item.weight;
          if (roll <= 0) return item.interest;
        }
        return interests[0]?.interest ?? 0;
      };
      const span = Math.max(1, user.lastActiveAt.getTime() - user.createdAt.getTime());
      const when = (last: boolean) => new Date(last ? user.lastActiveAt!.getTime() : user.createdAt.getTime() + random() * span);
      const purchases = Math.floor(random() * random() * 9 * this.options.activity);
      const views = purchases * 2 + randomInt(random, 0, 3);
      for (let v = 0; v < views; v += 1) {
        yield { userId: user.id, productId: this.productId(this.productForInterest(random, chooseInterest())), kind: 'VIEW', at: when(v === 0) };
      }
      for (let p = 0; p < purchases; p += 1) {
        const productId = this.productId(this.productForInterest(random, chooseInterest()));
        const at = when(false);
        const quantity = random() < 0.85 ? 1 : randomInt(random, 2, 4);
        yield { userId: user.id, productId, kind: 'PURCHASE', at, quantity, amount: Math.round(quantity * (5 + random() * 95) * 100) / 100 };
        if (random() < 0.4) {
          const score = random() < 0.75 ? randomInt(random, 4, 5) : randomInt(random, 1, 3);
          yield { userId: user.id, productId, kind: 'RATE', at: new Date(Math.min(at.getTime() + DAY_MS, this.options.now.getTime())), score };
        }
      }
    }
  }
}
