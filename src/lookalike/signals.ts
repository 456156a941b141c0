/**
 * The four lookalike signals, each in two steps (docs/ALGORITHMS.md#lookalike):
 * 1. read the seed's neighbourhood once, a chunk of members per statement (each member carries
 *    its cross-validation fold), and add it up into a profile per seed variant
 *    (seed-profile.ts); 2. expand from that profile in one statement that returns each
 *    candidate once, and rank the candidates for every variant here (rankPerVariant). The signals run side by side, each expanding as soon as its own
 *    profile is ready. Statements per signal: one per chunk of the seed, plus one.
 */
import type { CypherQuery } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { lookalikeQueries, type InterestHolder, type ProductEngagers, type SeedMember } from './queries.js';
import { VECTOR_DIMENSIONS } from './interest-vectors.js';
import { compareIds } from '../lib/compare-ids.js';
import type { Signal, SignalHit } from './scoring.js';
import { chunks } from '../lib/chunks.js';
import { addFoldValue, topItemsPerVariant, variantSum, type FoldSums, type ProfileItem, type SeedVariant } from './seed-profile.js';

/**
 * How far each signal may reach from the seed's profile: products of the engagement profile,
 * at most 200 and as many as reach PRODUCT_FAN_OUT engaged users; interests, at most 20 and as
 * many as reach INTEREST_FAN_OUT holders (interests are few and widely held: on a graph with
 * 40 interests, 20 reach every user). The strongest items come first, so a cap drops the
 * weakest parts of the profile.
 */
const PRODUCT_PROFILE_SIZE = 200;
const PRODUCT_FAN_OUT = 100_000;
const INTEREST_PROFILE_SIZE = 20;
const INTEREST_FAN_OUT = 50_000;
/**
 * Community members all score their community's lift, so the top N come from the communities
 * with the highest lift until their sizes cover N (+ the variant's own members, + 20% for
 * consent withdrawn since the analysis): an exact cut, not an approximation.
 */
const COMMUNITY_COVER = 1.2;

/** A variant of the seed and how many candidates it asks each signal for. */
export interface VariantRequest extends SeedVariant {
  limit: number;
}

/** Everything one lookalike run gives its signals. */
export interface SignalRun {
  db: Db;
  members: SeedMember[];
  foldCount: number;
  variants: readonly VariantRequest[];
  chunkSize: number;
  /** Consenting users: the denominator of rarity and lift. */
  userCount: number;
  excludeProductIds: string[];
  /**
   * For a seed with one variant (similarUsers): how many users the interest vector index
   * proposes for the whole profile (interest-vectors.ts), instead of reading the holders of a
   * profile capped by its fan-out.
   */
  nearestInterests?: number;
  /** False to read the holders of the capped profile even where vectors exist (the bench's comparison). */
  interestVectors?: boolean;
  /** INTEREST_FAN_OUT unless set (tests set it low to take the vector path on a small graph). */
  interestFanOut?: number;
}

/** Candidates per variant, best first; seed members are still in (the caller removes them). */
export type RankedPerVariant = SignalHit[][];

/** Runs a seed statement once per chunk of the seed, handing each chunk's rows to `add`. */
async function readSeed<Row, Params extends { members: SeedMember[] }>(
  run: SignalRun,
  query: CypherQuery<Row, Params>,
  params: Omit<Params, 'members'>,
  add: (row: Row) => void,
): Promise<void> {
  for (const chunk of chunks(run.members, run.chunkSize)) {
    for (const row of await run.db.query(query, { ...params, members: chunk } as Params)) add(row);
  }
}

const zeros = (run: SignalRun) => () => new Array<number>(run.foldCount).fill(0);

/**
 * A candidate's reason: the profile items it shares with the variant, strongest first (the
 * variant's weight on the item × the candidate's own weight on it, where it has one), the top
 * three named.
 */
function shared(
  profile: ProfileItem[],
  variant: number,
  items: readonly number[],
  ownWeights: readonly number[] | null,
  names: ReadonlyMap<string, { name: string }>,
): Pick<SignalHit, 'labels' | 'count'> {
  const weighted = items
    .map((item, j) => {
      const entry = profile[item];
      return { label: names.get(entry?.id ?? '')?.name ?? '', weight: (entry?.weights[variant] ?? 0) * (ownWeights?.[j] ?? 1) };
    })
    .filter((s) => s.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  return { labels: weighted.slice(0, 3).map((s) => s.label), count: weighted.length };
}

/**
 * Every candidate's score for every variant in one pass over the candidates: `add(candidate,
 * scores, offset)` adds its score for variant v at scores[offset + v]. Profile items carry one
 * weight per variant, so a candidate's items are read once, not once per variant.
 */
function scoreTable<Candidate>(
  run: SignalRun,
  candidates: readonly Candidate[],
  add: (candidate: Candidate, scores: Float64Array, offset: number) => void,
): Float64Array {
  const width = run.variants.length;
  const scores = new Float64Array(candidates.length * width);
  candidates.forEach((candidate, i) => add(candidate, scores, i * width));
  return scores;
}

/** Adds `factor` × a profile item's weight for every variant into a candidate's row of the score table. */
function addItem(scores: Float64Array, offset: number, item: ProfileItem | undefined, factor: number): void {
  if (!item) return;
  item.weights.forEach((weight, v) => (scores[offset + v] = (scores[offset + v] as number) + weight * factor));
}

/**
 * The candidates an expansion statement returned, ranked for each variant by their row of the
 * score table (scoreTable): those scoring 0 dropped, best first (ties to the smaller id), cut to
 * the variant's limit + size. Ranking here rather than in Cypher keeps each statement's memory
 * to one row per candidate (ranking in the statement held candidates × variants, over a
 * gigabyte on Last.fm). Only the candidates at or above the cut's score are sorted with their
 * ids (a numeric sort of the scores finds it): at a million users 72,000 candidates are cut
 * to 4,000 for a fold.
 */
function rankPerVariant<Candidate extends { userId: string }>(
  run: SignalRun,
  candidates: readonly Candidate[],
  table: Float64Array,
  hit: (candidate: Candidate, variant: number, score: number) => SignalHit,
): RankedPerVariant {
  const width = run.variants.length;
  const scores = new Float64Array(candidates.length);
  return run.variants.map((variant, v) => {
    let positive = 0;
    for (let i = 0; i < candidates.length; i += 1) {
      const value = table[i * width + v] as number;
      scores[i] = value;
      if (value > 0) positive += 1;
    }
    const keep = variant.limit + variant.size;
    const cut = positive > keep ? cutScore(scores, keep) : Number.MIN_VALUE;
    const ranked: number[] = [];
    for (let i = 0; i < candidates.length; i += 1) if ((scores[i] as number) >= cut && (scores[i] as number) > 0) ranked.push(i);
    return ranked
      .map((i) => ({ candidate: candidates[i] as Candidate, score: scores[i] as number }))
      .sort((a, b) => b.score - a.score || compareIds(a.candidate.userId, b.candidate.userId))
      .slice(0, keep)
      .map(({ candidate, score: value }) => hit(candidate, v, value));
  });
}

/** The `keep`-th highest of the scores: every candidate that can make the cut scores at least this. */
function cutScore(scores: Float64Array, keep: number): number {
  const sorted = Float64Array.from(scores).sort();
  return sorted[sorted.length - keep] as number;
}

/** A candidate of the interest signal: the profile items it holds and its weights on them over √(its interest count). */
interface ScaledHolder {
  userId: string;
  items: readonly number[];
  weights: readonly number[];
}

/** (item, variant) pairs a profile holds: fewer in the capped profile than in the full one means the cap dropped some. */
const weightedPairs = (profile: readonly ProfileItem[]) => profile.reduce((n, item) => n + item.weights.filter((w) => w > 0).length, 0);

/**
 * The interest signal's candidates and the profile they were scored against:
 * - a profile whose holders fit the fan-out: every holder (exact);
 * - similarUsers (`run.nearestInterests`), or a profile the fan-out would cut (at a million users
 *   every interest has ~300,000 holders, and reading them took 12 s of a 1,000-member
 *   lookalike): the vector index's nearest for the whole seed's profile, once a
 *   RECOMMENDATIONS run has written the vectors; before, every holder of the capped profile
 *   (similarUsers: of the whole profile).
 * Either way each candidate is scored exactly by the signal's formula.
 */
async function interestCandidates(
  run: SignalRun,
  interests: ReadonlyMap<string, { sums: FoldSums; holders: number }>,
): Promise<{ profile: ProfileItem[]; holders: ScaledHolder[] }> {
  const weightOf = (item: { sums: FoldSums }, variant: SeedVariant) => variantSum(item.sums, variant) / variant.size;
  const full = topItemsPerVariant(interests, run.variants, weightOf, { items: INTEREST_PROFILE_SIZE });
  if (full.length === 0) return { profile: [], holders: [] };
  const nearest = run.variants.length === 1 ? run.nearestInterests : undefined;
  const capped =
    nearest === undefined
      ? topItemsPerVariant(interests, run.variants, weightOf, {
          items: INTEREST_PROFILE_SIZE,
          fanOut: (item) => item.holders,
          maxFanOut: () => run.interestFanOut ?? INTEREST_FAN_OUT,
        })
      : full;
  if ((nearest !== undefined || weightedPairs(capped) < weightedPairs(full)) && run.interestVectors !== false) {
    // One search, for the whole seed, as deep as the deepest variant asks: each fold's nearest
    // lie within it (a fold is most of the seed and asks for a fifth of the depth; searching
    // per fold too added 1,245 candidates to 21,000 at a million users, for a third of the
    // statement's time), and every candidate is scored exactly per variant below.
    const whole = Math.max(
      0,
      run.variants.findIndex((variant) => variant.heldBackFold === null),
    );
    const found = await run.db.query(lookalikeQueries.nearestInterestHolders, {
      interestIds: full.map((item) => item.id),
      weights: full.map((item) => item.weights[whole] ?? 0),
      k: int(nearest ?? Math.max(...run.variants.map((variant) => variant.limit + variant.size))),
      dimensions: int(VECTOR_DIMENSIONS),
    });
    if (found[0]?.indexed) {
      const holders = found.flatMap(({ userId, items, weights }) =>
        userId !== null && items && weights ? [{ userId, items: items.map(toSafeNumber), weights }] : [],
      );
      return { profile: full, holders };
    }
  }
  return { profile: capped, holders: scaled(await run.db.query(lookalikeQueries.expandInterests, { interestIds: capped.map((item) => item.id) })) };
}

/** Holders as the statements read them (weights, interest count) in the vector's terms: weights over √(interest count). */
function scaled(holders: readonly InterestHolder[]): ScaledHolder[] {
  return holders.map((holder) => {
    const scale = 1 / Math.sqrt(Math.max(1, toSafeNumber(holder.interests)));
    return { userId: holder.userId, items: holder.items.map(toSafeNumber), weights: holder.weights.map((weight) => weight * scale) };
  });
}

async function interestsSignal(run: SignalRun): Promise<RankedPerVariant> {
  const interests = new Map<string, { sums: FoldSums; name: string; holders: number }>();
  await readSeed(run, lookalikeQueries.seedInterests, {}, (row) =>
    addFoldValue(interests, row.id, toSafeNumber(row.fold), row.share, () => ({ sums: zeros(run)(), name: row.name, holders: toSafeNumber(row.holders) })),
  );
  // Each interest's share of the variant's interest weight.
  const { profile, holders } = await interestCandidates(run, interests);
  if (profile.length === 0) return run.variants.map(() => []);
  // A holder scores the dot product of the variant's profile with its own interest weights,
  // over √(its interest count) so those who tag everything do not win on breadth alone.
  return rankPerVariant(
    run,
    holders,
    scoreTable(run, holders, (holder, scores, offset) => holder.items.forEach((item, j) => addItem(scores, offset, profile[item], holder.weights[j] ?? 0))),
    (holder, v, score) => ({ userId: holder.userId, score, ...shared(profile, v, holder.items, holder.weights, interests) }),
  );
}

/** The expansion's rows (a product and its engagers) turned around: each engager once, with the profile products it engaged with. */
function productEngagers(rows: readonly ProductEngagers[]): { userId: string; items: number[]; engagements: number }[] {
  const byUser = new Map<string, { userId: string; items: number[]; engagements: number }>();
  // Products in profile order, so each engager's items are too (its reason's ties keep that order).
  const ordered = rows.map((row) => ({ ...row, index: toSafeNumber(row.index) })).sort((a, b) => a.index - b.index);
  for (const row of ordered) {
    const index = row.index;
    row.userIds.forEach((userId, j) => {
      const engager = byUser.get(userId);
      if (engager) engager.items.push(index);
      else byUser.set(userId, { userId, items: [index], engagements: toSafeNumber(row.engagements[j] ?? 0) });
    });
  }
  return [...byUser.values()];
}

async function coEngagementSignal(run: SignalRun): Promise<RankedPerVariant> {
  const products = new Map<string, { sums: FoldSums; name: string; engaged: number }>();
  await readSeed(run, lookalikeQueries.seedProducts, { excludeProductIds: run.excludeProductIds }, (row) => {
    for (const { fold, seedUsers } of row.byFold) {
      addFoldValue(products, row.id, toSafeNumber(fold), toSafeNumber(seedUsers), () => ({
        sums: zeros(run)(),
        name: row.name,
        engaged: toSafeNumber(row.engaged),
      }));
    }
  });
  // The share of the variant engaged with the product, times its rarity (idf).
  const profile = topItemsPerVariant(
    products,
    run.variants,
    (item, variant) => (variantSum(item.sums, variant) / variant.size) * Math.log(run.userCount / Math.max(1, item.engaged)),
    { items: PRODUCT_PROFILE_SIZE, fanOut: (item) => item.engaged, maxFanOut: () => PRODUCT_FAN_OUT },
  );
  if (profile.length === 0) return run.variants.map(() => []);
  const engagers = productEngagers(await run.db.query(lookalikeQueries.expandProducts, { productIds: profile.map((item) => item.id) }));
  // An engager scores the profile weights of the products it shares with the variant, over
  // √(its engagement count) so the very active do not win on volume alone.
  return rankPerVariant(
    run,
    engagers,
    scoreTable(run, engagers, (engager, scores, offset) => {
      const damping = 1 / Math.sqrt(Math.max(1, engager.engagements));
      for (const item of engager.items) addItem(scores, offset, profile[item], damping);
    }),
    (engager, v, score) => ({ userId: engager.userId, score, ...shared(profile, v, engager.items, null, products) }),
  );
}

async function communitySignal(run: SignalRun): Promise<RankedPerVariant> {
  const communities = new Map<string, { sums: FoldSums; size: number }>();
  await readSeed(run, lookalikeQueries.seedCommunities, {}, (row) =>
    addFoldValue(communities, row.id, toSafeNumber(row.fold), toSafeNumber(row.seedMembers), () => ({ sums: zeros(run)(), size: toSafeNumber(row.size) })),
  );
  // Lift: the variant's share in the community over the community's share of all users.
  const profile = topItemsPerVariant(
    communities,
    run.variants,
    (item, variant) => {
      const lift = variantSum(item.sums, variant) / variant.size / (item.size / run.userCount);
      return lift > 1 ? lift : 0;
    },
    { items: Number.POSITIVE_INFINITY, fanOut: (item) => item.size, maxFanOut: (variant) => (variant.limit + variant.size) * COMMUNITY_COVER },
  );
  if (profile.length === 0) return run.variants.map(() => []);
  const members = (await run.db.query(lookalikeQueries.expandCommunities, { communityIds: profile.map((item) => item.id) }))
    .map((row) => ({ index: toSafeNumber(row.index), userIds: row.userIds }))
    .sort((a, b) => a.index - b.index)
    .flatMap(({ index, userIds }) => userIds.map((userId) => ({ userId, index })));
  // Every member scores its community's lift for the variant.
  return rankPerVariant(
    run,
    members,
    scoreTable(run, members, (member, scores, offset) => addItem(scores, offset, profile[member.index], 1)),
    (member, _v, score) => ({ userId: member.userId, score, labels: [], count: 0 }),
  );
}

/** Social proximity needs no expansion: the seed's neighbours are the candidates. */
async function socialSignal(run: SignalRun): Promise<RankedPerVariant> {
  const neighbours = new Map<string, { sums: FoldSums; degree: number }>();
  await readSeed(run, lookalikeQueries.seedSocial, {}, (row) => {
    const fold = toSafeNumber(row.fold);
    row.userIds.forEach((userId, j) =>
      addFoldValue(neighbours, userId, fold, toSafeNumber(row.links[j] ?? 0), () => ({ sums: zeros(run)(), degree: toSafeNumber(row.degrees[j] ?? 0) })),
    );
  });
  // Seed members linked, damped by the candidate's own degree so hubs do not win on size alone.
  return run.variants.map((variant) =>
    [...neighbours.entries()]
      .map(([userId, item]) => {
        const links = variantSum(item.sums, variant);
        return { userId, score: links / Math.sqrt(Math.max(1, item.degree)), labels: [], count: links };
      })
      .filter((hit) => hit.count > 0)
      .sort((a, b) => b.score - a.score || compareIds(a.userId, b.userId)),
  );
}

export const SIGNAL_RUNNERS: Record<Signal, (run: SignalRun) => Promise<RankedPerVariant>> = {
  INTERESTS: interestsSignal,
  CO_ENGAGEMENT: coEngagementSignal,
  SOCIAL: socialSignal,
  COMMUNITY: communitySignal,
};
