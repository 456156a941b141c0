import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/lib/random.js';
import { interestVector, VECTOR_DIMENSIONS } from '../../src/lookalike/interest-vectors.js';

describe('interestVector', () => {
  const dimensions = new Map(['jazz', 'vinyl', 'running', 'cars'].map((id, i) => [id, i]));

  it('puts weight / √(interest count) on each interest’s dimension and tops every vector up to the same length', () => {
    const vector = interestVector(
      [
        { interestId: 'jazz', weight: 2 },
        { interestId: 'vinyl', weight: 0.5 },
        { interestId: 'unmapped', weight: 9 },
      ],
      dimensions,
      5,
    );
    expect(vector).toHaveLength(VECTOR_DIMENSIONS);
    expect(vector?.[0]).toBeCloseTo(2 / Math.sqrt(3), 12);
    expect(vector?.[1]).toBeCloseTo(0.5 / Math.sqrt(3), 12);
    expect(Math.hypot(...(vector ?? []))).toBeCloseTo(5, 12);
    expect(interestVector([], dimensions, 5)).toBeNull();
    expect(interestVector([{ interestId: 'jazz', weight: 0 }], dimensions, 5)).toBeNull();
  });

  it('ranks users by cosine with [profile, 0] exactly as by the interest score (inner product)', () => {
    const random = createRandom(7);
    const ids = [...dimensions.keys()];
    const users = Array.from({ length: 200 }, () =>
      ids.filter(() => random() < 0.6).map((interestId) => ({ interestId, weight: Math.round(random() * 50) / 10 })),
    ).filter((interests) => interests.some((interest) => interest.weight > 0));
    const score = (interests: { interestId: string; weight: number }[], profile: number[]) =>
      interests.reduce((sum, { interestId, weight }) => sum + (profile[dimensions.get(interestId) ?? 0] ?? 0) * weight, 0) / Math.sqrt(interests.length);
    const maxNorm = Math.max(...users.map((interests) => Math.hypot(...interests.map((i) => i.weight)) / Math.sqrt(interests.length)));
    const profile = [0.5, 0.3, 0.2, 0];
    const query = [...profile, ...new Array<number>(VECTOR_DIMENSIONS - profile.length).fill(0)];
    const cosine = (vector: number[]) => vector.reduce((sum, value, i) => sum + value * (query[i] ?? 0), 0) / (Math.hypot(...vector) * Math.hypot(...query));
    const byScore = users.map((interests, i) => ({ i, s: score(interests, profile) })).sort((a, b) => b.s - a.s || a.i - b.i);
    const byCosine = users
      .map((interests, i) => ({ i, s: cosine(interestVector(interests, dimensions, maxNorm) ?? []) }))
      .sort((a, b) => b.s - a.s || a.i - b.i);
    // Same order wherever scores are not tied to rounding.
    byScore.forEach((entry, rank) => expect(Math.abs(entry.s / (Math.hypot(...profile) * maxNorm) - (byCosine[rank]?.s ?? NaN))).toBeLessThan(1e-9));
  });
});
