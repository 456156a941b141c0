import type { Db } from '../db/db.js';
import { int, toNullableNumber, toSafeNumber } from '../db/values.js';
import { BadInputError } from '../errors.js';
import { toUser } from '../profiles/index.js';
import type { InfluenceLoaders } from './loaders.js';
import { influenceQueries } from './queries.js';
import { KOL_PROBABILITIES } from './robust-spread.js';
import { toKol, type KeyOpinionLeader, type KolScope, type KolSet } from './types.js';

const CANDIDATES = 200;
/**
 * Work bounds (issue 12), so no KOL query grows with the graph: the interest audience read for
 * KOLs within an interest, and the followers read per KOL-set candidate. Exact below them.
 */
const MAX_INTEREST_AUDIENCE = 50_000;
const MAX_FOLLOWERS_PER_CANDIDATE = 5_000;

/**
 * Greedy maximum coverage (Nemhauser, Wolsey & Fisher 1978: within 1 − 1/e of the best set):
 * repeatedly take the candidate whose followers add the most people not yet reached. Unlike
 * the top-k by score, it skips a second KOL whose audience the first already covers, which
 * spreads the set across communities.
 */
export function greedyCoverage(candidates: readonly { id: string; reach: readonly string[] }[], k: number): { chosen: string[]; reached: number } {
  const covered = new Set<string>();
  const chosen: string[] = [];
  const remaining = new Map(candidates.map((candidate) => [candidate.id, candidate.reach]));
  while (chosen.length < k && remaining.size > 0) {
    let best: string | null = null;
    let bestGain = -1;
    for (const [id, reach] of remaining) {
      let gain = 0;
      for (const person of reach) if (!covered.has(person)) gain += 1;
      if (gain > bestGain) {
        best = id;
        bestGain = gain;
      }
    }
    if (best === null) break;
    for (const person of remaining.get(best) ?? []) covered.add(person);
    remaining.delete(best);
    chosen.push(best);
  }
  return { chosen, reached: covered.size };
}

export class InfluenceService {
  constructor(
    private readonly db: Db,
    private readonly loaders: InfluenceLoaders,
  ) {}

  /** `cards`: the caller reads only card fields of each KOL's user (src/profiles/user-cards.ts); a community's list then fetches cards. */
  async keyOpinionLeaders(scope: KolScope, first: number, { cards = false }: { cards?: boolean } = {}): Promise<KeyOpinionLeader[]> {
    const current = await this.loaders.published.get();
    if (!current) return [];
    const limit = int(first);
    // One community's KOLs go through a loader, so a page of communities costs one statement.
    if (scope.community && !scope.interest) return this.loaders.kolsByCommunityId.load({ id: scope.community, args: { limit: first, cards } });
    if (scope.interest && !scope.community) {
      const kept = await this.db.query(influenceQueries.topForInterestKept, { ...current.keys, ...current.interestKeys, interestId: scope.interest, limit });
      if (kept.length > 0) return kept.map(toKol);
    }
    const rows = scope.interest
      ? await this.db.query(influenceQueries.topForInterest, {
          ...current.keys,
          interestId: scope.interest,
          communityId: scope.community ?? null,
          limit,
          maxAudience: int(MAX_INTEREST_AUDIENCE),
        })
      : await this.db.query(influenceQueries.topOverall, { ...current.keys, limit });
    return rows.map(toKol);
  }

  /**
   * Without a scope: one of the run's spread-maximising orders (expected reach under independent
   * cascades, robust-spread.ts): for `probability`, or robust to not knowing it. Within an interest or community: greedy coverage of the candidates'
   * followers in that audience, computed now.
   */
  async kolSet(k: number, probability: number | null, scope: KolScope, maxK: number): Promise<KolSet> {
    if (!Number.isInteger(k) || k < 1 || k > maxK) throw new BadInputError(`k must be between 1 and ${maxK}; got ${k}.`, { argument: 'k', max: maxK });
    const scoped = Boolean(scope.interest || scope.community);
    if (probability !== null && scoped) {
      throw new BadInputError('probability applies to the whole-graph KOL set; leave it out with interest or community.', { argument: 'probability' });
    }
    const block = probability === null ? 0 : 1 + KOL_PROBABILITIES.findIndex((analysed) => Math.abs(analysed - probability) < 1e-9);
    if (block === 0 && probability !== null) {
      throw new BadInputError(
        `probability must be one of the analysed cascade probabilities ${KOL_PROBABILITIES.join(', ')}, or left out for the robust set; got ${probability}.`,
        {
          argument: 'probability',
          allowed: [...KOL_PROBABILITIES],
        },
      );
    }
    if (!scoped) {
      const current = await this.loaders.published.get();
      const empty: KolSet = { method: 'EXPECTED_SPREAD', members: [], estimatedReach: 0, topKByScoreReach: 0, probability, reachByProbability: [] };
      if (!current) return empty;
      const rows = await this.db.query(influenceQueries.kolSetOrder, { ...current.keys, limit: int(k), block: int(block) });
      const last = rows.at(-1);
      if (!last) return empty;
      const reachByProbability = last.reach.map((at) => ({
        probability: at.probability,
        estimatedReach: Math.round(at.reach ?? 0),
        bestReach: Math.round(at.best ?? at.reach ?? 0),
        ratioToBest: at.best ? (at.reach ?? 0) / at.best : 1,
        topKByScoreReach: Math.round(at.topK ?? 0),
      }));
      // The robust set's headline figure is at the largest probability analysed.
      const headline = probability === null ? reachByProbability.at(-1) : reachByProbability.find((at) => Math.abs(at.probability - probability) < 1e-9);
      return {
        method: 'EXPECTED_SPREAD',
        members: rows.map((row) => ({
          user: toUser(row.user),
          score: row.score ?? 0,
          rank: toNullableNumber(row.rank) ?? 0,
          followers: toSafeNumber(row.followers),
          topicalReach: null,
        })),
        estimatedReach: headline?.estimatedReach ?? 0,
        topKByScoreReach: headline?.topKByScoreReach ?? 0,
        probability,
        reachByProbability,
      };
    }
    const candidates = await this.keyOpinionLeaders(scope, CANDIDATES);
    if (candidates.length === 0)
      return { method: 'FOLLOWER_COVERAGE', members: [], estimatedReach: 0, topKByScoreReach: 0, probability: null, reachByProbability: [] };
    const reachRows = await this.db.query(influenceQueries.followersOf, {
      userIds: candidates.map((candidate) => candidate.user.id),
      interestId: scope.interest ?? null,
      communityId: scope.community ?? null,
      maxFollowers: int(MAX_FOLLOWERS_PER_CANDIDATE),
    });
    const reachOf = new Map(reachRows.map((row) => [row.userId, row.followers]));
    const pool = candidates.map((candidate) => ({ id: candidate.user.id, reach: reachOf.get(candidate.user.id) ?? [] }));
    const { chosen, reached } = greedyCoverage(pool, k);
    const byId = new Map(candidates.map((candidate) => [candidate.user.id, candidate]));
    const topK = new Set(pool.slice(0, k).flatMap((candidate) => candidate.reach));
    return {
      method: 'FOLLOWER_COVERAGE',
      members: chosen.map((id) => byId.get(id)).filter((kol): kol is KeyOpinionLeader => kol !== undefined),
      estimatedReach: reached,
      topKByScoreReach: topK.size,
      probability: null,
      reachByProbability: [],
    };
  }
}
