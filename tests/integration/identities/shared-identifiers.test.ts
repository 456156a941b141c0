/**
 * Identity resolution as a careless operator and a shared household meet it (issue #43, items
 * 3-5): a shared cookie never merges two customers, one identity twice in a call links once,
 * and concurrent merges answer with codes, never internal errors.
 */
import { describe, expect, it } from 'vitest';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase, type GraphqlResult } from '../../helpers/test-db.js';

const RECORD = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) {
  applied usersCreated merges { survivorId mergedId } refusedMerges { survivorId mergedId reason } } }`;
const LINK = `mutation ($u: ID!, $i: [IdentityInput!]!) { linkIdentities(userId: $u, identities: $i) { linked alreadyLinked user { identities { type value } } } }`;
const MERGE = `mutation ($s: ID!, $m: ID!) { mergeUsers(survivorId: $s, mergedId: $m) { merged survivor { id } } }`;
const TABLET = { type: 'COOKIE_ID', value: 'family-tablet' };

describe('shared identifiers', () => {
  const t = useTestDatabase();
  const users = async () => (await t.cypher<{ id: string }>('MATCH (u:User) RETURN u.id AS id ORDER BY id')).map((row) => row.id);

  it('never merges two customers who used one device: the cookie stays with the first, each event with its user', async () => {
    await seedCatalog(t);
    const ids = Array.from({ length: 10 }, (_, i) => `u02${String(i).padStart(2, '0')}`);
    await seedUsers(
      t,
      ids.map((id) => ({ id, displayName: id, email: `${id}@example.com`, consentProfiling: true })),
    );
    const view = (userId: string, minute: number) => ({
      userId,
      identities: [TABLET],
      productId: 'p-record',
      kind: 'VIEW',
      at: `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
    });

    // The reproduction: u0200 with the family tablet, then u0201 with the same cookie.
    const first = await t.graphql(RECORD, { e: [view('u0200', 0)] });
    expect(first.data?.recordEvents).toMatchObject({ applied: 1, merges: [], refusedMerges: [] });
    const second = await t.graphql(RECORD, { e: [view('u0201', 1)] });
    expect(second.errors).toBeUndefined();
    expect(second.data?.recordEvents.merges).toEqual([]);
    expect(second.data?.recordEvents.refusedMerges).toEqual([
      { survivorId: 'u0201', mergedId: 'u0200', reason: expect.stringContaining('both are known users') },
    ]);
    // A batch of ten such events on one tablet: ten customers stay ten.
    const batch = await t.graphql(RECORD, { e: ids.map((id, i) => view(id, 10 + i)) });
    expect(batch.data?.recordEvents.merges).toEqual([]);
    expect(await users()).toEqual(ids);
    // Each view is its own user's; the cookie is still u0200's.
    expect(await t.cypher('MATCH (u:User)-[:VIEWED]->() RETURN u.id AS id ORDER BY id')).toEqual(ids.map((id) => ({ id })));
    expect(await t.cypher(`MATCH (u:User)-[:HAS_IDENTITY]->(:Identity {type: 'COOKIE_ID'}) RETURN u.id AS id`)).toEqual([{ id: 'u0200' }]);

    // An anonymous visitor on the tablet still becomes the person who logs in with it.
    const visitor = await t.graphql(RECORD, {
      e: [{ identities: [{ type: 'COOKIE_ID', value: 'new-phone' }], productId: 'p-shoes', kind: 'VIEW', at: '2026-03-02T10:00:00Z' }],
    });
    expect(visitor.data?.recordEvents.usersCreated).toBe(1);
    const login = await t.graphql(RECORD, {
      e: [{ userId: 'u0205', identities: [{ type: 'COOKIE_ID', value: 'new-phone' }], productId: 'p-shoes', kind: 'VIEW', at: '2026-03-02T10:05:00Z' }],
    });
    expect(login.data?.recordEvents.merges).toEqual([{ survivorId: 'u0205', mergedId: expect.stringMatching(/^anon-/) }]);
    expect(await users()).toEqual(ids);
  });

  it('links an identity given twice in one call once', async () => {
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana' }]);
    const twice = await t.graphql(LINK, {
      u: 'ana',
      i: [TABLET, TABLET, { type: 'EMAIL', value: 'Ana@Example.com' }, { type: 'EMAIL', value: ' ana@example.com' }],
    });
    expect(twice.errors).toBeUndefined();
    expect(twice.data?.linkIdentities).toMatchObject({ linked: 2, alreadyLinked: 0 });
    expect(twice.data?.linkIdentities.user.identities).toHaveLength(2);
    expect(await t.cypher('MATCH (:User {id: "ana"})-[r:HAS_IDENTITY]->() RETURN count(r) AS n').then((rows) => String(rows[0]?.['n']))).toBe('2');
    expect((await t.graphql(LINK, { u: 'ana', i: [TABLET, TABLET] })).data?.linkIdentities).toMatchObject({ linked: 0, alreadyLinked: 1 });
  });

  it('records concurrent batches that stitch the same anonymous visitor into a customer, without errors', async () => {
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana', consentProfiling: true }]);
    for (let round = 0; round < 3; round += 1) {
      const phone = { type: 'COOKIE_ID', value: `phone-${round}` };
      const visit = await t.graphql(RECORD, { e: [{ identities: [phone], productId: 'p-shoes', kind: 'VIEW', at: `2026-03-0${round + 1}T09:00:00Z` }] });
      expect(visit.data?.recordEvents.usersCreated).toBe(1);
      // Five logins from the same phone at once (a retrying client, two replicas of a stream consumer).
      const logins = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          t.graphql(RECORD, { e: [{ userId: 'ana', identities: [phone], productId: 'p-record', kind: 'VIEW', at: `2026-03-0${round + 1}T10:0${i}:00Z` }] }),
        ),
      );
      expect(logins.map((login) => login.errors?.[0]?.message ?? 'ok')).toEqual(Array(5).fill('ok'));
      expect(logins.flatMap((login) => login.data?.recordEvents.merges ?? [])).toHaveLength(1);
    }
    expect(await users()).toEqual(['ana']);
  });

  it('answers concurrent merges of one pair with codes: one merges, the rest say merged: false or CONFLICT', async () => {
    await seedCatalog(t);
    const pairs = Array.from({ length: 6 }, (_, i) => [`s${i}`, `m${i}`] as const);
    await seedUsers(
      t,
      pairs.flat().map((id) => ({ id, displayName: id, consentProfiling: true })),
    );
    const events = pairs.flat().map((userId) => ({
      userId,
      productId: 'p-record',
      kind: 'PURCHASE',
      at: userId.startsWith('s') ? '2026-03-01T10:00:00Z' : '2026-03-02T10:00:00Z',
      amount: 25,
    }));
    expect((await t.graphql(RECORD, { e: events })).errors).toBeUndefined();

    const outcome = (result: GraphqlResult) => (result.errors ? String(errorCode(result)) : result.data?.['mergeUsers'].merged ? 'merged' : 'merged: false');
    // Ten at once of the same pair.
    const same = await Promise.all(Array.from({ length: 10 }, () => t.graphql(MERGE, { s: 's0', m: 'm0' })));
    const sameOutcomes = same.map(outcome);
    expect(sameOutcomes.filter((o) => o === 'merged')).toHaveLength(1);
    expect(
      sameOutcomes.every((o) => ['merged', 'merged: false', 'CONFLICT'].includes(o)),
      sameOutcomes.join(', '),
    ).toBe(true);
    // (A, B) beside (B, A), several times.
    for (const [a, b] of pairs.slice(1)) {
      const both = (await Promise.all([t.graphql(MERGE, { s: a, m: b }), t.graphql(MERGE, { s: b, m: a })])).map(outcome);
      expect(
        both.filter((o) => o === 'merged'),
        both.join(', '),
      ).toHaveLength(1);
      expect(
        both.every((o) => ['merged', 'merged: false', 'CONFLICT'].includes(o)),
        both.join(', '),
      ).toBe(true);
    }
    // Six people left, each with both purchases.
    expect(await t.cypher('MATCH (u:User) RETURN count(u) AS n').then((rows) => String(rows[0]?.['n']))).toBe('6');
    expect(await t.cypher('MATCH (u:User) WHERE COUNT { (u)-[:PURCHASED]->() } <> 2 RETURN u.id AS id')).toEqual([]);
  });
});
