import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';

export interface FeatureRow {
  id: string;
  /** epoch ms, −1 when absent */
  lastEventAt: Integer | bigint;
  lastActiveAt: Integer | bigint;
  createdAt: Integer | bigint;
  recentEvents: Integer;
  previousEvents: Integer;
  recentSpend: number;
  previousSpend: number;
  engagedProducts: Integer;
  lastPurchaseAt: Integer | bigint;
  purchases: Integer;
  spend: number;
  friends: Integer;
  friendsInactive: Integer;
  engagements: Integer;
}

export interface ScoreRow {
  id: string;
  valueTier: string | null;
  rfm: number[] | null;
  churnRisk: number;
  churnReasons: string[];
  churnFeatures: number[];
  engagementCount: Integer;
}

export type TagMap = {
  name: string;
  rule: string;
  description: string | null;
  createdAt: Integer | bigint;
  updatedAt: Integer | bigint;
  computedAt: Integer | bigint | null;
  holders: Integer;
};

export interface UserTagsRow {
  id: string;
  valueTier: string | null;
  rfm: number[] | null;
  churnRisk: number | null;
  churnReasons: string[] | null;
  churnFeatures: number[] | null;
  scoresComputedAt: Integer | bigint | null;
  propensityCategories: string[] | null;
  propensityProbabilities: number[] | null;
  propensityReasons: string[] | null;
  propensityInterestIds: string[] | null;
  propensityInterestProbabilities: number[] | null;
  propensityInterestReasons: string[] | null;
  propensityHorizonDays: Integer | null;
  propensityComputedAt: Integer | bigint | null;
  ruleTags: { name: string; at: Integer | bigint | null }[];
}

export const tagQueries = {
  userFeatures: cypher<
    FeatureRow,
    { ids: string[]; since90: DateTime; since180: DateTime; since365: DateTime; storedFriends: boolean; friendsAt: Integer; friendsInactiveAt: Integer }
  >('tags/user-features'),
  profiledIdsPage: cypher<{ id: string }, { afterId: string; limit: Integer }>('tags/profiled-ids-page'),
  writeScores: cypher<{ written: Integer }, { rows: ScoreRow[]; at: DateTime }>('tags/write-scores'),
  /** Each event as [kind, category, at (epoch ms as text), ...interest ids]. */
  propensityEvents: cypher<{ id: string; events: [string, string, string, ...string[]][] }, { ids: string[]; fromMs: Integer; toMs: Integer }>(
    'tags/propensity-events',
  ),
  writePropensity: cypher<
    { written: Integer },
    {
      rows: {
        id: string;
        categories: string[];
        probabilities: number[];
        reasons: string[];
        interestIds: string[];
        interestProbabilities: number[];
        interestReasons: string[];
      }[];
      at: DateTime;
      horizonDays: Integer;
    }
  >('tags/write-propensity'),
  clearPropensity: cypher<{ cleared: Integer }, Record<string, never>>('tags/clear-propensity'),
  clearUnconsented: cypher<{ cleared: Integer }, Record<string, never>>('tags/clear-unconsented'),
  saveModel: cypher<{ id: string }, { at: DateTime; rfmCuts: number[]; churnStats: number[]; users: Integer; buyers: Integer }>('tags/save-model'),
  currentModel: cypher<{ computedAt: DateTime; rfmCuts: number[]; churnStats: number[] }, Record<string, never>>('tags/current-model'),
  upsertTag: cypher<{ tag: TagMap }, { name: string; rule: string; description: string | null; now: DateTime }>('tags/upsert-tag'),
  definitions: cypher<{ tag: TagMap }, Record<string, never>>('tags/tag-definitions'),
  deleteTag: cypher<{ deleted: Integer }, { name: string }>('tags/delete-tag'),
  applyRuleTag: cypher<{ holders: Integer; lost: Integer }, { ids: string[]; name: string; at: DateTime } & Record<string, unknown>>('tags/apply-rule-tag'),
  markComputed: cypher<{ marked: Integer }, { names: string[]; at: DateTime }>('tags/mark-tag-computed'),
  tagsByUserIds: cypher<UserTagsRow, { ids: string[] }>('tags/tags-by-user-ids'),
  // Durable refresh requests (src/tags/refresh-queue.ts).
  queueRefresh: cypher<
    { queued: Integer },
    { userIds: string[]; now: DateTime; signalUserIds: string[]; signalProductIds: string[]; signalAts: number[]; signalBases: number[] }
  >('tags/queue-refresh'),
  lockRefreshClaims: cypher<{ id: string }, { now: DateTime }>('tags/lock-refresh-claims'),
  takeQueuedSignals: cypher<{ userIds: string[]; productIds: string[]; ats: number[]; bases: number[] }, { claim: string }>('tags/take-queued-signals'),
  claimRefreshRequests: cypher<{ userIds: string[] }, { claim: string; now: DateTime; leaseUntil: DateTime; limit: Integer }>('tags/claim-refresh-requests'),
  finishRefreshRequests: cypher<{ finished: Integer }, { claim: string }>('tags/finish-refresh-requests'),
  pendingRefreshRequests: cypher<{ requests: Integer }, Record<string, never>>('tags/pending-refresh-requests'),
} as const;
