import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/lib/random.js';
import { averagePrecision, SIGNALS, type SignalScores } from '../../src/lookalike/index.js';
import { fitLogistic } from '../../src/lib/logistic.js';
import { fitStackedFusion, rankStacked, type StackingFold } from '../../src/lookalike/stacking.js';

/** A standard normal draw (Box–Muller) from a seeded source. */
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

describe('fitLogistic', () => {
  it('recovers the coefficients that generated the labels, and leaves a constant column at 0', () => {
    const random = createRandom(3, 1);
    const n = 20_000;
    const width = 3;
    const features = new Float64Array(n * width);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) {
      const a = normal(random);
      const b = normal(random);
      features.set([a, b, 5], i * width);
      labels[i] = random() < 1 / (1 + Math.exp(-(-1 + 2 * a - 0.5 * b))) ? 1 : 0;
    }
    const model = fitLogistic(features, labels, width, 0);
    // Features are standardised inside: scale back to the raw coefficients.
    expect((model.coefficients[0] as number) / (model.scale[0] as number)).toBeCloseTo(2, 0);
    expect((model.coefficients[1] as number) / (model.scale[1] as number)).toBeCloseTo(-0.5, 0);
    expect(model.coefficients[2]).toBe(0);
    expect(model.intercept - (model.coefficients[0] as number) * ((model.mean[0] as number) / (model.scale[0] as number))).toBeCloseTo(-1, 0);
  });
});

/**
 * A population where membership shows in two signals at once, each noisily: members score higher
 * than others in INTERESTS and in SOCIAL, independently; CO_ENGAGEMENT and COMMUNITY are noise.
 */
function population(seed: number, members: Set<string>, ids: string[]): SignalScores {
  const random = createRandom(seed, 7);
  const list = (informative: boolean) =>
    new Map(
      ids.map((userId) => {
        const score = Math.exp((informative && members.has(userId) ? 1.2 : 0) + normal(random));
        return [userId, { userId, score, labels: [], count: 1 }];
      }),
    );
  return { INTERESTS: list(true), CO_ENGAGEMENT: list(false), SOCIAL: list(true), COMMUNITY: list(false) };
}

describe('stacked fusion', () => {
  const ids = Array.from({ length: 2_000 }, (_, i) => `u${String(i).padStart(4, '0')}`);
  const members = new Set(ids.filter((_, i) => i % 20 === 0));
  const memberList = [...members];
  const folds: StackingFold[] = [0, 1, 2].map((fold) => ({
    training: population(fold + 1, members, ids),
    heldBack: new Set(memberList.filter((_, i) => i % 3 === fold)),
  }));

  it('combines two informative signals better than either alone, out of fold', () => {
    const fusion = fitStackedFusion(folds, 2_000);
    expect(fusion).not.toBeNull();
    const whole = population(9, members, ids);
    const single = (signal: (typeof SIGNALS)[number]) =>
      averagePrecision(
        [...whole[signal].values()].sort((a, b) => b.score - a.score).map((hit) => ({ userId: hit.userId, score: hit.score, reasons: [] })),
        members,
      );
    const stacked = averagePrecision(rankStacked(fusion!, whole), members);
    expect(stacked).toBeGreaterThan(Math.max(single('INTERESTS'), single('SOCIAL')) * 1.1);
    // The noise signals weigh (almost) nothing: the informative ones carry the model.
    const columns = fusion!.model.coefficients;
    const weightOf = (signal: (typeof SIGNALS)[number]) => Math.abs(columns[SIGNALS.indexOf(signal) * 2 + 1] as number);
    expect(weightOf('INTERESTS')).toBeGreaterThan(5 * weightOf('CO_ENGAGEMENT'));
    expect(weightOf('SOCIAL')).toBeGreaterThan(5 * weightOf('COMMUNITY'));
  });

  it('ranks the same whatever order the lists come in, and gives reasons from the signals that raise a member', () => {
    const fusion = fitStackedFusion(folds, 2_000)!;
    const whole = population(9, members, ids);
    const reversed = Object.fromEntries(SIGNALS.map((signal) => [signal, new Map([...whole[signal]].reverse())])) as SignalScores;
    const ranked = rankStacked(fusion, whole);
    expect(rankStacked(fusion, reversed).map((m) => m.userId)).toEqual(ranked.map((m) => m.userId));
    const top = ranked[0]!;
    expect(top.score).toBeGreaterThan(0);
    expect(top.score).toBeLessThan(1);
    expect(top.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['INTERESTS', 'SOCIAL']));
  });

  it('needs two folds with held-back members among the candidates', () => {
    expect(fitStackedFusion(folds.slice(0, 1), 2_000)).toBeNull();
    expect(
      fitStackedFusion(
        folds.map((fold) => ({ ...fold, heldBack: new Set(['nobody']) })),
        2_000,
      ),
    ).toBeNull();
  });
});
