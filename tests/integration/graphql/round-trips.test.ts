import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
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
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));

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
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
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
    const ALIASED = PROFILE.replace('followers(first: 10', 'other: followers(first: 1) { totalCount } followers(first: 10').replace(
      'interests(first: 5)',
      'x: interests(first: 1) { weight } interests(first: 5)',
    );
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

  it('serves a product page with buyers in one statement, with the same answer as the per-field loaders', async () => {
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 300, seed: 11, now: new Date('2026-06-01T00:00:00Z') });
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    const [top] = await t.cypher<{ id: string }>('MATCH (p:Product) RETURN p.id AS id ORDER BY COUNT { (p)<-[:PURCHASED]-() } DESC, p.id LIMIT 1');
    const PRODUCT = `query ($id: ID!) { product(id: $id) { id name price interests { weight interest { name } }
      buyers(first: 3) { totalCount pageInfo { hasNextPage } nodes { id displayName followerCount followingCount } } } }`;
    const queries = t.countQueries();
    const page = await t.graphql(PRODUCT, { id: top?.id });
    queries.stop();
    expect(page.errors).toBeUndefined();
    expect(queries.byName()).toEqual({ 'pages/product-pages-by-ids': 1 });
    expect(page.data?.product.buyers.nodes).toHaveLength(3);
    expect(page.data?.product.buyers.totalCount).toBeGreaterThan(3);

    // A second, differently aliased selection of buyers is not looked ahead: the loaders answer it.
    const reference = await t.graphql(PRODUCT.replace('buyers(first: 3)', 'b: buyers(first: 1) { totalCount } buyers(first: 3)'), { id: top?.id });
    expect(reference.errors).toBeUndefined();
    const { b: _b, ...referenceProduct } = reference.data?.product ?? {};
    expect(referenceProduct).toEqual(page.data?.product);
    // An unknown product is null, as without the look-ahead.
    expect((await t.graphql(PRODUCT, { id: 'no-such-product' })).data?.product).toBeNull();
  });

  it('serves a communities page in one statement after the page itself, and batches what it does not look ahead', async () => {
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 300, seed: 13, now: new Date('2026-06-01T00:00:00Z') });
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    await (
      await t.deps.analytics.start(['INFLUENCE', 'COMMUNITIES'], 'inprocess', 1)
    ).done;
    const COMMUNITIES = `query ($first: Int!) { communities(first: $first) { nodes { id size
      members(first: 5) { totalCount nodes { id displayName followerCount } }
      keyOpinionLeaders(first: 3) { user { id } score rank followers topicalReach }
      topInterests(first: 3) { interest { name } members share } } } }`;
    // The same lists again under aliases with other arguments: the look-ahead answers only the
    // first selection of a field, so these go through the loaders, one statement per kind.
    const ALIASED = COMMUNITIES.replace('members(first: 5)', 'm: members(first: 2) { nodes { id } } members(first: 5)')
      .replace('keyOpinionLeaders(first: 3)', 'k: keyOpinionLeaders(first: 2) { user { id } } keyOpinionLeaders(first: 3)')
      .replace('topInterests(first: 3)', 'i: topInterests(first: 2) { members } topInterests(first: 3)');
    const measure = async (query: string, first: number) => {
      const queries = t.countQueries();
      const result = await t.graphql(query, { first });
      queries.stop();
      expect(result.errors).toBeUndefined();
      return { communities: result.data?.communities.nodes, byName: queries.byName(), total: queries.total() };
    };
    const all = await measure(COMMUNITIES, 50);
    expect(all.communities.length).toBeGreaterThan(2);
    expect(all.communities.every((c: any) => c.members.nodes.length > 0 && c.members.totalCount >= c.members.nodes.length)).toBe(true);
    expect(all.communities.some((c: any) => c.keyOpinionLeaders.length > 0)).toBe(true);
    expect(all.byName).toEqual({ 'communities/current-run': 1, 'communities/communities-page': 1, 'pages/community-pages-by-ids': 1 });

    const few = await measure(ALIASED, 2);
    const many = await measure(ALIASED, 50);
    // Members, member counts and KOLs are batched: one statement each, not one per community.
    expect(many.byName).toEqual(few.byName);
    for (const name of ['communities/members-by-community-ids', 'communities/member-counts-by-community-ids', 'influence/top-in-communities']) {
      expect(many.byName[name], name).toBe(1);
    }
    // And the look-ahead answers exactly what the loaders answer.
    const stripped = many.communities.map(({ m: _m, k: _k, i: _i, ...community }: any) => community);
    expect(stripped).toEqual(all.communities);
  });
});
