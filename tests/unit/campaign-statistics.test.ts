/**
 * The campaign statistics against published values and against their defining properties
 * (coverage and the anytime-valid guarantee are measured at scale by bench:campaigns).
 */
import { describe, expect, it } from 'vitest';
import {
  chiSquareSurvival,
  cupedDifference,
  cupedTheta,
  type CupedSums,
  differenceVariance,
  mixtureSequentialTest,
  newcombeDifference,
  normalQuantile,
  relativeUplift,
  revenueDifferenceInterval,
  sampleRatioMismatch,
  SRM_P_VALUE,
  wilsonInterval,
} from '../../src/campaigns/statistics.js';
import { armForDraw, assignArm, assignmentDraw } from '../../src/campaigns/assignment.js';
import { createRandom } from '../../src/lib/random.js';

describe('campaign statistics', () => {
  it('normal quantiles and chi-square tails match tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(() => normalQuantile(1)).toThrow(/must be in \(0, 1\)/);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(20.51500565243288, 5)).toBeCloseTo(0.001, 10);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it("Wilson and Newcombe's intervals reproduce Newcombe (1998), Table II", () => {
    // Newcombe's example (a): 56/70 against 48/80; method 10 gives 0.0524 to 0.3339.
    const interval = newcombeDifference({ converted: 56, assigned: 70 }, { converted: 48, assigned: 80 });
    expect(interval.low).toBeCloseTo(0.0524, 4);
    expect(interval.high).toBeCloseTo(0.3339, 4);
    // Example (e): 5/56 against 0/29 (a zero cell, where the Wald interval collapses): −0.0381 to 0.1926.
    const zero = newcombeDifference({ converted: 5, assigned: 56 }, { converted: 0, assigned: 29 });
    expect(zero.low).toBeCloseTo(-0.0381, 4);
    expect(zero.high).toBeCloseTo(0.1926, 4);
    const wilson = wilsonInterval(0, 10, 1.959963984540054);
    expect(wilson.low).toBe(0);
    expect(wilson.high).toBeCloseTo(0.2775, 4);
  });

  it('the relative uplift holds its point estimate and has no ratio without control conversions', () => {
    const treatment = { converted: 120, assigned: 1000 };
    const control = { converted: 100, assigned: 1000 };
    const relative = relativeUplift(treatment, control);
    expect(relative).not.toBeNull();
    expect(relative!.low).toBeLessThan(0.2);
    expect(relative!.high).toBeGreaterThan(0.2);
    expect(relativeUplift(treatment, { converted: 0, assigned: 1000 })).toBeNull();
  });

  it('the mixture sequential test is wider than the fixed-horizon interval and rejects clear effects', () => {
    const treatment = { converted: 1300, assigned: 10_000 };
    const control = { converted: 1000, assigned: 10_000 };
    const variance = differenceVariance(treatment, control);
    const sequential = mixtureSequentialTest(0.03, variance, 0.01 ** 2);
    const fixedHalf = 1.959963984540054 * Math.sqrt(variance);
    expect(sequential.interval.high - 0.03).toBeGreaterThan(fixedHalf);
    expect(sequential.pValue).toBeLessThan(0.001);
    const none = mixtureSequentialTest(0, variance, 0.01 ** 2);
    expect(none.pValue).toBe(1);
    expect(none.interval.low).toBeLessThan(0);
    expect(none.interval.high).toBeGreaterThan(0);
  });

  it('flags a sample-ratio mismatch and passes a fair split', () => {
    expect(sampleRatioMismatch([5000, 5000], [0.5, 0.5]).pValue).toBe(1);
    expect(sampleRatioMismatch([1000, 9000], [0.1, 0.9]).pValue).toBe(1);
    expect(sampleRatioMismatch([850, 9150], [0.1, 0.9]).pValue).toBeLessThan(SRM_P_VALUE);
    expect(sampleRatioMismatch([1010, 8990], [0.1, 0.9]).pValue).toBeGreaterThan(0.5);
  });

  it('the revenue interval is seeded, contains its difference and widens with fewer buyers', () => {
    const buyers = (count: number, scale: number) => Array.from({ length: count }, (_, i) => scale * (1 + ((i * 7919) % 97)));
    const large = revenueDifferenceInterval({ assigned: 10_000, amounts: buyers(800, 1.2) }, { assigned: 10_000, amounts: buyers(800, 1) });
    expect(large.interval.low).toBeLessThan(large.difference);
    expect(large.interval.high).toBeGreaterThan(large.difference);
    expect(revenueDifferenceInterval({ assigned: 10_000, amounts: buyers(800, 1.2) }, { assigned: 10_000, amounts: buyers(800, 1) })).toEqual(large);
    const small = revenueDifferenceInterval({ assigned: 1_000, amounts: buyers(80, 1.2) }, { assigned: 1_000, amounts: buyers(80, 1) });
    expect(small.interval.high - small.interval.low).toBeGreaterThan(2 * (large.interval.high - large.interval.low));
  });
});

describe('arm assignment', () => {
  const arms = [
    { name: 'control', share: 0.1 },
    { name: 'A', share: 0.45 },
    { name: 'B', share: 0.45 },
  ];

  it('is a pure function of campaign and user, and follows the shares', () => {
    expect(assignArm('c1', 'u1', arms)).toBe(assignArm('c1', 'u1', arms));
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i += 1) {
      const arm = assignArm('c1', `u${i}`, arms);
      counts.set(arm, (counts.get(arm) ?? 0) + 1);
    }
    expect(sampleRatioMismatch([counts.get('control') ?? 0, counts.get('A') ?? 0, counts.get('B') ?? 0], [0.1, 0.45, 0.45]).pValue).toBeGreaterThan(0.001);
    // Another campaign reshuffles the same users.
    const moved = Array.from({ length: 1000 }, (_, i) => assignArm('c1', `u${i}`, arms) !== assignArm('c2', `u${i}`, arms)).filter(Boolean).length;
    expect(moved).toBeGreaterThan(400);
  });

  it('draws lie in [0, 1) and the last arm takes the top', () => {
    const draw = assignmentDraw('c1', 'u1');
    expect(draw).toBeGreaterThanOrEqual(0);
    expect(draw).toBeLessThan(1);
    expect(armForDraw(arms, 0)).toBe('control');
    expect(armForDraw(arms, 0.0999)).toBe('control');
    expect(armForDraw(arms, 0.1)).toBe('A');
    expect(
      armForDraw(
        [
          { name: 'x', share: 0.3 },
          { name: 'y', share: 0.7 - 1e-12 },
        ],
        0.9999999999999,
      ),
    ).toBe('y');
  });
});

describe('CUPED', () => {
  /** Two arms of n members; X ~ Bernoulli(0.3) before, Y ~ Bernoulli(base + lift·X + effect·treated) after. */
  const simulate = (random: () => number, n: number, effect: number, lift: number) => {
    const arm = (treated: boolean): CupedSums => {
      const sums = { assigned: n, before: 0, converted: 0, beforeAndConverted: 0 };
      for (let i = 0; i < n; i += 1) {
        const x = random() < 0.3 ? 1 : 0;
        const y = random() < 0.05 + lift * x + (treated ? effect : 0) ? 1 : 0;
        sums.before += x;
        sums.converted += y;
        sums.beforeAndConverted += x * y;
      }
      return sums;
    };
    return { treatment: arm(true), control: arm(false) };
  };

  it('keeps the effect, narrows the interval where the pre-period predicts, and covers the truth at its level', () => {
    const random = createRandom(11, 3);
    let covered = 0;
    let reductions = 0;
    const runs = 300;
    for (let run = 0; run < runs; run += 1) {
      const { treatment, control } = simulate(random, 4_000, 0.02, 0.25);
      const theta = cupedTheta([treatment, control]);
      const meanX = (treatment.before + control.before) / (treatment.assigned + control.assigned);
      const cuped = cupedDifference(treatment, control, theta, meanX);
      if (!cuped) throw new Error('expected a CUPED estimate');
      if (cuped.interval.low <= 0.02 && 0.02 <= cuped.interval.high) covered += 1;
      reductions += cuped.varianceReduction;
    }
    // Var(Y) explained by X here: ρ² = (0.25 · 0.21)² / (0.21 · 0.109) ≈ 0.12 (p(X) = 0.3, lift 0.25).
    expect(reductions / runs).toBeGreaterThan(0.09);
    expect(reductions / runs).toBeLessThan(0.15);
    expect(covered / runs).toBeGreaterThan(0.92);
    expect(covered / runs).toBeLessThan(0.98);
  });

  it('changes nothing when the covariate does not vary or does not predict', () => {
    expect(cupedTheta([{ assigned: 100, before: 0, converted: 10, beforeAndConverted: 0 }])).toBe(0);
    const random = createRandom(5, 1);
    const { treatment, control } = simulate(random, 20_000, 0.01, 0);
    const theta = cupedTheta([treatment, control]);
    expect(Math.abs(theta)).toBeLessThan(0.02);
    const plain = treatment.converted / treatment.assigned - control.converted / control.assigned;
    const cuped = cupedDifference(treatment, control, 0, 0.3);
    expect(cuped?.difference).toBeCloseTo(plain, 12);
    expect(cuped?.varianceReduction).toBeCloseTo(0, 12);
  });
});
