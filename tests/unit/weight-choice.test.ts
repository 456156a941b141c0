import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/lib/random.js';
import { averagePrecision, blend, FoldScorer, precisionAt, SIGNALS, type SignalScores } from '../../src/lookalike/index.js';

const GRID = [0, 0.5, 1, 2];

/** Random signal lists over a small id space, with repeated raw scores so blends tie often. */
function randomFold(seed: number): { training: SignalScores; heldBack: Set<string> } {
  const random = createRandom(seed, 5);
  const ids = Array.from({ length: 300 }, (_, i) => `u${i}`);
  const training = Object.fromEntries(
    SIGNALS.map((signal) => {
      const hits = ids.filter(() => random() < 0.5).map((userId) => ({ userId, score: Math.floor(random() * 5), labels: [] as string[], count: 1 }));
      return [signal, new Map(hits.map((hit) => [hit.userId, hit]))];
    }),
  ) as SignalScores;
  // Some held-back members are in no signal at all: they count in |held-back| but are never found.
  const heldBack = new Set([...ids, 'absent1', 'absent2'].filter(() => random() < 0.15));
  return { training, heldBack };
}

describe('FoldScorer', () => {
  it('scores every grid point exactly as blending and ranking would', () => {
    for (const seed of [1, 2, 3]) {
      const { training, heldBack } = randomFold(seed);
      const scorer = new FoldScorer(training, heldBack);
      let checked = 0;
      for (const a of GRID)
        for (const b of GRID)
          for (const c of GRID)
            for (const d of GRID) {
              const weights = { INTERESTS: a, CO_ENGAGEMENT: b, SOCIAL: c, COMMUNITY: d };
              if (a + b + c + d === 0) continue;
              const ranking = blend(training, weights);
              const fast = scorer.score(weights);
              expect(fast.precision).toBe(precisionAt(ranking, heldBack));
              expect(fast.averagePrecision).toBeCloseTo(averagePrecision(ranking, heldBack), 12);
              checked += 1;
            }
      expect(checked).toBe(255);
    }
  });

  it('scores an empty held-back part as 0', () => {
    const { training } = randomFold(4);
    expect(new FoldScorer(training, new Set()).score({ INTERESTS: 1, CO_ENGAGEMENT: 1, SOCIAL: 0, COMMUNITY: 0 })).toEqual({
      precision: 0,
      averagePrecision: 0,
    });
  });
});
