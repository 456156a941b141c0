import { describe, expect, it } from 'vitest';
import { interestVector, VECTOR_DIMENSIONS } from '../../src/lookalike/interest-vectors.js';

describe('interestVector', () => {
  it('is a unit vector of the index dimension, the same in every call, and null without weight', () => {
    const interests = [
      { interestId: 'jazz', weight: 2 },
      { interestId: 'vinyl', weight: 0.5 },
    ];
    const vector = interestVector(interests);
    expect(vector).toHaveLength(VECTOR_DIMENSIONS);
    expect(Math.hypot(...(vector ?? []))).toBeCloseTo(1, 12);
    expect(interestVector([...interests].reverse())).toEqual(vector);
    expect(interestVector([])).toBeNull();
    expect(interestVector([{ interestId: 'jazz', weight: 0 }])).toBeNull();
  });

  it('keeps the cosine of interest profiles that hash apart', () => {
    // Two users sharing one of two equally weighted interests: cosine ½ on the exact profiles.
    const a = interestVector([
      { interestId: 'i01', weight: 1 },
      { interestId: 'i02', weight: 1 },
    ]);
    const b = interestVector([
      { interestId: 'i01', weight: 1 },
      { interestId: 'i03', weight: 1 },
    ]);
    const cosine = (a ?? []).reduce((sum, value, i) => sum + value * (b?.[i] ?? 0), 0);
    expect(cosine).toBeCloseTo(0.5, 12);
  });
});
