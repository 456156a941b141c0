import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../src/lib/logistic.js';
import { createRandom } from '../../src/lib/random.js';

/**
 * Rows shaped like the lookalike's stacking rows: per signal a 0/1 "listed" column and a
 * log-ratio column that is 0 when not listed, so most entries are 0. Labels drawn from a known
 * model: z = −2 + 1.5·listed₀ + 0.8·ratio₀ + 0.5·listed₁; the last column is constant.
 */
function sparseRows(n: number, seed: number): { features: Float64Array; labels: Uint8Array; width: number } {
  const random = createRandom(seed, 5);
  const width = 5;
  const features = new Float64Array(n * width);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const row = i * width;
    if (random() < 0.4) {
      features[row] = 1;
      features[row + 1] = Math.log(random() + 1e-3);
    }
    if (random() < 0.3) {
      features[row + 2] = 1;
      features[row + 3] = Math.log(random() + 1e-3);
    }
    const z = -2 + 1.5 * (features[row] as number) + 0.8 * (features[row + 1] as number) + 0.5 * (features[row + 2] as number);
    labels[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { features, labels, width };
}

/** Raw-feature slopes of a model fitted on standardised features. */
const slopes = (model: ReturnType<typeof fitLogistic>) => [...model.coefficients].map((c, j) => (model.scale[j] ? c / (model.scale[j] as number) : 0));

describe('fitLogistic', () => {
  it('recovers the generating model on sparse rows, with a constant column pinned at 0', () => {
    const { features, labels, width } = sparseRows(60_000, 1);
    const fitted = slopes(fitLogistic(features, labels, width, 1));
    // Within sampling error (~0.03 on 60,000 rows) and the light penalty's pull towards 0.
    [1.5, 0.8, 0.5, 0].forEach((truth, j) => expect(Math.abs((fitted[j] as number) - truth)).toBeLessThan(0.12));
    expect(fitted[4]).toBe(0);
  });

  it('reaches the same answer from a warm start fitted on other rows (the out-of-fold fits start from the all-folds one)', () => {
    const first = sparseRows(20_000, 2);
    const second = sparseRows(20_000, 3);
    const start = fitLogistic(first.features, first.labels, first.width, 1);
    const cold = fitLogistic(second.features, second.labels, second.width, 1);
    const warm = fitLogistic(second.features, second.labels, second.width, 1, start);
    expect(warm.intercept).toBeCloseTo(cold.intercept, 6);
    [...cold.coefficients].forEach((coefficient, j) => expect(warm.coefficients[j]).toBeCloseTo(coefficient, 6));
    // And the start was not already the answer: the two row sets give different fits.
    expect(Math.abs(start.intercept - cold.intercept)).toBeGreaterThan(1e-4);
  });
});
