import { describe, expect, it } from 'vitest';
import { CHURN_MODEL, factorStats, churnFactorValues, scoreChurn, type ChurnFeatures } from '../../src/tags/churn-model.js';
import { rfmCuts, scoreRfm } from '../../src/tags/value-tiers.js';

describe('value tiers (RFM)', () => {
  // Buyers 1..10: buyer i bought i times for 10·i, last time 10·(11 − i) days ago.
  const buyers = Array.from({ length: 10 }, (_, k) => ({ recencyDays: 10 * (10 - k), frequency: k + 1, monetary: 10 * (k + 1) }));
  const cuts = rfmCuts(buyers);

  it('scores each part by quintile, best = 5', () => {
    expect(scoreRfm(buyers[9]!, cuts)).toEqual({ tier: 'HIGH_VALUE', recency: 5, frequency: 5, monetary: 5 });
    expect(scoreRfm(buyers[0]!, cuts)).toEqual({ tier: 'HIBERNATING', recency: 1, frequency: 1, monetary: 1 });
  });

  it('calls a good customer gone quiet AT_RISK and a fresh one PROMISING', () => {
    expect(scoreRfm({ recencyDays: 200, frequency: 10, monetary: 100 }, cuts).tier).toBe('AT_RISK');
    expect(scoreRfm({ recencyDays: 1, frequency: 1, monetary: 10 }, cuts).tier).toBe('PROMISING');
  });
});

describe('churn risk', () => {
  const base: ChurnFeatures = {
    recencyDays: 5,
    recentEvents: 10,
    previousEvents: 10,
    recentSpend: 0,
    previousSpend: 0,
    engagedProducts: 5,
    friends: 2,
    friendsInactive: 0,
  };
  const population = [
    base,
    { ...base, recencyDays: 100, recentEvents: 0, engagedProducts: 0, friendsInactive: 2 },
    { ...base, recencyDays: 30, recentEvents: 3 },
  ];
  const stats = factorStats(population.map(churnFactorValues));

  it('rises with recency and names the strongest reasons first', () => {
    const quiet = scoreChurn(population[1]!, stats);
    const active = scoreChurn(base, stats);
    expect(quiet.risk).toBeGreaterThan(active.risk);
    expect(quiet.reasons[0]).toBe('RECENCY');
    expect(quiet.reasons.length).toBeLessThanOrEqual(3);
    expect(active.reasons).not.toContain('RECENCY');
  });

  it('ignores a factor with no spread and never lists a zero-weight factor', () => {
    expect(stats.SPEND_DROP.std).toBe(0);
    const score = scoreChurn(population[1]!, stats);
    expect(score.reasons).not.toContain('SPEND_DROP');
    expect(CHURN_MODEL.weights.ACTIVITY_DROP).toBe(0);
    expect(score.reasons).not.toContain('ACTIVITY_DROP');
  });
});
