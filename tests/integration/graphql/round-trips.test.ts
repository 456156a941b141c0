import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { loadSyntheticGraph } from '../../../src/ingest/demo.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const PROFILE_PAGE = `query ($first: Int!) {
  users(first: $first) {
    totalCount
    nodes {
      id displayName lifecycleStage
      interests(first: 3) { interest { name userCount } weight }
      followerCount followingCount
      friends(first: 5) { totalCount nodes { id displayName followerCount } }
      purchases(first: 3) { nodes { at product { id name } } }
    }
  }
}`;

describe('bounded round trips (DataLoader batching)', () => {
  const t = useTestDatabase();

  it('a page of 50 profiles costs the same small number of Cypher queries as a page of 10', async () => {
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 300, seed: 7, now: new Date('2026-06-01T00:00:00Z') });
    await loadSyntheticGraph(t.db, graph, t.config.limits, createLogger('silent'));

    const measure = async (first: number) => {
      const queries = t.countQueries();
      const result = await t.graphql(PROFILE_PAGE, { first });
      queries.stop();
      expect(result.errors).toBeUndefined();
      return { users: result.data?.users.nodes, total: queries.total(), byName: queries.byName() };
    };
    const small = await measure(10);
    const large = await measure(50);

    expect(large.users).toHaveLength(50);
    // The page really has nested data, so the loaders really ran.
    expect(large.users.some((user: any) => user.friends.nodes.length > 0)).toBe(true);
    expect(large.users.some((user: any) => user.interests.length > 0)).toBe(true);
    expect(large.users.some((user: any) => user.purchases.nodes.length > 0)).toBe(true);
    // One query per kind of data, whatever the page size: not one per user.
    expect(large.total).toBe(small.total);
    expect(large.byName).toEqual(small.byName);
    // At most one query per kind of data and nesting level (followerCount is asked at two levels).
    expect(large.total).toBeLessThanOrEqual(12);
    for (const [name, count] of Object.entries(large.byName)) expect(count, name).toBeLessThanOrEqual(2);
  });
});
