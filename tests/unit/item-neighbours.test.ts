import { describe, expect, it } from 'vitest';
import { engagementsFrom, itemNeighbours } from '../../src/recommendations/item-neighbours.js';
import { createRandom } from '../../src/lib/random.js';

describe('itemNeighbours', () => {
  it('is the exact cosine over co-engagement, best first, on random baskets', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const random = createRandom(seed);
      const productCount = 5 + Math.floor(random() * 40);
      const productIds = Array.from({ length: productCount }, (_, i) => `p${String(i).padStart(3, '0')}`);
      const baskets = Array.from({ length: 20 + Math.floor(random() * 80) }, () => {
        const basket = new Set<number>();
        const size = Math.floor(random() * 6);
        while (basket.size < size) basket.add(Math.floor(random() * productCount));
        return [...basket];
      });
      const keep = 1 + Math.floor(random() * 5);
      const got = itemNeighbours(engagementsFrom(productIds, baskets), keep);

      const engagers = (p: number) => baskets.filter((basket) => basket.includes(p)).length;
      for (let p = 0; p < productCount; p++) {
        const expected = productIds
          .map((_, q) => ({ q, co: baskets.filter((basket) => basket.includes(p) && basket.includes(q)).length }))
          .filter(({ q, co }) => q !== p && co > 0)
          .map(({ q, co }) => ({ q, similarity: co / Math.sqrt(engagers(p) * engagers(q)) }))
          .sort((a, b) => b.similarity - a.similarity || a.q - b.q)
          .slice(0, keep);
        expect([...(got.ids[p] ?? [])]).toEqual(expected.map((entry) => entry.q));
        [...(got.similarities[p] ?? [])].forEach((similarity, i) => expect(similarity).toBeCloseTo(expected[i]?.similarity ?? NaN, 12));
      }
    }
  });
});
