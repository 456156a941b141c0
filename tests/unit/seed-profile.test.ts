import { describe, expect, it } from 'vitest';
import { chunks } from '../../src/lib/chunks.js';
import { addFoldValue, seedVariants, topItemsPerVariant, variantSum } from '../../src/lookalike/seed-profile.js';

describe('seed profile per variant', () => {
  it('makes one variant per held-back fold and one for the whole seed', () => {
    expect(seedVariants([3, 4, 5], true)).toEqual([
      { heldBackFold: 0, size: 9 },
      { heldBackFold: 1, size: 8 },
      { heldBackFold: 2, size: 7 },
      { heldBackFold: null, size: 12 },
    ]);
    expect(seedVariants([12], false)).toEqual([{ heldBackFold: null, size: 12 }]);
  });

  it('sums an item over every fold but the held-back one', () => {
    const [fold0, , , whole] = seedVariants([1, 1, 1], true);
    expect(variantSum([1, 2, 4], fold0!)).toBe(6);
    expect(variantSum([1, 2, 4], whole!)).toBe(7);
  });

  it('adds chunks up per item and fold', () => {
    const items = new Map<string, { sums: number[] }>();
    addFoldValue(items, 'a', 1, 2, () => ({ sums: [0, 0] }));
    addFoldValue(items, 'a', 1, 3, () => ({ sums: [0, 0] }));
    addFoldValue(items, 'a', 0, 1, () => ({ sums: [0, 0] }));
    expect(items.get('a')?.sums).toEqual([1, 5]);
  });

  it('keeps each variant’s strongest items, with a weight per variant, ties by id', () => {
    const variants = seedVariants([1, 1], true);
    const items = new Map([
      ['b', { sums: [1, 0] }],
      ['a', { sums: [1, 0] }],
      ['c', { sums: [0, 3] }],
    ]);
    const profile = topItemsPerVariant(items, variants, (item, variant) => variantSum(item.sums, variant), { items: 1 });
    // Variant 0 (fold 0 held back) sees only c; variant 1 sees a and b tied (a wins by id); whole: c.
    expect(profile).toEqual([
      { id: 'c', weights: [3, 0, 3] },
      { id: 'a', weights: [0, 1, 0] },
    ]);
  });

  it('stops adding items once their fan-out reaches the budget, but always takes the strongest', () => {
    const variants = seedVariants([4], false);
    const items = new Map([
      ['hub', { sums: [4], reach: 90 }],
      ['mid', { sums: [3], reach: 20 }],
      ['niche', { sums: [2], reach: 5 }],
    ]);
    const budget = (max: number) => ({ items: 10, fanOut: (item: { reach: number }) => item.reach, maxFanOut: () => max });
    const ids = (max: number) => topItemsPerVariant(items, variants, (item, v) => variantSum(item.sums, v), budget(max)).map((item) => item.id);
    expect(ids(50)).toEqual(['hub']);
    expect(ids(100)).toEqual(['hub', 'mid']);
    expect(ids(1_000)).toEqual(['hub', 'mid', 'niche']);
  });

  it('drops items with no positive weight and cuts lists into chunks', () => {
    const variants = seedVariants([1], false);
    const items = new Map([['zero', { sums: [0] }]]);
    expect(topItemsPerVariant(items, variants, (item, v) => variantSum(item.sums, v), { items: 5 })).toEqual([]);
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });
});
