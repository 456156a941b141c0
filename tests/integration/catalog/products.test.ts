import { describe, expect, it } from 'vitest';
import { nodeCount, seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

describe('products', () => {
  const t = useTestDatabase();

  it('serves products with interests and buyers', async () => {
    await seedCatalog(t);
    await seedUsers(
      t,
      ['ana', 'ben', 'cai'].map((id) => ({ id, displayName: id })),
    );
    const events = ['cai', 'ana', 'ana'].map((userId, i) => ({ userId, productId: 'p-record', kind: 'PURCHASE', at: `2026-01-0${i + 1}T10:00:00Z` }));
    expect((await t.graphql(`mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`, { e: events })).data?.recordEvents.applied).toBe(3);
    const result = await t.graphql(`{ product(id: "p-record") { id name category brand price
      interests { interest { id } weight }
      buyers(first: 1) { totalCount pageInfo { hasNextPage } nodes { id } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.product).toEqual({
      id: 'p-record',
      name: 'Blue Train LP',
      category: 'music',
      brand: 'BlueNote',
      price: 25,
      interests: [
        { interest: { id: 'jazz' }, weight: 1 },
        { interest: { id: 'vinyl' }, weight: 0.5 },
      ],
      buyers: { totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: 'ana' }] },
    });
  });

  it('filters products and pages them', async () => {
    await seedCatalog(t);
    const byInterest = await t.graphql(`{ products(first: 10, filter: { interestId: "running" }) { totalCount nodes { id } } }`);
    expect(byInterest.data?.products).toEqual({ totalCount: 1, nodes: [{ id: 'p-shoes' }] });
    const page = await t.graphql(`{ products(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`);
    expect(page.data?.products.nodes).toEqual([{ id: 'p-record' }]);
    const next = await t.graphql(`query ($a: String) { products(first: 1, after: $a) { pageInfo { hasNextPage } nodes { id } } }`, {
      a: page.data?.products.pageInfo.endCursor,
    });
    expect(next.data?.products).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ id: 'p-shoes' }] });
  });

  it('upsert replaces interest tags, is idempotent, and rejects bad input without writing', async () => {
    await seedCatalog(t);
    const mutation = `mutation ($input: [ProductInput!]!) { upsertProducts(input: $input) { created updated products { id interests { interest { id } } } } }`;
    const retag = await t.graphql(mutation, { input: [{ id: 'p-shoes', name: 'Trail shoes', interests: [{ interestId: 'jazz', weight: 1 }] }] });
    expect(retag.data?.upsertProducts).toEqual({ created: 0, updated: 1, products: [{ id: 'p-shoes', interests: [{ interest: { id: 'jazz' } }] }] });
    const before = await nodeCount(t);
    expect(errorCode(await t.graphql(mutation, { input: [{ id: 'p-new', name: 'New', price: -3 }] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(mutation, { input: [{ id: 'p-new', name: 'New', interests: [{ interestId: 'nope', weight: 1 }] }] }))).toBe('NOT_FOUND');
    expect(errorCode(await t.graphql(mutation, { input: [{ id: 'p-new', name: '  ' }] }))).toBe('BAD_USER_INPUT');
    expect(await nodeCount(t)).toBe(before);
  });
});
