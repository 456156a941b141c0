import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { ListedUserMap, UserMap } from '../profiles/index.js';

/**
 * Two property slots per user; each run writes the idle one and tags it with its job id, so a
 * reader checks `u[job] = current job` and never mixes runs. Keys come only from this map.
 */
export const INFLUENCE_SLOTS = {
  A: {
    score: 'influenceScoreA',
    rank: 'influenceRankA',
    job: 'influenceJobA',
    interestKols: { ids: 'kolIdsA', scores: 'kolScoresA', reach: 'kolReachA', job: 'kolJobA' },
  },
  B: {
    score: 'influenceScoreB',
    rank: 'influenceRankB',
    job: 'influenceJobB',
    interestKols: { ids: 'kolIdsB', scores: 'kolScoresB', reach: 'kolReachB', job: 'kolJobB' },
  },
} as const;
export type InfluenceSlot = keyof typeof INFLUENCE_SLOTS;

type SlotParams = { scoreKey: string; rankKey: string; jobKey: string; jobId: string };
/** The keys of a slot's KOLs per interest (on the Interest nodes). */
export type InterestKolKeys = { idsKey: string; scoresKey: string; reachKey: string; kolJobKey: string };
export type InfluenceRow = { userId: string; score: number | null; rank: Integer | null };
export type KolRow = { user: ListedUserMap; score: number; rank: Integer; followers: Integer; topicalReach: Integer | null };

export const influenceQueries = {
  currentSlot: cypher<{ slot: string | null }, Record<string, never>>('influence/current-slot'),
  writeBatch: cypher<{ written: Integer }, { rows: { id: string; props: Record<string, unknown> }[] }>('influence/write-influence-batch'),
  publish: cypher<
    { jobId: string },
    {
      jobId: string;
      slot: string;
      count: Integer;
      topUserIds: string[];
      kolSetOrder: string[];
      kolSetSpread: number[];
      topKSpread: number[];
      kolProbabilities: number[];
      kolStride: Integer;
    }
  >('analytics/publish-influence'),
  kolSetOrder: cypher<
    {
      user: UserMap;
      score: number | null;
      rank: Integer | null;
      followers: Integer;
      reach: { probability: number; reach: number | null; best: number | null; topK: number | null }[];
    },
    SlotParams & { limit: Integer; block: Integer }
  >('influence/kol-set-order'),
  gdsPageRank: cypher<{ id: string; score: number }, { graphName: string }>('influence/gds/pagerank-stream'),
  influenceByUserIds: cypher<InfluenceRow, SlotParams & { userIds: string[] }>('influence/influence-by-user-ids'),
  topOverall: cypher<KolRow, SlotParams & { limit: Integer }>('influence/top-overall'),
  topInCommunities: cypher<KolRow & { communityId: string }, SlotParams & { communityIds: string[]; limit: Integer; cards: boolean }>(
    'influence/top-in-communities',
  ),
  topForInterest: cypher<KolRow, SlotParams & { interestId: string; communityId: string | null; limit: Integer; maxAudience: Integer }>(
    'influence/top-for-interest',
  ),
  interestIds: cypher<{ ids: string[] }, Record<string, never>>('influence/interest-ids'),
  interestAudience: cypher<{ holders: string[] }, { interestId: string }>('influence/interest-audience'),
  writeInterestKols: cypher<
    { written: Integer },
    {
      rows: { interestId: string; userIds: string[]; scores: number[]; reach: Integer[] }[];
      idsKey: string;
      scoresKey: string;
      reachKey: string;
      jobKey: string;
      jobId: string;
    }
  >('influence/write-interest-kols'),
  topForInterestKept: cypher<KolRow, SlotParams & InterestKolKeys & { interestId: string; limit: Integer }>('influence/top-for-interest-kept'),
  followersOf: cypher<
    { userId: string; followers: string[] },
    { userIds: string[]; interestId: string | null; communityId: string | null; maxFollowers: Integer }
  >('influence/followers-of'),
} as const;
