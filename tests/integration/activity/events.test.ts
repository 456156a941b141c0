import { describe, expect, it } from 'vitest';
import { applySignals, baseSignal, HALF_LIFE_DAYS, type WeightState } from '../../../src/activity/index.js';
import { createRandom } from '../../../src/lib/random.js';
import { relationshipCount, seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied ignored } }`;

describe('recordEvents', () => {
  const t = useTestDatabase();

  it('records purchases, views and ratings, and a replay changes nothing', async () => {
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana' }]);
    const events = [
      { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: '2026-03-01T10:00:00Z' },
      { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: '2026-03-02T10:00:00Z' },
      { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: '2026-03-02T11:00:00Z', quantity: 2, amount: 50 },
      { userId: 'ana', productId: 'p-record', kind: 'RATE', at: '2026-03-05T10:00:00Z', score: 5 },
    ];
    expect((await t.graphql(record, { e: events })).data?.recordEvents).toEqual({ applied: 4, ignored: 0 });
    const relsAfterFirst = await relationshipCount(t);
    const weightsAfterFirst = await t.cypher('MATCH (:User {id: "ana"})-[r:INTERESTED_IN]->(i) RETURN i.id AS id, r.weight AS w ORDER BY id');
    expect((await t.graphql(record, { e: events })).data?.recordEvents).toEqual({ applied: 0, ignored: 4 });
    expect(await relationshipCount(t)).toBe(relsAfterFirst);
    expect(await t.cypher('MATCH (:User {id: "ana"})-[r:INTERESTED_IN]->(i) RETURN i.id AS id, r.weight AS w ORDER BY id')).toEqual(weightsAfterFirst);

    const [stored] = await t.cypher<Record<string, any>>(`MATCH (u:User {id: "ana"})
      MATCH (u)-[v:VIEWED]->(p:Product {id: "p-record"}) MATCH (u)-[b:PURCHASED]->(p) MATCH (u)-[r:RATED]->(p)
      RETURN v.count AS views, toString(v.lastAt) AS lastView, b.quantity AS quantity, b.amount AS amount, r.score AS score, toString(u.lastActiveAt) AS lastActive`);
    expect(stored?.['views'].toNumber()).toBe(2);
    expect(stored?.['lastView']).toBe('2026-03-02T10:00:00Z');
    expect(stored?.['quantity'].toNumber()).toBe(2);
    expect(stored?.['amount']).toBe(50);
    expect(stored?.['score'].toNumber()).toBe(5);
    expect(stored?.['lastActive']).toBe('2026-03-05T10:00:00Z');
  });

  it('updates interest weights with the documented time decay', async () => {
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana' }]);
    const t0 = new Date('2026-01-01T00:00:00Z');
    const later = new Date(t0.getTime() + HALF_LIFE_DAYS * 86_400_000);
    await t.graphql(record, { e: [{ userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: t0.toISOString() }] });
    await t.graphql(record, { e: [{ userId: 'ana', productId: 'p-record', kind: 'VIEW', at: later.toISOString() }] });
    const result = await t.graphql(`{ user(id: "ana") { interests { interest { id } weight source updatedAt } } }`);
    // Purchase: 5 × tag. One half-life later: halved, plus a view (1 × tag).
    expect(result.data?.user.interests).toEqual([
      { interest: { id: 'jazz' }, weight: 5 * 1 * 0.5 + 1 * 1, source: 'events', updatedAt: later.toISOString() },
      { interest: { id: 'vinyl' }, weight: 5 * 0.5 * 0.5 + 1 * 0.5, source: 'events', updatedAt: later.toISOString() },
    ]);
  });

  it('folds interest signals in Cypher exactly as the reference model (interest-weights.ts) does, late events included', async () => {
    await seedCatalog(t);
    await seedUsers(t, [
      { id: 'ana', displayName: 'Ana' },
      { id: 'bo', displayName: 'Bo' },
    ]);
    const tagRows = await t.cypher<{ productId: string; interestId: string; weight: number }>(
      'MATCH (p:Product)-[h:HAS_INTEREST]->(i:Interest) RETURN p.id AS productId, i.id AS interestId, h.weight AS weight',
    );
    const tags = new Map<string, { interestId: string; weight: number }[]>();
    for (const row of tagRows) tags.set(row.productId, [...(tags.get(row.productId) ?? []), { interestId: row.interestId, weight: row.weight }]);
    const products = [...tags.keys()];
    const random = createRandom(7);
    const day = 86_400_000;
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    let expected = new Map<string, WeightState>();
    for (let batch = 0; batch < 4; batch += 1) {
      // Views and ratings move forward in time (an older one is ignored as stale, by design);
      // purchases also arrive late, from before the previous batches.
      const events = Array.from({ length: 12 }, (_, n) => {
        const kind = (['VIEW', 'PURCHASE', 'RATE'] as const)[n % 3] ?? 'VIEW';
        const at = kind === 'PURCHASE' && random() < 0.5 ? t0 + random() * batch * 20 * day : t0 + (batch * 20 + random() * 20) * day;
        return {
          userId: random() < 0.5 ? 'ana' : 'bo',
          productId: products[Math.floor(random() * products.length)] ?? 'p-record',
          kind,
          at: new Date(Math.round(at)).toISOString(),
          ...(kind === 'RATE' ? { score: 1 + Math.floor(random() * 5) } : {}),
        };
      });
      const result = await t.graphql(record, { e: events });
      expect(result.errors).toBeUndefined();
      const signals = events.map((event) => ({ ...event, at: new Date(event.at), base: baseSignal(event.kind, event.score ?? null) }));
      expected = new Map([...expected, ...applySignals(expected, tags, signals)]);
    }
    const stored = await t.cypher<{ userId: string; interestId: string; weight: number; at: string }>(
      'MATCH (u:User)-[r:INTERESTED_IN]->(i) WHERE r.engagement IS NOT NULL RETURN u.id AS userId, i.id AS interestId, r.engagement AS weight, toString(r.engagementAt) AS at',
    );
    expect(stored.length).toBe(expected.size);
    for (const row of stored) {
      const reference = expected.get(`${row.userId}\u0000${row.interestId}`);
      expect(row.weight).toBeCloseTo(reference?.weight ?? Number.NaN, 9);
      expect(Date.parse(row.at)).toBe(reference?.updatedAt?.getTime());
    }
  });

  it('pages purchases newest first', async () => {
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana' }]);
    const events = ['2026-01-01', '2026-01-03', '2026-01-02'].map((d, i) => ({
      userId: 'ana',
      productId: i === 1 ? 'p-shoes' : 'p-record',
      kind: 'PURCHASE',
      at: `${d}T00:00:00Z`,
    }));
    await t.graphql(record, { e: events });
    const first = await t.graphql(
      `{ user(id: "ana") { purchases(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { at product { id } quantity } } } }`,
    );
    expect(first.data?.user.purchases.totalCount).toBe(3);
    expect(first.data?.user.purchases.nodes).toEqual([
      { at: '2026-01-03T00:00:00.000Z', product: { id: 'p-shoes' }, quantity: 1 },
      { at: '2026-01-02T00:00:00.000Z', product: { id: 'p-record' }, quantity: 1 },
    ]);
    const next = await t.graphql(`query ($a: String) { user(id: "ana") { purchases(first: 2, after: $a) { pageInfo { hasNextPage } nodes { at } } } }`, {
      a: first.data?.user.purchases.pageInfo.endCursor,
    });
    expect(next.data?.user.purchases).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ at: '2026-01-01T00:00:00.000Z' }] });
    // A forged cursor whose date does not parse ("purchase:[\"not-a-date\",\"p01\"]") is the
    // client's mistake, with the look-ahead (a profile page) and without it (a second alias).
    for (const query of [
      `query ($a: String) { user(id: "ana") { purchases(first: 2, after: $a) { nodes { at } } } }`,
      `query ($a: String) { user(id: "ana") { p: purchases(first: 1) { nodes { at } } purchases(first: 2, after: $a) { nodes { at } } } }`,
    ]) {
      const forged = await t.graphql(query, { a: 'cHVyY2hhc2U6WyJub3QtYS1kYXRlIiwicDAxIl0' });
      expect(forged.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('rejects bad events with a code and writes nothing at all', async () => {
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana' }]);
    const good = { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: '2026-01-01T00:00:00Z' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, quantity: -1 }, 'BAD_USER_INPUT'],
      [{ ...good, amount: -5 }, 'BAD_USER_INPUT'],
      [{ ...good, kind: 'RATE', score: 9 }, 'BAD_USER_INPUT'],
      [{ ...good, kind: 'VIEW', score: 3 }, 'BAD_USER_INPUT'],
      [{ ...good, at: 'yesterday' }, 'BAD_USER_INPUT'],
      [{ ...good, at: '2999-01-01T00:00:00Z' }, 'BAD_USER_INPUT'],
      [{ ...good, productId: 'p-unknown' }, 'NOT_FOUND'],
      [{ ...good, userId: 'zed' }, 'NOT_FOUND'],
    ];
    const before = await relationshipCount(t);
    for (const [bad, code] of cases) {
      // The good event rides along: all or nothing means it must not be written either.
      const result = await t.graphql(record, { e: [good, bad] });
      expect(errorCode(result), JSON.stringify(bad)).toBe(code);
    }
    expect(await relationshipCount(t)).toBe(before);
    const [user] = await t.cypher<{ last: unknown }>('MATCH (u:User {id: "ana"}) RETURN u.lastActiveAt AS last');
    expect(user?.last).toBeNull();
  });
});
