import type { Db } from '../db/db.js';
import { int } from '../db/values.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { createRandom } from '../lib/random.js';
import { lookalikeQueries, type SeedMember } from './queries.js';
import { blend, seedFolds, SIGNALS, type Scored, type Signal, type SignalScores, type Weights } from './scoring.js';
import { chooseWeightsAcrossFolds } from './weight-choice.js';
import { fitStackedFusion, rankStacked } from './stacking.js';
import { seedVariants } from './seed-profile.js';
import { chunks } from '../lib/chunks.js';
import { CountCache } from '../lib/count-cache.js';
import { consentingUsers } from '../profiles/index.js';
import { resolveSeed, type LookalikeSeedInput, type SeedSegments } from './seed.js';
import { SIGNAL_RUNNERS, type SignalRun, type VariantRequest } from './signals.js';

/** Below this many usable (consenting) seed members a lookalike is noise: refused with a reason. */
export const MIN_SEED_SIZE = 10;
/** Seeds this large or more choose their blend by cross-validation; smaller ones use equal weights. */
export const MIN_SEED_FOR_HOLDOUT = 20;
export const MAX_AUDIENCE_SIZE = 10_000;
export const MAX_SEED_SIZE = 100_000;
/** Seed members per profile statement: a large seed is read in chunks, never as one huge list. */
export const DEFAULT_SEED_CHUNK_SIZE = 5_000;
/** Candidates the interest vector index proposes for similarUsers, each then scored exactly. */
export const NEAREST_BY_INTERESTS = 150;

export interface LookalikeOptions {
  holdoutFraction?: number | null;
  signals?: Signal[] | null;
  excludeProductIds?: string[] | null;
  randomSeed?: number | null;
  /** Force one fusion (null: stacking when it beats rank fusion out of fold). */
  fusion?: Fusion | null;
}

/** How the signals were combined: rank fusion with grid weights, or the stacked model (stacking.ts). */
export type Fusion = 'RANK' | 'STACKED';

export interface LookalikeResult {
  seedSize: number;
  members: Scored[];
  signals: { signal: Signal; weight: number; holdoutPrecision: number | null }[];
  holdoutPrecision: number | null;
  fusion: Fusion;
}

function signalWeights(weights: Weights, single: Record<Signal, number> | null): LookalikeResult['signals'] {
  return SIGNALS.map((signal) => ({ signal, weight: weights[signal], holdoutPrecision: single ? single[signal] : null }));
}

/** Stacked fusion's weight of a signal: what it adds to an audience member's log-odds, on average. */
function meanContributions(members: readonly Scored[]): Weights {
  const totals = Object.fromEntries(SIGNALS.map((signal) => [signal, 0])) as Weights;
  for (const member of members) for (const reason of member.reasons) totals[reason.kind] += reason.weight / Math.max(1, members.length);
  return totals;
}

export class LookalikeService {
  private readonly seedChunkSize: number;
  private readonly counts: CountCache;
  private readonly interests: Pick<SignalRun, 'interestFanOut' | 'interestVectors'>;

  constructor(
    private readonly db: Db,
    private readonly segments: SeedSegments | null = null,
    options: { seedChunkSize?: number; counts?: CountCache } & Pick<SignalRun, 'interestFanOut' | 'interestVectors'> = {},
  ) {
    this.seedChunkSize = options.seedChunkSize ?? DEFAULT_SEED_CHUNK_SIZE;
    this.interests = {
      ...(options.interestFanOut !== undefined ? { interestFanOut: options.interestFanOut } : {}),
      ...(options.interestVectors !== undefined ? { interestVectors: options.interestVectors } : {}),
    };
    this.counts = options.counts ?? new CountCache(0);
  }

  /** The seed's user ids, from a list or a saved segment (the API and the CLI take the same input). */
  seedIds(seed: LookalikeSeedInput): Promise<string[]> {
    return resolveSeed(seed, this.segments ?? { exists: async () => false, memberIds: async () => [] });
  }

  /**
   * The four signals for every variant of the seed at once (signals.ts): each reads the seed
   * once, a chunk at a time, and expands from its profile in one statement. Statements: one
   * per enabled signal per chunk of the seed, plus one per enabled signal (social needs none),
   * whatever the number of folds. Returns one SignalScores per variant, without that variant's
   * own seed members, at most `limit` candidates per signal.
   */
  async signals(
    folds: readonly (readonly string[])[],
    variants: readonly VariantRequest[],
    enabled: readonly Signal[],
    excludeProductIds: string[],
    nearestInterests?: number,
  ): Promise<SignalScores[]> {
    const members: SeedMember[] = folds.flatMap((ids, fold) => ids.map((id) => ({ id, fold: int(fold) })));
    const userCount = await consentingUsers(this.db, this.counts);
    const run: SignalRun = {
      db: this.db,
      members,
      foldCount: folds.length,
      variants,
      chunkSize: this.seedChunkSize,
      userCount: Math.max(1, userCount),
      excludeProductIds,
      ...this.interests,
      ...(nearestInterests !== undefined ? { nearestInterests } : {}),
    };
    const ranked = await Promise.all(SIGNALS.map((signal) => (enabled.includes(signal) ? SIGNAL_RUNNERS[signal](run) : variants.map(() => []))));
    const foldOf = new Map(folds.flatMap((ids, fold) => ids.map((id): [string, number] => [id, fold])));
    return variants.map((variant, index) => {
      const isOwnMember = (userId: string) => {
        const fold = foldOf.get(userId);
        return fold !== undefined && fold !== variant.heldBackFold;
      };
      return Object.fromEntries(
        SIGNALS.map((signal, s) => {
          const hits = (ranked[s]?.[index] ?? []).filter((hit) => !isOwnMember(hit.userId)).slice(0, variant.limit);
          return [signal, new Map(hits.map((hit) => [hit.userId, hit]))];
        }),
      ) as SignalScores;
    });
  }

  /** The seed's ids that exist and may be profiled, checked a chunk at a time. */
  private async usableSeed(seedIds: readonly string[]): Promise<string[]> {
    const missing: string[] = [];
    const usable: string[] = [];
    for (const chunk of chunks(seedIds, this.seedChunkSize)) {
      const [check] = await this.db.query(lookalikeQueries.seedCheck, { seedIds: chunk });
      missing.push(...(check?.missing ?? []));
      usable.push(...(check?.usable ?? []));
    }
    if (missing.length > 0) throw new NotFoundError('User', missing);
    return usable;
  }

  /**
   * "People like you": the lookalike signals with a one-person seed, equal weights (no seed to
   * cross-validate on), community left out (one member says little about a community).
   * Users without profiling consent neither get nor appear in similar users. INTERESTS scores
   * the NEAREST_BY_INTERESTS users the interest vector index proposes for the user's profile
   * (interest-vectors.ts) once a RECOMMENDATIONS run has written the vectors; before, every
   * holder of their interests.
   */
  async similarUsers(userId: string, first: number): Promise<Scored[]> {
    const [check] = await this.db.query(lookalikeQueries.seedCheck, { seedIds: [userId] });
    if (!check || check.usable.length === 0) return [];
    const enabled: Signal[] = ['INTERESTS', 'CO_ENGAGEMENT', 'SOCIAL'];
    const variants = seedVariants([1], false).map((variant) => ({ ...variant, limit: Math.max(first * 5, 50) }));
    const [scores] = await this.signals([[userId]], variants, enabled, [], Math.max(NEAREST_BY_INTERESTS, first * 20));
    return scores ? blend(scores, { INTERESTS: 1, CO_ENGAGEMENT: 1, SOCIAL: 1, COMMUNITY: 0 }).slice(0, first) : [];
  }

  async lookalike(seed: readonly string[], size: number, options: LookalikeOptions = {}): Promise<LookalikeResult> {
    if (!Number.isInteger(size) || size < 1 || size > MAX_AUDIENCE_SIZE) {
      throw new BadInputError(`size must be between 1 and ${MAX_AUDIENCE_SIZE}; got ${size}.`, { argument: 'size', max: MAX_AUDIENCE_SIZE });
    }
    const seedIds = [...new Set(seed)];
    if (seedIds.length > MAX_SEED_SIZE) throw new BadInputError(`A seed holds at most ${MAX_SEED_SIZE} users; got ${seedIds.length}.`, { max: MAX_SEED_SIZE });
    const fraction = options.holdoutFraction ?? 0.3;
    if (!(fraction > 0 && fraction < 0.9)) throw new BadInputError(`holdoutFraction must be between 0 and 0.9; got ${fraction}.`);
    const enabled = options.signals && options.signals.length > 0 ? [...new Set(options.signals)] : [...SIGNALS];
    // Consent is checked here *and* in every signal: seed members without profiling consent are
    // not profiled either, and candidates without it never appear.
    const usable = await this.usableSeed(seedIds);
    if (usable.length < MIN_SEED_SIZE) {
      throw new BadInputError(
        `The seed has ${usable.length} usable member${usable.length === 1 ? '' : 's'} (with profiling consent); a lookalike needs at least ${MIN_SEED_SIZE}.`,
        { usable: usable.length, min: MIN_SEED_SIZE },
      );
    }
    const exclude = options.excludeProductIds ?? [];
    const crossValidate = usable.length >= MIN_SEED_FOR_HOLDOUT && enabled.length > 1;
    if (options.fusion === 'STACKED' && !crossValidate) {
      throw new BadInputError(
        `fusion STACKED is fitted on the seed's folds: it needs at least ${MIN_SEED_FOR_HOLDOUT} usable seed members and two signals; got ${usable.length} and ${enabled.length}.`,
        { argument: 'fusion', usable: usable.length, min: MIN_SEED_FOR_HOLDOUT },
      );
    }
    // k-fold: every seed member is held back once; k = round(1 / holdoutFraction), 2 to 5.
    const k = crossValidate ? Math.min(5, Math.max(2, Math.round(1 / fraction))) : 1;
    const folds = crossValidate ? seedFolds(usable, k, createRandom(options.randomSeed ?? 1, 17)).map((fold) => fold.heldBack) : [usable];
    const variants = seedVariants(
      folds.map((fold) => fold.length),
      crossValidate,
    ).map((variant) => ({
      ...variant,
      // Cross-validation scores the top 3 × |held-back| of the blend (averagePrecision), so 10× per
      // signal is ample; the whole seed ranks 2 × size per signal for the audience (below that
      // depth a signal's rank-fusion term is under 61 / (60 + depth) of a top rank's).
      limit: variant.heldBackFold === null ? Math.min(20_000, Math.max(size * 2, 1_000)) : Math.max(2_000, (folds[variant.heldBackFold]?.length ?? 0) * 10),
    }));
    const scores = await this.signals(folds, variants, enabled, exclude);
    const final = scores[scores.length - 1] as SignalScores;

    if (!crossValidate) {
      const equal = Object.fromEntries(SIGNALS.map((signal) => [signal, enabled.includes(signal) ? 1 : 0])) as Weights;
      return {
        seedSize: usable.length,
        members: blend(final, equal).slice(0, size),
        signals: signalWeights(equal, null),
        holdoutPrecision: null,
        fusion: 'RANK',
      };
    }
    const labelled = folds.map((heldBack, fold) => ({ training: scores[fold] as SignalScores, heldBack: new Set(heldBack) }));
    const choice = chooseWeightsAcrossFolds(labelled);
    // Both fusions are judged on the folds; stacking must beat the grid's (in-sample) best to be used.
    const stacked = fitStackedFusion(labelled, Math.min(...variants.map((variant) => variant.limit)));
    const useStacked = options.fusion === 'STACKED' || (options.fusion !== 'RANK' && stacked !== null && stacked.averagePrecision > choice.objective);
    if (stacked && useStacked) {
      const members = rankStacked(stacked, final, size);
      return {
        seedSize: usable.length,
        members,
        signals: signalWeights(meanContributions(members), choice.single),
        holdoutPrecision: stacked.precision,
        fusion: 'STACKED',
      };
    }
    return {
      seedSize: usable.length,
      members: blend(final, choice.weights).slice(0, size),
      signals: signalWeights(choice.weights, choice.single),
      holdoutPrecision: choice.blended,
      fusion: 'RANK',
    };
  }
}
