/**
 * Churn risk: a logistic model over six activity features, each standardised against the
 * scored population, so the same weights serve a shop (purchases, views) and a music site
 * (tagging) whose activity levels differ by orders of magnitude.
 *
 * The weights were fitted on Last.fm HetRec 2011 tagging activity before a cut-off and
 * evaluated on later cut-offs (`npm run bench:churn`, docs/ALGORITHMS.md#churn-risk); the
 * bench refits them and prints both, so a drift shows. Each score carries its reasons: the
 * features that pushed it up most (weight × standardised value), readable as sentences.
 */
import type { Locale } from '../graphql/locale.js';

/** What a user's recent behaviour looks like at the moment of scoring (`now`). */
export interface ChurnFeatures {
  /** Days since the last event (or since joining, if none). */
  recencyDays: number;
  /** Events in the last 90 days. */
  recentEvents: number;
  /** Events in the 90 days before those. */
  previousEvents: number;
  /** Spend in the last 90 days and the 90 before (0 where nothing is bought). */
  recentSpend: number;
  previousSpend: number;
  /** Distinct products engaged with in the last 180 days. */
  engagedProducts: number;
  /** Friends (users followed or following), and how many of them have gone quiet (no event for 90 days). */
  friends: number;
  friendsInactive: number;
}

export const CHURN_FACTORS = ['RECENCY', 'LOW_ACTIVITY', 'ACTIVITY_DROP', 'SPEND_DROP', 'NARROW_ENGAGEMENT', 'FRIENDS_CHURNED'] as const;
export type ChurnFactor = (typeof CHURN_FACTORS)[number];

/**
 * Each factor as a number that grows with risk. Logs tame heavy tails; a trend is the log
 * ratio of the recent to the previous window (+1 smoothing), negated so a drop is positive.
 * Without friends the social factor is the neutral 0 share.
 */
export function churnFactorValues(features: ChurnFeatures): Record<ChurnFactor, number> {
  return {
    RECENCY: Math.log1p(Math.max(0, features.recencyDays)),
    LOW_ACTIVITY: -Math.log1p(features.recentEvents),
    ACTIVITY_DROP: Math.log1p(features.previousEvents) - Math.log1p(features.recentEvents),
    SPEND_DROP: Math.log1p(features.previousSpend) - Math.log1p(features.recentSpend),
    NARROW_ENGAGEMENT: -Math.log1p(features.engagedProducts),
    FRIENDS_CHURNED: features.friends > 0 ? features.friendsInactive / features.friends : 0,
  };
}

/** Mean and standard deviation of each factor over the scored population. */
export type FactorStats = Record<ChurnFactor, { mean: number; std: number }>;

export interface ChurnModel {
  intercept: number;
  weights: Record<ChurnFactor, number>;
}

/**
 * Fitted by `npm run bench:churn` on Last.fm (cut-off 2009-07-01, users active in the year
 * before, churned = no activity in the 180 days after; standardised factors, weights held
 * ≥ 0, L2 0.01). There the activity trend added nothing once recency, recent activity and
 * breadth were known, so ACTIVITY_DROP has weight 0. Last.fm has no spend: SPEND_DROP's 0.1
 * is a prior, not a fit, so that a shop's falling spend still counts a little.
 */
export const CHURN_MODEL: ChurnModel = {
  intercept: 0.17,
  weights: {
    RECENCY: 0.75,
    LOW_ACTIVITY: 0.12,
    ACTIVITY_DROP: 0,
    SPEND_DROP: 0.1,
    NARROW_ENGAGEMENT: 0.44,
    FRIENDS_CHURNED: 0.11,
  },
};

export function factorStats(rows: readonly Record<ChurnFactor, number>[]): FactorStats {
  const stats = {} as FactorStats;
  for (const factor of CHURN_FACTORS) {
    const values = rows.map((row) => row[factor]);
    const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length);
    stats[factor] = { mean, std: Math.sqrt(variance) };
  }
  return stats;
}

/** A factor's standardised value; a factor that does not vary in the population says nothing (0). */
export function standardise(value: number, stats: { mean: number; std: number }): number {
  return stats.std > 1e-9 ? (value - stats.mean) / stats.std : 0;
}

export interface ChurnScore {
  risk: number;
  /** Factors that raised the risk, strongest first (at most three, each adding > 0). */
  reasons: ChurnFactor[];
}

export function scoreChurn(features: ChurnFeatures, stats: FactorStats, model: ChurnModel = CHURN_MODEL): ChurnScore {
  const values = churnFactorValues(features);
  let logit = model.intercept;
  const contributions: [ChurnFactor, number][] = [];
  for (const factor of CHURN_FACTORS) {
    const contribution = model.weights[factor] * standardise(values[factor], stats[factor]);
    logit += contribution;
    contributions.push([factor, contribution]);
  }
  const reasons = contributions
    .filter(([, contribution]) => contribution > 0.05)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([factor]) => factor);
  return { risk: 1 / (1 + Math.exp(-logit)), reasons };
}

/** A reason as a marketer reads it, with the user's own figures, in the caller's language. */
export function describeChurnFactor(factor: ChurnFactor, features: ChurnFeatures, locale: Locale = 'en'): string {
  if (locale === 'zh-CN') {
    switch (factor) {
      case 'RECENCY':
        return `已 ${Math.round(features.recencyDays)} 天没有行为`;
      case 'LOW_ACTIVITY':
        return `近 90 天只有 ${features.recentEvents} 次行为`;
      case 'ACTIVITY_DROP':
        return `行为次数从 ${features.previousEvents} 降到 ${features.recentEvents}（近 90 天对比此前 90 天）`;
      case 'SPEND_DROP':
        return `消费从 ${features.previousSpend.toFixed(2)} 降到 ${features.recentSpend.toFixed(2)}（近 90 天对比此前 90 天）`;
      case 'NARROW_ENGAGEMENT':
        return `近 180 天只互动过 ${features.engagedProducts} 件商品`;
      case 'FRIENDS_CHURNED':
        return `${features.friends} 位好友中有 ${features.friendsInactive} 位已 90 天以上不活跃`;
    }
  }
  switch (factor) {
    case 'RECENCY':
      return `no activity for ${Math.round(features.recencyDays)} days`;
    case 'LOW_ACTIVITY':
      return `${features.recentEvents} events in the last 90 days`;
    case 'ACTIVITY_DROP':
      return `activity down from ${features.previousEvents} to ${features.recentEvents} events (90 days vs the 90 before)`;
    case 'SPEND_DROP':
      return `spend down from ${features.previousSpend.toFixed(2)} to ${features.recentSpend.toFixed(2)} (90 days vs the 90 before)`;
    case 'NARROW_ENGAGEMENT':
      return `engaged with ${features.engagedProducts} products in the last 180 days`;
    case 'FRIENDS_CHURNED':
      return `${features.friendsInactive} of ${features.friends} friends inactive for 90+ days`;
  }
}
