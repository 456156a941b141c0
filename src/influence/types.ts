import { toNullableNumber, toSafeNumber } from '../db/values.js';
import { toListedUser, type User } from '../profiles/index.js';
import type { InterestKolKeys, KolRow } from './queries.js';

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
  reachByProbability: KolReach[];
}

export interface KolReach {
  probability: number;
  estimatedReach: number;
  bestReach: number;
  ratioToBest: number;
  topKByScoreReach: number;
}

export interface KolScope {
  interest?: string | null;
  community?: string | null;
}

export interface PublishedInfluence {
  jobId: string;
  count: number;
  keys: { scoreKey: string; rankKey: string; jobKey: string; jobId: string };
  /** Where the run's KOLs per interest are (INFLUENCE job, interest-kols.ts). */
  interestKeys: InterestKolKeys;
}

export function toKol(row: KolRow): KeyOpinionLeader {
  return {
    user: toListedUser(row.user),
    score: row.score,
    rank: toSafeNumber(row.rank),
    followers: toSafeNumber(row.followers),
    topicalReach: toNullableNumber(row.topicalReach),
  };
}
