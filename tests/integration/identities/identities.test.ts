import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HALF_LIFE_DAYS } from '../../../src/activity/index.js';
import { follow, relationshipCount, seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');
const RECORD = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) {
  applied ignored usersCreated identitiesLinked merges { survivorId mergedId } refusedMerges { survivorId mergedId reason } refusedLinks { userId type reason } } }`;
const LINK = `mutation ($u: ID!, $i: [IdentityInput!]!) { linkIdentities(userId: $u, identities: $i) { linked alreadyLinked user { id } } }`;
const MERGE = `mutation ($s: ID!, $m: ID!) { mergeUsers(survivorId: $s, mergedId: $m) { merged relationshipsMoved survivor { id mergedIds } } }`;
const IDENTITIES = `query ($id: ID!) { user(id: $id) { id identities { type value namespace } mergedIds } }`;

const cookie = (value: string) => ({ type: 'COOKIE_ID', value });
const account = (value: string) => ({ type: 'ACCOUNT_ID', value });

describe('identities', () => {
  const t = useTestDatabase();

  const count = async (query: string, params: Record<string, unknown> = {}) => {
    const [row] = await t.cypher<{ n: { toNumber(): number } }>(query, params);
    return row?.n.toNumber() ?? 0;
  };

  it('resolves events keyed by identity: an unknown one creates an anonymous user, a replay finds it, raw e-mails are hashed', async () => {
    await seedCatalog(t);
    const first = await t.graphql(RECORD, {
      e: [{ identities: [cookie('c-1')], productId: 'p-record', kind: 'VIEW', at: '2026-03-01T10:00:00Z' }],
    });
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordEvents).toMatchObject({ applied: 1, usersCreated: 1, identitiesLinked: 1, merges: [] });
    // The same event again, and a new one under the same cookie plus a raw e-mail: one user.
    const again = await t.graphql(RECORD, {
      e: [
        { identities: [cookie('c-1')], productId: 'p-record', kind: 'VIEW', at: '2026-03-01T10:00:00Z' },
        { identities: [cookie('c-1'), { type: 'EMAIL', value: '  Ana@Example.COM ' }], productId: 'p-shoes', kind: 'PURCHASE', at: '2026-03-02T10:00:00Z' },
      ],
    });
    expect(again.data?.recordEvents).toMatchObject({ applied: 1, ignored: 1, usersCreated: 0, identitiesLinked: 1 });
    const users = await t.cypher<{ id: string; anonymous: boolean; consent: unknown }>(
      'MATCH (u:User) RETURN u.id AS id, u.anonymous AS anonymous, u.consentProfiling AS consent',
    );
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ anonymous: true, consent: null });
    const id = users[0]?.id as string;
    const shown = (await t.graphql(IDENTITIES, { id })).data?.user;
    expect(shown.identities).toEqual([
      { type: 'COOKIE_ID', value: 'c-1', namespace: null },
      { type: 'EMAIL_SHA256', value: sha('ana@example.com'), namespace: null },
    ]);
    // The raw address is nowhere in the graph; a platform's hash of it finds the same user.
    expect(await count(`MATCH (n) WHERE any(k IN keys(n) WHERE toString(n[k]) CONTAINS 'xample') RETURN count(n) AS n`)).toBe(0);
    const byHash = await t.graphql(RECORD, {
      e: [
        {
          identities: [{ type: 'EMAIL_SHA256', value: sha('ana@example.com').toUpperCase() }],
          productId: 'p-record',
          kind: 'RATE',
          score: 4,
          at: '2026-03-03T10:00:00Z',
        },
      ],
    });
    expect(byHash.data?.recordEvents).toMatchObject({ applied: 1, usersCreated: 0 });
    expect(await count('MATCH (:User {id: $id})-[:RATED]->() RETURN count(*) AS n', { id })).toBe(1);
    // Roles without PII see identity values masked.
    const masked = (await t.graphql(IDENTITIES, { id }, { role: 'analyst' })).data?.user;
    expect(masked.identities[0].value).toBe('****');
    expect(masked.identities[1].value).toBe(`****${sha('ana@example.com').slice(-4)}`);
  });

  it('refuses bad identities and unnamed events with BAD_USER_INPUT, writing nothing', async () => {
    await seedCatalog(t);
    const at = '2026-03-01T10:00:00Z';
    for (const identities of [
      [{ type: 'EMAIL', value: 'not-an-address' }],
      [{ type: 'PHONE', value: '12' }],
      [{ type: 'EMAIL_SHA256', value: 'abc' }],
      [{ type: 'EXTERNAL_ID', value: 'x-1' }],
      [{ type: 'COOKIE_ID', value: 'c', namespace: 'web' }],
      [{ type: 'COOKIE_ID', value: '   ' }],
    ]) {
      const result = await t.graphql(RECORD, { e: [{ identities, productId: 'p-record', kind: 'VIEW', at }] });
      expect(errorCode(result), JSON.stringify(identities)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain('events[0].identities[0]');
    }
    expect(errorCode(await t.graphql(RECORD, { e: [{ productId: 'p-record', kind: 'VIEW', at }] }))).toBe('BAD_USER_INPUT');
    expect(await count('MATCH (n:User|Identity) RETURN count(n) AS n')).toBe(0);
  });

  it('merges an anonymous visitor into the account an event shows them to be; never on cookies alone', async () => {
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana', consentProfiling: true, consentMarketing: true }]);
    expect((await t.graphql(LINK, { u: 'ana', i: [account('acct-ana')] })).data?.linkIdentities).toEqual({ linked: 1, alreadyLinked: 0, user: { id: 'ana' } });
    // Browsing before logging in: an anonymous user under cookie c-9.
    await t.graphql(RECORD, { e: [{ identities: [cookie('c-9')], productId: 'p-shoes', kind: 'VIEW', at: '2026-03-01T10:00:00Z' }] });
    const [anon] = await t.cypher<{ id: string }>(`MATCH (u:User {anonymous: true}) RETURN u.id AS id`);
    // A second visitor shares nothing strong: cookie c-9 with another cookie of someone else.
    await t.graphql(RECORD, { e: [{ identities: [cookie('c-other')], productId: 'p-shoes', kind: 'VIEW', at: '2026-03-01T11:00:00Z' }] });
    const cookiesOnly = await t.graphql(RECORD, {
      e: [{ identities: [cookie('c-9'), cookie('c-other')], productId: 'p-record', kind: 'VIEW', at: '2026-03-01T12:00:00Z' }],
    });
    expect(cookiesOnly.data?.recordEvents.merges).toEqual([]);
    expect(cookiesOnly.data?.recordEvents.refusedMerges).toHaveLength(1);
    expect(cookiesOnly.data?.recordEvents.refusedMerges[0].reason).toContain('merges need a user id or one of ACCOUNT_ID, EMAIL_SHA256');
    expect(await count('MATCH (u:User) RETURN count(u) AS n')).toBe(3);

    // Logging in: the event carries the cookie and the account.
    const login = await t.graphql(RECORD, {
      e: [{ identities: [cookie('c-9'), account('acct-ana')], productId: 'p-record', kind: 'PURCHASE', at: '2026-03-02T10:00:00Z' }],
    });
    expect(login.errors).toBeUndefined();
    expect(login.data?.recordEvents.merges).toEqual([{ survivorId: 'ana', mergedId: anon?.id }]);
    const ana = (await t.graphql(`query { user(id: "ana") { id mergedIds identities { type value } } }`)).data?.user;
    expect(ana.mergedIds).toEqual([anon?.id]);
    expect(ana.identities.map((identity: { type: string }) => identity.type).sort()).toEqual(['ACCOUNT_ID', 'COOKIE_ID']);
    expect(await count(`MATCH (:User {id: 'ana'})-[r:VIEWED|PURCHASED]->() RETURN count(r) AS n`)).toBe(3);
    // The merged id still finds the person, and events keyed by it go to the survivor.
    expect((await t.graphql(`query ($id: ID!) { user(id: $id) { id } }`, { id: anon?.id })).data?.user).toEqual({ id: 'ana' });
    const late = await t.graphql(RECORD, { e: [{ userId: anon?.id, productId: 'p-shoes', kind: 'RATE', score: 5, at: '2026-03-03T10:00:00Z' }] });
    expect(late.data?.recordEvents.applied).toBe(1);
    expect(await count(`MATCH (:User {id: 'ana'})-[:RATED]->(:Product {id: 'p-shoes'}) RETURN count(*) AS n`)).toBe(1);
    // Consent: the anonymous profile was never asked; Ana's consent stands.
    const [consent] = await t.cypher<{ p: boolean; m: boolean }>(`MATCH (u:User {id: 'ana'}) RETURN u.consentProfiling AS p, u.consentMarketing AS m`);
    expect(consent).toEqual({ p: true, m: true });
  });

  it('moves every relationship on mergeUsers without duplicates, combines interests, takes the stricter consent, and is safe to retry', async () => {
    await seedCatalog(t);
    await seedUsers(t, [
      { id: 'keep', displayName: 'Keep', consentProfiling: true, consentMarketing: true, region: 'north' },
      { id: 'gone', displayName: 'Gone', consentProfiling: true, consentMarketing: false, city: 'Leeds' },
      { id: 'x', displayName: 'X' },
      { id: 'y', displayName: 'Y' },
    ]);
    await follow(t, [
      ['keep', 'x'],
      ['gone', 'x'],
      ['gone', 'y'],
      ['x', 'gone'],
      ['gone', 'keep'],
      ['keep', 'gone'],
    ]);
    const events = (userId: string, day: number) => [
      { userId, productId: 'p-record', kind: 'PURCHASE', at: `2026-03-0${day}T10:00:00Z`, amount: 25 },
      { userId, productId: 'p-record', kind: 'VIEW', at: `2026-03-0${day}T09:00:00Z` },
      { userId, productId: 'p-record', kind: 'RATE', score: day === 1 ? 2 : 5, at: `2026-03-0${day}T11:00:00Z` },
    ];
    // Both bought p-record at the same instant once (a duplicate), and each on its own day.
    await t.graphql(RECORD, { e: [...events('keep', 1), ...events('gone', 1), ...events('gone', 4)] });
    await t.graphql(LINK, { u: 'keep', i: [cookie('ck')] });
    await t.graphql(LINK, { u: 'gone', i: [cookie('cg'), { type: 'EXTERNAL_ID', namespace: 'crm', value: '42' }] });
    await t.cypher(`CREATE (:Segment {id: 's1', name: 'S', kind: 'IMPORTED'})`);
    await t.cypher(
      `MATCH (s:Segment {id: 's1'}), (a:User {id: 'keep'}), (b:User {id: 'gone'}) CREATE (s)-[:INCLUDES {rank: 5, score: 0.5}]->(a), (s)-[:INCLUDES {rank: 2, score: 0.9}]->(b)`,
    );
    const interest = async (id: string) =>
      (
        await t.cypher<{ e: number; at: string }>(
          `MATCH (:User {id: $id})-[r:INTERESTED_IN]->(:Interest {id: 'jazz'}) RETURN r.engagement AS e, toString(r.engagementAt) AS at`,
          { id },
        )
      )[0];
    const before = { keep: await interest('keep'), gone: await interest('gone') };
    const relationshipsBefore = await relationshipCount(t);

    const merged = await t.graphql(MERGE, { s: 'keep', m: 'gone' });
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.mergeUsers).toMatchObject({ merged: true, survivor: { id: 'keep', mergedIds: ['gone'] } });
    expect(await count(`MATCH (u:User {id: 'gone'}) RETURN count(u) AS n`)).toBe(0);
    // Follows: keep→x once, keep→y, x→keep; none between the two, none doubled.
    const follows = await t.cypher<{ a: string; b: string }>(`MATCH (a:User)-[:FOLLOWS]->(b:User) RETURN a.id AS a, b.id AS b ORDER BY a, b`);
    expect(follows).toEqual([
      { a: 'keep', b: 'x' },
      { a: 'keep', b: 'y' },
      { a: 'x', b: 'keep' },
    ]);
    // Purchases: the shared instant once, plus gone's other day; views counted together; the newer rating.
    expect(await count(`MATCH (:User {id: 'keep'})-[r:PURCHASED]->() RETURN count(r) AS n`)).toBe(2);
    const [view] = await t.cypher<{ c: { toNumber(): number }; last: string }>(
      `MATCH (:User {id: 'keep'})-[v:VIEWED]->() RETURN v.count AS c, toString(v.lastAt) AS last`,
    );
    expect(view?.c.toNumber()).toBe(3);
    expect(view?.last).toBe('2026-03-04T09:00:00Z');
    const [rating] = await t.cypher<{ s: { toNumber(): number } }>(`MATCH (:User {id: 'keep'})-[r:RATED]->() RETURN r.score AS s`);
    expect(rating?.s.toNumber()).toBe(5);
    // The event log: keep's day 1 and gone's day 4; gone's day 1 was the same three events (dropped, not orphaned).
    expect(await count(`MATCH (:User {id: 'keep'})-[:DID]->(e:Event) RETURN count(e) AS n`)).toBe(6);
    expect(await count(`MATCH (e:Event) RETURN count(e) AS n`)).toBe(6);
    // Interests: both engagements decayed to the later time and added.
    const after = await interest('keep');
    const tau = Math.max(Date.parse(before.keep?.at ?? ''), Date.parse(before.gone?.at ?? ''));
    const decayed = (side: { e: number; at: string } | undefined) => (side ? side.e * 2 ** (-(tau - Date.parse(side.at)) / (HALF_LIFE_DAYS * 86_400_000)) : 0);
    expect(after?.e).toBeCloseTo(decayed(before.keep) + decayed(before.gone), 9);
    expect(Date.parse(after?.at ?? '')).toBe(tau);
    expect(await count(`MATCH (:User {id: 'keep'})-[r:INTERESTED_IN]->(:Interest {id: 'jazz'}) RETURN count(r) AS n`)).toBe(1);
    // Identities, the segment (best rank kept, once), profile gaps filled, stricter consent.
    expect(await count(`MATCH (:User {id: 'keep'})-[:HAS_IDENTITY]->(i) RETURN count(i) AS n`)).toBe(3);
    const [inclusion] = await t.cypher<{ rank: { toNumber(): number }; score: number; n: { toNumber(): number } }>(
      `MATCH (:Segment {id: 's1'})-[r:INCLUDES]->(u:User) RETURN min(r.rank) AS rank, max(r.score) AS score, count(r) AS n`,
    );
    expect([inclusion?.rank.toNumber(), inclusion?.score, inclusion?.n.toNumber()]).toEqual([2, 0.9, 1]);
    const [profile] = await t.cypher(`MATCH (u:User {id: 'keep'}) RETURN u.region AS region, u.city AS city, u.consentProfiling AS p, u.consentMarketing AS m`);
    expect(profile).toEqual({ region: 'north', city: 'Leeds', p: true, m: false });

    // A retry changes nothing; the merged id now names the survivor.
    const relationshipsAfter = await relationshipCount(t);
    expect(relationshipsAfter).toBeLessThan(relationshipsBefore);
    expect((await t.graphql(MERGE, { s: 'keep', m: 'gone' })).data?.mergeUsers).toMatchObject({ merged: false, relationshipsMoved: 0 });
    expect(await relationshipCount(t)).toBe(relationshipsAfter);
    expect(errorCode(await t.graphql(MERGE, { s: 'x', m: 'gone' }))).toBe('CONFLICT');
    expect(errorCode(await t.graphql(MERGE, { s: 'gone', m: 'x' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(MERGE, { s: 'x', m: 'x' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(MERGE, { s: 'x', m: 'nobody' }))).toBe('NOT_FOUND');
    expect(errorCode(await t.graphql(MERGE, { s: 'x', m: 'y' }, { role: 'analyst' }))).toBe('FORBIDDEN');
  });

  it('refuses links and merges over the per-type limits, changing nothing', async () => {
    await seedCatalog(t);
    await seedUsers(t, [
      { id: 'a', displayName: 'A' },
      { id: 'b', displayName: 'B' },
    ]);
    await t.graphql(LINK, { u: 'a', i: [account('acct-a')] });
    await t.graphql(LINK, { u: 'b', i: [account('acct-b')] });
    const second = await t.graphql(LINK, { u: 'a', i: [account('acct-a2')] });
    expect(errorCode(second)).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).toContain('would hold 2 ACCOUNT_ID identities; the limit is 1');
    expect(errorCode(await t.graphql(LINK, { u: 'a', i: [account('acct-b')] }))).toBe('CONFLICT');
    expect((await t.graphql(LINK, { u: 'a', i: [account('acct-a')] })).data?.linkIdentities).toMatchObject({ linked: 0, alreadyLinked: 1 });
    const relationships = await relationshipCount(t);
    expect(errorCode(await t.graphql(MERGE, { s: 'a', m: 'b' }))).toBe('CONFLICT');
    // An event showing both accounts: two known users, each with its own id, are never merged by an event.
    const both = await t.graphql(RECORD, {
      e: [{ identities: [account('acct-a'), account('acct-b')], productId: 'p-record', kind: 'VIEW', at: '2026-03-01T10:00:00Z' }],
    });
    expect(both.data?.recordEvents.merges).toEqual([]);
    expect(both.data?.recordEvents.refusedMerges[0].reason).toContain('both are known users');
    expect(await relationshipCount(t)).toBe(relationships + 1 + 2 + 1); // the view, its interest weights and its event-log entry
    expect(await count('MATCH (u:User) RETURN count(u) AS n')).toBe(2);
  });

  it('erases identities and merge records with the user', async () => {
    await seedCatalog(t);
    await seedUsers(t, [
      { id: 'a', displayName: 'A' },
      { id: 'b', displayName: 'B' },
    ]);
    await t.graphql(LINK, { u: 'b', i: [cookie('cb'), { type: 'PHONE', value: '+44 20 7946 0018' }] });
    await t.graphql(MERGE, { s: 'a', m: 'b' });
    expect(await count('MATCH (n:Identity|MergedFrom) RETURN count(n) AS n')).toBe(3);
    const deleted = await t.graphql(`mutation { deleteUser(id: "a") { deletedUserId } }`);
    expect(deleted.errors).toBeUndefined();
    expect(await count('MATCH (n:Identity|MergedFrom) RETURN count(n) AS n')).toBe(0);
    expect((await t.graphql(`query { user(id: "b") { id } }`)).data?.user).toBeNull();
  });
});
