import { describe, expect, it } from 'vitest';
import { averagePrecision, blend, chooseWeightsAcrossFolds, precisionAt, seedFolds, SIGNALS, type SignalScores } from '../../src/lookalike/index.js';
import { createRandom } from '../../src/lib/random.js';
import { explainHit } from '../../src/lookalike/scoring.js';

const hits = (entries: [string, number][], labels: string[] = []) =>
  new Map(entries.map(([userId, score]) => [userId, { userId, score, labels, count: labels.length }]));
const empty = (): SignalScores => Object.fromEntries(SIGNALS.map((s) => [s, new Map()])) as SignalScores;

describe('lookalike scoring', () => {
  it('fuses signals by rank, so a signal with huge raw scores does not drown the others', () => {
    const scores = {
      ...empty(),
      INTERESTS: hits(
        [
          ['a', 1000],
          ['b', 999],
        ],
        ['Jazz'],
      ),
      SOCIAL: hits([
        ['b', 0.2],
        ['c', 0.1],
      ]),
    };
    const ranked = blend(scores, { INTERESTS: 1, CO_ENGAGEMENT: 0, SOCIAL: 1, COMMUNITY: 0 });
    expect(ranked.map((r) => r.userId)).toEqual(['b', 'a', 'c']);
    expect(ranked[0]?.reasons.map((r) => r.kind)).toEqual(['SOCIAL', 'INTERESTS']);
    const reason = ranked[1]!.reasons[0]!;
    expect(explainHit(reason.kind, reason.evidence)).toBe('shares interests Jazz');
    expect(explainHit(reason.kind, reason.evidence, 'zh-CN')).toBe('共同兴趣：Jazz');
    expect(explainHit('SOCIAL', { score: 0.2, labels: [], count: 1 })).toBe('connected to 1 seed member');
    expect(explainHit('CO_ENGAGEMENT', { score: 1, labels: ['a', 'b'], count: 2 }, 'zh-CN')).toBe('与种子人群互动过 2 件相同商品（a、b）');
  });

  it('measures held-back members in the top |held-back| and by average precision', () => {
    const ranking = ['x', 'a', 'y', 'b'].map((userId) => ({ userId, score: 0, reasons: [] }));
    expect(precisionAt(ranking, new Set(['a', 'b']))).toBe(0.5);
    expect(averagePrecision(ranking, new Set(['a', 'b']))).toBeCloseTo((1 / 2 + 2 / 4) / 2, 12);
  });

  it('chooses the signal that finds the held-back members, and never a weak one', () => {
    const training = {
      ...empty(),
      CO_ENGAGEMENT: hits([
        ['h1', 3],
        ['h2', 2],
        ['n1', 1],
      ]),
      INTERESTS: hits([
        ['n2', 3],
        ['n3', 2],
        ['h1', 1],
      ]),
    };
    const choice = chooseWeightsAcrossFolds([{ training, heldBack: new Set(['h1', 'h2']) }]);
    expect(choice.weights.CO_ENGAGEMENT).toBeGreaterThan(0);
    expect(choice.weights.INTERESTS).toBe(0);
    expect(choice.single.CO_ENGAGEMENT).toBe(1);
  });

  it('splits a seed into disjoint folds deterministically', () => {
    const seed = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const folds = seedFolds(seed, 3, createRandom(1));
    expect(folds.flatMap((f) => f.heldBack).sort()).toEqual([...seed].sort());
    for (const fold of folds) expect(fold.training.length + fold.heldBack.length).toBe(10);
    expect(seedFolds(seed, 3, createRandom(1))).toEqual(folds);
  });
});
