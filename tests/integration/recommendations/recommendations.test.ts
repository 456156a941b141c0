import { describe, expect, it } from 'vitest';
import { follow, seedUsers } from '../../helpers/fixtures.js';
import { useTestDatabase } from '../../helpers/test-db.js';

describe('User.recommendations', () => {
  const t = useTestDatabase();

  async function seed() {
    await t.graphql(`mutation {
      upsertInterests(input: [{ id: "jazz", name: "Jazz" }, { id: "vinyl", name: "Vinyl" }, { id: "run", name: "Running" }]) { created }
      upsertProducts(input: [
        { id: "p-record", name: "Blue Train LP", interests: [{ interestId: "jazz", weight: 1 }, { interestId: "vinyl", weight: 0.5 }] },
        { id: "p-sax", name: "Sax reeds", interests: [{ interestId: "jazz", weight: 1 }] },
        { id: "p-turntable", name: "Turntable", interests: [{ interestId: "vinyl", weight: 1 }] },
        { id: "p-shoes", name: "Trail shoes", interests: [{ interestId: "run", weight: 1 }] }
      ]) { created } }`);
    await seedUsers(t, [
      { id: 'ana', displayName: 'Ana', consentProfiling: true, interests: [{ interestId: 'run', weight: 2 }] },
      { id: 'ben', displayName: 'Ben', consentProfiling: true },
      { id: 'cai', displayName: 'Cai', consentProfiling: true },
      { id: 'new', displayName: 'New', consentProfiling: true },
    ]);
    await follow(t, [
      ['ana', 'cai'],
      ['cai', 'ana'],
    ]);
    const bought = [
      ['ana', 'p-record'],
      ['ben', 'p-record'],
      ['ben', 'p-sax'],
      ['cai', 'p-turntable'],
    ];
    const events = bought.map(([userId, productId], i) => ({ userId, productId, kind: 'PURCHASE', at: `2026-01-0${i + 1}T00:00:00Z` }));
    expect((await t.graphql(`mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`, { e: events })).data?.recordEvents.applied).toBe(4);
  }

  const recommend = async (user: string, strategy: string) =>
    (
      await t.graphql(
        `query ($u: ID!, $s: RecommendationStrategy) { user(id: $u) { recommendations(first: 5, strategy: $s) { product { id } strategy reason } } }`,
        { u: user, s: strategy },
      )
    ).data?.user.recommendations as { product: { id: string }; strategy: string; reason: string }[];

  it('recommends by co-engagement, friends and interests, never what the user bought', async () => {
    await seed();
    expect((await recommend('ana', 'ALSO_ENGAGED')).map((r) => r.product.id)).toEqual(['p-sax']);
    expect(await recommend('ana', 'FRIENDS')).toEqual([{ product: { id: 'p-turntable' }, strategy: 'FRIENDS', reason: '1 of your friends engaged with it' }]);
    // Ana's interests: running (declared) and jazz/vinyl (from buying the LP), so both kinds come up.
    const byInterest = (await recommend('ana', 'INTERESTS')).map((r) => r.product.id);
    expect(byInterest).toEqual(expect.arrayContaining(['p-shoes', 'p-sax', 'p-turntable']));
    expect(byInterest).not.toContain('p-record');
    const auto = (await recommend('ana', 'AUTO')).map((r) => r.product.id);
    expect(auto).toEqual(expect.arrayContaining(['p-sax', 'p-turntable', 'p-shoes']));
    expect(auto).not.toContain('p-record');
  });

  it('falls back to popular products for a new user (cold start)', async () => {
    await seed();
    const recommendations = await recommend('new', 'AUTO');
    expect(recommendations[0]).toEqual({ product: { id: 'p-record' }, strategy: 'POPULAR', reason: 'popular: 2 purchases, views and ratings' });
  });

  it('costs one query per strategy for a whole page of users', async () => {
    await seed();
    const queries = t.countQueries();
    const result = await t.graphql(`{ users(first: 10) { nodes { id recommendations(first: 3) { product { id } } } } }`);
    queries.stop();
    expect(result.errors).toBeUndefined();
    for (const name of ['recommendations/also-engaged-by-user-ids', 'recommendations/friends-bought-by-user-ids', 'recommendations/by-interests-by-user-ids']) {
      expect(queries.count(name), name).toBe(1);
    }
    expect(queries.count('recommendations/popular-by-user-ids')).toBeLessThanOrEqual(1);
  });

  it('samples each hop of co-engagement, so a popular product costs a bounded amount of work', async () => {
    // ana viewed one product that 700 other consenting users viewed; each of them also viewed p-hot.
    // Unbounded, 700 people lead to p-hot; the expansion keeps at most 500 co-engaging users.
    await t.cypher(`CREATE (:Product {id: 'p-shared'}), (:Product {id: 'p-hot'})
      CREATE (ana:User {id: 'ana', displayName: 'Ana', consentProfiling: true})
      WITH ana MATCH (shared:Product {id: 'p-shared'}), (hot:Product {id: 'p-hot'})
      CREATE (ana)-[:VIEWED {count: 1}]->(shared)
      WITH shared, hot UNWIND range(1, 700) AS i
      CREATE (o:User {id: 'o' + i, displayName: 'O', consentProfiling: true})
      CREATE (o)-[:VIEWED {count: 1}]->(shared), (o)-[:VIEWED {count: 1}]->(hot)`);
    const result = await t.graphql(`{ user(id: "ana") { recommendations(first: 3, strategy: ALSO_ENGAGED) { product { id } reason } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.user.recommendations).toEqual([{ product: { id: 'p-hot' }, reason: '500 people with products in common with you engaged with it' }]);
  });

  it('scores co-engagement by cosine similarity, so a product everyone views does not drown a specific one', async () => {
    // Three users share ana's record; all three also viewed p-niche (no one else did) and
    // p-a-everywhere, which 40 other users viewed too. Both have 3 co-engagement paths; the
    // niche product's are 3 of its 3 engagements, the popular one's 3 of 43.
    await t.cypher(`CREATE (ana:User {id: 'ana', displayName: 'Ana', consentProfiling: true})
      CREATE (record:Product {id: 'p-record'}), (niche:Product {id: 'p-niche'}), (everywhere:Product {id: 'p-a-everywhere'})
      CREATE (ana)-[:VIEWED {count: 1}]->(record)
      WITH record, niche, everywhere
      UNWIND range(1, 3) AS i
      CREATE (o:User {id: 'o' + i, displayName: 'O', consentProfiling: true})
      CREATE (o)-[:VIEWED {count: 1}]->(record), (o)-[:VIEWED {count: 1}]->(niche), (o)-[:VIEWED {count: 1}]->(everywhere)
      WITH DISTINCT everywhere
      UNWIND range(1, 40) AS j
      CREATE (:User {id: 'x' + j, displayName: 'X', consentProfiling: true})-[:VIEWED {count: 1}]->(everywhere)`);
    const result = await t.graphql(`{ user(id: "ana") { recommendations(first: 3, strategy: ALSO_ENGAGED) { product { id } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.user.recommendations.map((r: { product: { id: string } }) => r.product.id)).toEqual(['p-niche', 'p-a-everywhere']);
  });

  it('never recommends what the user already viewed or rated, in any strategy', async () => {
    await seed();
    // ana views the sax reeds (co-engagement's and the interests' pick) and the turntable (her friend's).
    const events = ['p-sax', 'p-turntable'].map((productId, i) => ({ userId: 'ana', productId, kind: 'VIEW', at: `2026-02-0${i + 1}T00:00:00Z` }));
    expect((await t.graphql(`mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`, { e: events })).data?.recordEvents.applied).toBe(2);
    for (const strategy of ['ALSO_ENGAGED', 'FRIENDS', 'INTERESTS', 'POPULAR', 'AUTO']) {
      const ids = (await recommend('ana', strategy)).map((r) => r.product.id);
      expect(ids, strategy).not.toContain('p-sax');
      expect(ids, strategy).not.toContain('p-turntable');
      expect(ids, strategy).not.toContain('p-record');
    }
  });

  it('personal strategies stop for a user who withdrew profiling consent, and their purchases stop counting for friends', async () => {
    await seed();
    expect(await recommend('ana', 'FRIENDS')).toHaveLength(1);
    await t.graphql(`mutation { setConsent(userId: "cai", consentProfiling: false) { id } }`);
    // cai bought the turntable: no longer "bought by 1 of your friends" for ana.
    expect(await recommend('ana', 'FRIENDS')).toEqual([]);
    await t.graphql(`mutation { setConsent(userId: "ana", consentProfiling: false) { id } }`);
    for (const strategy of ['ALSO_ENGAGED', 'FRIENDS', 'INTERESTS']) expect(await recommend('ana', strategy), strategy).toEqual([]);
    // Only non-personal suggestions remain.
    expect((await recommend('ana', 'AUTO')).every((r) => r.strategy === 'POPULAR')).toBe(true);
  });
});
