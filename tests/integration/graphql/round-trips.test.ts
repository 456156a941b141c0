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

  it('serves a profile page in one Cypher statement, with the same answer as the per-field loaders', async () => {
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 300, seed: 9, now: new Date('2026-06-01T00:00:00Z') });
    await loadSyntheticGraph(t.db, graph, t.config.limits, createLogger('silent'));
    const [top] = await t.cypher<{ id: string }>('MATCH (u:User) RETURN u.id AS id ORDER BY COUNT { (u)<-[:FOLLOWS]-() } DESC, u.id LIMIT 1');
    const PROFILE = `query ($id: ID!, $after: String) { user(id: $id) { id displayName region
      interests(first: 5) { weight interest { name } } followerCount followingCount
      followers(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id displayName followerCount } }
      following(first: 3) { nodes { id followingCount } }
      purchases(first: 5) { pageInfo { hasNextPage } nodes { at amount product { name } } } } }`;
    const queries = t.countQueries();
    const first = await t.graphql(PROFILE, { id: top?.id });
    queries.stop();
    expect(first.errors).toBeUndefined();
    expect(queries.byName()).toEqual({ 'pages/user-pages-by-ids': 1 });
    expect(first.data?.user.followers.nodes).toHaveLength(10);
    expect(first.data?.user.followers.pageInfo.hasNextPage).toBe(true);

    // The same page, resolved field by field (the look-ahead answers only the first selection
    // of a field, so an alias that differs is loaded the ordinary way): identical values.
    const ALIASED = PROFILE.replace('followers(first: 10', 'other: followers(first: 1) { totalCount } followers(first: 10')
      .replace('interests(first: 5)', 'x: interests(first: 1) { weight } interests(first: 5)');
    const reference = await t.graphql(ALIASED, { id: top?.id });
    expect(reference.errors).toBeUndefined();
    const { other: _other, x: _x, ...referenceUser } = reference.data?.user ?? {};
    expect(referenceUser).toEqual(first.data?.user);

    // The next page of followers through the cursor, still one statement.
    const next = t.countQueries();
    const second = await t.graphql(PROFILE, { id: top?.id, after: first.data?.user.followers.pageInfo.endCursor });
    next.stop();
    expect(second.errors).toBeUndefined();
    expect(next.total()).toBe(1);
    const firstIds = first.data?.user.followers.nodes.map((n: { id: string }) => n.id);
    expect(second.data?.user.followers.nodes[0].id > firstIds.at(-1)).toBe(true);
  });
});

