/**
 * modularityShares over a million users: the COMMUNITIES job at bench:scale's million users
 * failed with "Maximum call stack size exceeded" when the community count was taken with
 * Math.max(...membership). A ring cut into equal arcs has a known modularity.
 */
import { describe, expect, it } from 'vitest';
import { modularityShares } from '../../src/communities/partition.js';

describe('modularityShares', () => {
  it('takes a million members and sums to the partition modularity', () => {
    const n = 1_000_000;
    const arcs = 1_000;
    const sources = new Uint32Array(n);
    const targets = new Uint32Array(n);
    for (let v = 0; v < n; v += 1) {
      sources[v] = v;
      targets[v] = (v + 1) % n;
    }
    const membership = new Uint32Array(n);
    for (let v = 0; v < n; v += 1) membership[v] = Math.floor(v / (n / arcs));
    const shares = modularityShares({ ids: [], sources, targets, weights: new Float64Array(n).fill(1) }, membership);
    expect(shares).toHaveLength(arcs);
    // Each arc keeps n/arcs − 1 of its n/arcs edges and holds 1/arcs of the degree.
    const expected = arcs * ((n / arcs - 1) / n - (1 / arcs) ** 2);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(expected, 9);
  });
});
