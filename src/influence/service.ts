import type DataLoader from 'dataloader';
import type { Db } from '../db/db.js';
import { int, toNullableNumber, toSafeNumber } from '../db/values.js';
import { BadInputError } from '../errors.js';
import { byIdLoader, groupBy, groupedLoader, type LoaderOptions } from '../graphql/grouped-loader.js';
import { toUser, type User } from '../profiles/index.js';
import { influenceQueries, INFLUENCE_SLOTS, type InfluenceSlot, type KolRow } from './queries.js';
import { analyticsQueries, type CurrentResultsRow } from '../analytics/queries.js';

export interface Influence {
  score: number;
  rank: number;
  percentile: number;
}

export interface KeyOpinionLeader {
  user: User;
  score: number;
  rank: number;
  followers: number;
  topicalReach: number | null;
}

export interface KolSet {
  method: 'EXPECTED_SPREAD' | 'FOLLOWER_COVERAGE';
  members: KeyOpinionLeader[];
  estimatedReach: number;
  topKByScoreReach: number;
  probability: number | null;
}

export interface KolScope {
  interest?: string | null;
  community?: string | null;
}

interface Published {
  jobId: string;
  count: number;
  keys: { scoreKey: string; rankKey: string; jobKey: string; jobId: string };
}

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
  private published: Promise<Published | null> | null = null;
  readonly influenceByUserId: DataLoader<string, Influence | null>;
  /** The top KOLs of each community (Community.keyOpinionLeaders on a page of communities). */
  readonly kolsByCommunityId: DataLoader<{ id: string; args: { limit: number } }, KeyOpinionLeader[], string>;

  constructor(private readonly db: Db, loaderOptions?: LoaderOptions) {
    this.influenceByUserId = byIdLoader(async (userIds) => {
      const current = await this.current();
      if (!current) return new Map();
      const rows = await this.db.query(influenceQueries.influenceByUserIds, { userIds, ...current.keys });
      return new Map(rows.flatMap((row) => {
        const rank = toNullableNumber(row.rank);
        if (row.score === null || rank === null) return [];
        return [[row.userId, { score: row.score, rank, percentile: current.count > 0 ? 1 - (rank - 1) / current.count : 0 }]];
      }));
    }, loaderOptions);
    this.kolsByCommunityId = groupedLoader(async (communityIds, { limit }) => {
      const current = await this.current();
      if (!current) return new Map();
      const rows = await this.db.query(influenceQueries.topInCommunities, { ...current.keys, communityIds, limit: int(limit) });
      return groupBy(rows, (row) => row.communityId, toKol);
    }, () => [], loaderOptions);
  }

  /** The published influence run; read once per request so every field agrees. */
  current(): Promise<Published | null> {
    this.published ??= this.db.query(analyticsQueries.currentResults, {}).then(([row]) => toPublished(row));
    return this.published;
  }

  /** Takes the published run from a statement that already read it (a page look-ahead). */
  primeCurrent(row: CurrentResultsRow): void {
    this.published ??= Promise.resolve(toPublished(row));
  }

  async keyOpinionLeaders(scope: KolScope, first: number): Promise<KeyOpinionLeader[]> {
    const current = await this.current();
    if (!current) return [];
    const limit = int(first);
    // One community's KOLs go through a loader, so a page of communities costs one statement.
    if (scope.community && !scope.interest) return this.kolsByCommunityId.load({ id: scope.community, args: { limit: first } });
    const rows = scope.interest
      ? await this.db.query(influenceQueries.topForInterest, { ...current.keys, interestId: scope.interest, communityId: scope.community ?? null, limit, maxAudience: int(MAX_INTEREST_AUDIENCE) })
      : await this.db.query(influenceQueries.topOverall, { ...current.keys, limit });
    return rows.map(toKol);
  }

  /**
   * Without a scope: the run's spread-maximising order (expected reach under independent
   * cascades, ris.ts). Within an interest or community: greedy coverage of the candidates'
   * followers in that audience, computed now.
   */
  async kolSet(k: number, scope: KolScope, maxK: number): Promise<KolSet> {
    if (!Number.isInteger(k) || k < 1 || k > maxK) throw new BadInputError(`k must be between 1 and ${maxK}; got ${k}.`, { argument: 'k', max: maxK });
    if (!scope.interest && !scope.community) {
      const current = await this.current();
      if (!current) return { method: 'EXPECTED_SPREAD', members: [], estimatedReach: 0, topKByScoreReach: 0, probability: null };
      const rows = await this.db.query(influenceQueries.kolSetOrder, { ...current.keys, limit: int(k) });
      const last = rows.at(-1);
      return {
        method: 'EXPECTED_SPREAD',
        members: rows.map((row) => ({ user: toUser(row.user), score: row.score ?? 0, rank: toNullableNumber(row.rank) ?? 0, followers: toSafeNumber(row.followers), topicalReach: null })),
        estimatedReach: Math.round(last?.spread ?? 0),
        topKByScoreReach: Math.round(last?.topKSpread ?? 0),
        probability: last?.probability ?? null,
      };
    }
    const candidates = await this.keyOpinionLeaders(scope, CANDIDATES);
    if (candidates.length === 0) return { method: 'FOLLOWER_COVERAGE', members: [], estimatedReach: 0, topKByScoreReach: 0, probability: null };
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
    };
  }
}

function toPublished(row: CurrentResultsRow | undefined): Published | null {
  if (!row?.influenceJobId || !row.influenceSlot) return null;
  const slot = INFLUENCE_SLOTS[row.influenceSlot as InfluenceSlot];
  if (!slot) return null;
  return {
    jobId: row.influenceJobId,
    count: toNullableNumber(row.influenceCount) ?? 0,
    keys: { scoreKey: slot.score, rankKey: slot.rank, jobKey: slot.job, jobId: row.influenceJobId },
  };
}

export function toKol(row: KolRow): KeyOpinionLeader {
  return {
    user: toUser(row.user),
    score: row.score,
    rank: toSafeNumber(row.rank),
    followers: toSafeNumber(row.followers),
    topicalReach: toNullableNumber(row.topicalReach),
  };
}
