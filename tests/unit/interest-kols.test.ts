import { describe, expect, it } from 'vitest';
import { projectionFrom } from '../../src/analytics/index.js';
import { followerCounts, kolsForAudience } from '../../src/influence/interest-kols.js';
import { createRandom } from '../../src/lib/random.js';

describe('kolsForAudience', () => {
  it('agrees with a direct count on random graphs, and leaves its scratch space zeroed', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = createRandom(seed);
      const n = 30 + Math.floor(random() * 60);
      const ids = Array.from({ length: n }, (_, i) => `u${String(i).padStart(3, '0')}`);
      const edges: [string, string][] = [];
      for (let e = 0; e < n * 4; e++) {
        const a = Math.floor(random() * n);
        const b = Math.floor(random() * n);
        if (a !== b) edges.push([ids[a] ?? '', ids[b] ?? '']);
      }
      const projection = projectionFrom(ids, edges);
      const influence = Float64Array.from(ids, () => random());
      const audience = Uint8Array.from(ids, () => (random() < 0.3 ? 1 : 0));
      const reach = new Uint32Array(n);
      const keep = 1 + Math.floor(random() * 8); // small, so the buffer is cut back several times
      const got = kolsForAudience(projection, influence, followerCounts(projection), audience, keep, reach);

      const expected = ids
        .map((_, u) => {
          const into = [...projection.targets.keys()].filter((e) => projection.targets[e] === u);
          const inAudience = into.filter((e) => audience[projection.sources[e] ?? 0] === 1).length;
          return { index: u, topicalReach: inAudience, score: ((influence[u] ?? 0) * inAudience) / Math.max(1, into.length) };
        })
        .filter((row) => row.topicalReach > 0)
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .slice(0, keep);
      expect(got).toEqual(expected);
      expect(reach.every((value) => value === 0)).toBe(true);
    }
  });
});
