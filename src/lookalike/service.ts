import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { createRandom } from '../ingest/random.js';
import { lookalikeQueries } from './queries.js';
import { blend, chooseWeightsAcrossFolds, seedFolds, SIGNALS, type Scored, type Signal, type SignalHit, type SignalScores, type Weights } from './scoring.js';

/** Below this many usable (consenting) seed members a lookalike is noise: refused with a reason. */
export const MIN_SEED_SIZE = 10;
/** Seeds this large or more choose their blend by cross-validation; smaller ones use equal weights. */
export const MIN_SEED_FOR_HOLDOUT = 20;
export const MAX_AUDIENCE_SIZE = 10_000;
export const MAX_SEED_SIZE = 50_000;
/** Products of the seed's engagement profile that co-engagement expands from. */
const PRODUCT_PROFILE_SIZE = 200;
/**
 * Interests of the seed's profile the interest signal expands from: interests are few and
 * widely held, so each one reaches a large share of users; 20 keeps the work local.
 */
const INTEREST_PROFILE_SIZE = 20;

export interface LookalikeOptions {
  holdoutFraction?: number | null;
  signals?: Signal[] | null;
  excludeProductIds?: string[] | null;
  randomSeed?: number | null;
}

export interface LookalikeResult {
  seedSize: number;
  members: Scored[];
  signals: { signal: Signal; weight: number; holdoutPrecision: number | null }[];
  holdoutPrecision: number | null;
}

export class LookalikeService {
  constructor(private readonly db: Db) {}

  /** One round of the four signal queries for a seed (a constant number of statements). */
  async signals(seedIds: string[], limit: number, enabled: readonly Signal[], excludeProductIds: string[]): Promise<SignalScores> {
    const [countRow] = await this.db.query(lookalikeQueries.userCount, {});
    const userCount = int(Math.max(1, toSafeNumber(countRow?.users ?? 1)));
    // Signals return seed members too (filtering them per row in Cypher was the dominant cost);
    // they are removed here, so each asks for `limit` + |seed| rows.
    const common = { seedIds, limit: int(limit + seedIds.length) };
    const seedSet = new Set(seedIds);
    const run = async (signal: Signal) => {
      if (!enabled.includes(signal)) return [];
      switch (signal) {
        case 'INTERESTS':
          return this.db.query(lookalikeQueries.interests, { ...common, profileSize: int(INTEREST_PROFILE_SIZE) });
        case 'CO_ENGAGEMENT':
          return this.db.query(lookalikeQueries.coEngagement, { ...common, excludeProductIds, profileSize: int(PRODUCT_PROFILE_SIZE), userCount });
        case 'SOCIAL':
          return this.db.query(lookalikeQueries.social, common);
        case 'COMMUNITY':
          return this.db.query(lookalikeQueries.community, { ...common, userCount });
      }
    };
    const results = await Promise.all(SIGNALS.map(run));
    return Object.fromEntries(SIGNALS.map((signal, index) => [
      signal,
      new Map((results[index] ?? []).filter((row) => !seedSet.has(row.userId)).slice(0, limit).map((row): [string, SignalHit] => [row.userId, { userId: row.userId, score: row.score, labels: row.labels, count: typeof row.count === 'number' ? row.count : toSafeNumber(row.count) }])),
    ])) as SignalScores;
  }

  /**
   * "People like you": the lookalike signals with a one-person seed, equal weights (no seed to
   * cross-validate on), community left out (one member says little about a community).
   * Users without profiling consent neither get nor appear in similar users.
   */
  async similarUsers(userId: string, first: number): Promise<Scored[]> {
    const [check] = await this.db.query(lookalikeQueries.seedCheck, { seedIds: [userId] });
    if (!check || check.usable.length === 0) return [];
    const enabled: Signal[] = ['INTERESTS', 'CO_ENGAGEMENT', 'SOCIAL'];
    const scores = await this.signals([userId], Math.max(first * 5, 50), enabled, []);
    return blend(scores, { INTERESTS: 1, CO_ENGAGEMENT: 1, SOCIAL: 1, COMMUNITY: 0 }).slice(0, first);
  }

  async lookalike(seed: readonly string[], size: number, options: LookalikeOptions = {}): Promise<LookalikeResult> {
    if (!Number.isInteger(size) || size < 1 || size > MAX_AUDIENCE_SIZE) {
      throw new BadInputError(`size must be between 1 and ${MAX_AUDIENCE_SIZE}; got ${size}.`, { argument: 'size', max: MAX_AUDIENCE_SIZE });
    }
    const seedIds = [...new Set(seed)];
    if (seedIds.length > MAX_SEED_SIZE) throw new BadInputError(`A seed holds at most ${MAX_SEED_SIZE} users; got ${seedIds.length}.`);
    const fraction = options.holdoutFraction ?? 0.3;
    if (!(fraction > 0 && fraction < 0.9)) throw new BadInputError(`holdoutFraction must be between 0 and 0.9; got ${fraction}.`);
    const enabled = options.signals && options.signals.length > 0 ? [...new Set(options.signals)] : [...SIGNALS];
    const [check] = await this.db.query(lookalikeQueries.seedCheck, { seedIds });
    if (check && check.missing.length > 0) throw new NotFoundError('User', check.missing);
    // Consent is checked here *and* in every signal: seed members without profiling consent are
    // not profiled either, and candidates without it never appear.
    const usable = check?.usable ?? [];
    if (usable.length < MIN_SEED_SIZE) {
      throw new BadInputError(
        `The seed has ${usable.length} usable member${usable.length === 1 ? '' : 's'} (with profiling consent); a lookalike needs at least ${MIN_SEED_SIZE}.`,
        { usable: usable.length, min: MIN_SEED_SIZE },
      );
    }
    const exclude = options.excludeProductIds ?? [];
    let weights = Object.fromEntries(SIGNALS.map((signal) => [signal, enabled.includes(signal) ? 1 : 0])) as Weights;
    let single: Record<Signal, number> | null = null;
    let holdoutPrecision: number | null = null;
    if (usable.length >= MIN_SEED_FOR_HOLDOUT && enabled.length > 1) {
      // k-fold: every seed member is held back once; k = round(1 / holdoutFraction), 2 to 5.
      const k = Math.min(5, Math.max(2, Math.round(1 / fraction)));
      const folds = await Promise.all(
        seedFolds(usable, k, createRandom(options.randomSeed ?? 1, 17)).map(async ({ training, heldBack }) => ({
          training: await this.signals(training, Math.max(2_000, heldBack.length * 20), enabled, exclude),
          heldBack: new Set(heldBack),
        })),
      );
      const choice = chooseWeightsAcrossFolds(folds);
      weights = choice.weights;
      single = choice.single;
      holdoutPrecision = choice.blended;
    }
    const scores = await this.signals(usable, Math.min(30_000, Math.max(size * 3, 1_000)), enabled, exclude);
    return {
      seedSize: usable.length,
      members: blend(scores, weights).slice(0, size),
      signals: SIGNALS.map((signal) => ({ signal, weight: weights[signal], holdoutPrecision: single ? single[signal] : null })),
      holdoutPrecision,
    };
  }
}
