import { describe, expect, it } from 'vitest';
import { INTERESTS, nodeCount, relationshipCount, seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase, type GraphqlResult } from '../../helpers/test-db.js';
import { createProfileLoaders, ProfilesService } from '../../../src/profiles/index.js';
import { CountCache } from '../../../src/lib/count-cache.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

describe('users and profiles', () => {
  const t = useTestDatabase();

  const people = [
    {
      id: 'ana',
      displayName: 'Ana',
      gender: 'FEMALE',
      birthYear: 1990,
      region: 'North',
      occupation: 'engineer',
      consentProfiling: true,
      consentMarketing: true,
      email: 'ana@example.com',
      phone: '+447900000001',
      createdAt: day(400),
      interests: [
        { interestId: 'jazz', weight: 2 },
        { interestId: 'vinyl', weight: 1 },
      ],
    },
    { id: 'ben', displayName: 'Ben', gender: 'MALE', birthYear: 1980, region: 'South', occupation: 'teacher', consentProfiling: false, createdAt: day(10) },
    { id: 'cai', displayName: 'Cai', region: 'North', consentProfiling: true, createdAt: day(300), interests: [{ interestId: 'running', weight: 1 }] },
  ];

  it('serves a profile with derived tags and interests strongest first', async () => {
    await seedCatalog(t);
    await seedUsers(t, people);
    const result = await t.graphql(
      `{ user(id: "ana") { id displayName gender birthYear ageBand region occupation lifecycleStage consentProfiling email phone
           interests(first: 5) { interest { id name userCount } weight source } } }`,
      {},
      { now: NOW },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.user).toMatchObject({
      id: 'ana',
      displayName: 'Ana',
      gender: 'FEMALE',
      birthYear: 1990,
      ageBand: '35-44',
      region: 'North',
      lifecycleStage: 'CHURNED',
      consentProfiling: true,
      email: 'ana@example.com',
      phone: '+447900000001',
    });
    expect(result.data?.user.interests).toEqual([
      { interest: { id: 'jazz', name: 'Jazz', userCount: 1 }, weight: 2, source: 'declared' },
      { interest: { id: 'vinyl', name: 'Vinyl', userCount: 1 }, weight: 1, source: 'declared' },
    ]);
    const missing = await t.graphql(`{ user(id: "nobody") { id } }`);
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.user).toBeNull();
  });

  it('pages through users with keyset cursors and counts them', async () => {
    await seedUsers(
      t,
      Array.from({ length: 23 }, (_, i) => ({ id: `u${String(i).padStart(2, '0')}`, displayName: `User ${i}` })),
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const result: GraphqlResult = await t.graphql(
        `query ($after: String) { users(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const users = result.data?.users;
      expect(users.totalCount).toBe(23);
      seen.push(...users.nodes.map((node: { id: string }) => node.id));
      if (!users.pageInfo.hasNextPage) break;
      after = users.pageInfo.endCursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(23);
  });

  it('filters by attributes, interest, consent and lifecycle stage', async () => {
    await seedCatalog(t);
    await seedUsers(t, people);
    const ids = async (filter: Record<string, unknown>) => {
      const result = await t.graphql(`query ($f: UserFilter) { users(first: 10, filter: $f) { totalCount nodes { id } } }`, { f: filter }, { now: NOW });
      expect(result.errors).toBeUndefined();
      expect(result.data?.users.totalCount).toBe(result.data?.users.nodes.length);
      return result.data?.users.nodes.map((node: { id: string }) => node.id);
    };
    expect(await ids({ region: 'North' })).toEqual(['ana', 'cai']);
    expect(await ids({ interestId: 'jazz' })).toEqual(['ana']);
    expect(await ids({ consentProfiling: false })).toEqual(['ben']);
    expect(await ids({ lifecycleStage: 'NEW' })).toEqual(['ben']);
    expect(await ids({ region: 'North', interestId: 'running' })).toEqual(['cai']);
    // users-count.cypher drives each count by one filter's index and checks the rest after:
    // every driver, alone and with a later filter, and no filter at all (the count store).
    expect(await ids({ ids: ['cai', 'ana', 'nobody'], region: 'North' })).toEqual(['ana', 'cai']);
    expect(await ids({ ids: ['ben'], interestId: 'jazz' })).toEqual([]);
    expect(await ids({ occupation: 'engineer', gender: 'FEMALE' })).toEqual(['ana']);
    expect(await ids({ gender: 'FEMALE', consentMarketing: true })).toEqual(['ana']);
    expect(await ids({ consentProfiling: true, lifecycleStage: 'NEW' })).toEqual([]);
    expect(await ids({})).toEqual(['ana', 'ben', 'cai']);
  });

  it('lists interests by name with user counts', async () => {
    await seedCatalog(t);
    await seedUsers(t, people);
    const result = await t.graphql(`{ interests(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id name userCount } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.interests.totalCount).toBe(INTERESTS.length);
    expect(result.data?.interests.nodes).toEqual([
      { id: 'jazz', name: 'Jazz', userCount: 1 },
      { id: 'running', name: 'Running', userCount: 1 },
    ]);
    const next = await t.graphql(`query ($a: String) { interests(first: 2, after: $a) { pageInfo { hasNextPage } nodes { id } } }`, {
      a: result.data?.interests.pageInfo.endCursor,
    });
    expect(next.data?.interests).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ id: 'vinyl' }] });
  });

  it('upserts idempotently, reporting created and updated, keeping omitted fields', async () => {
    const mutation = `mutation ($input: [UserInput!]!) { upsertUsers(input: $input) { created updated users { id displayName region } } }`;
    const first = await t.graphql(mutation, { input: [{ id: 'ana', displayName: 'Ana', region: 'North' }] });
    expect(first.data?.upsertUsers).toMatchObject({ created: 1, updated: 0 });
    const again = await t.graphql(mutation, {
      input: [
        { id: 'ana', displayName: 'Ana B.' },
        { id: 'ben', displayName: 'Ben' },
      ],
    });
    expect(again.errors).toBeUndefined();
    expect(again.data?.upsertUsers).toEqual({
      created: 1,
      updated: 1,
      users: [
        { id: 'ana', displayName: 'Ana B.', region: 'North' },
        { id: 'ben', displayName: 'Ben', region: null },
      ],
    });
    expect(await nodeCount(t)).toBe(2);
  });

  it('rejects bad input with a code and writes nothing', async () => {
    await seedCatalog(t);
    const before = await nodeCount(t);
    const mutation = `mutation ($input: [UserInput!]!) { upsertUsers(input: $input) { created } }`;
    const badEmail = await t.graphql(mutation, { input: [{ id: 'x', displayName: 'X', email: 'not-an-email' }] });
    expect(errorCode(badEmail)).toBe('BAD_USER_INPUT');
    const badPhone = await t.graphql(mutation, { input: [{ id: 'x', displayName: 'X', phone: 'call me' }] });
    expect(errorCode(badPhone)).toBe('BAD_USER_INPUT');
    const unknownInterest = await t.graphql(mutation, {
      input: [
        { id: 'x', displayName: 'X' },
        { id: 'y', displayName: 'Y', interests: [{ interestId: 'knitting', weight: 1 }] },
      ],
    });
    expect(errorCode(unknownInterest)).toBe('NOT_FOUND');
    expect(unknownInterest.errors?.[0]?.message).toContain('knitting');
    const duplicate = await t.graphql(mutation, {
      input: [
        { id: 'x', displayName: 'X' },
        { id: 'x', displayName: 'X2' },
      ],
    });
    expect(errorCode(duplicate)).toBe('BAD_USER_INPUT');
    const negativeWeight = await t.graphql(mutation, { input: [{ id: 'x', displayName: 'X', interests: [{ interestId: 'jazz', weight: -1 }] }] });
    expect(errorCode(negativeWeight)).toBe('BAD_USER_INPUT');
    expect(await nodeCount(t)).toBe(before);
  });

  it('refuses pages above the cap and forged cursors', async () => {
    const tooMany = await t.graphql(`{ users(first: ${t.config.limits.maxPageSize + 1}) { totalCount } }`);
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toContain(String(t.config.limits.maxPageSize));
    await seedUsers(t, [{ id: 'a', displayName: 'A' }]);
    const nested = await t.graphql(`{ users(first: 1) { nodes { interests(first: ${t.config.limits.maxPageSize + 1}) { weight } } } }`);
    expect(errorCode(nested)).toBe('BAD_USER_INPUT');
    expect(nested.data).toBeNull();
    for (const cursor of ['garbage!', Buffer.from('product:"a"').toString('base64url'), Buffer.from('user:{').toString('base64url')]) {
      const result = await t.graphql(`query ($a: String) { users(first: 1, after: $a) { totalCount } }`, { a: cursor });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses queries deeper than the configured limit before running them', async () => {
    const queries = t.countQueries();
    const deep = `{ user(id: "a") { ${'friends(first: 1) { nodes { '.repeat(6)} id ${'} } '.repeat(6)} } }`;
    const result = await t.graphql(deep);
    queries.stop();
    expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(queries.total()).toBe(0);
  });

  it('sets consent and refuses an empty or unknown request', async () => {
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana', consentProfiling: true, consentMarketing: true }]);
    const result = await t.graphql(`mutation { setConsent(userId: "ana", consentProfiling: false) { consentProfiling consentMarketing } }`);
    expect(result.data?.setConsent).toEqual({ consentProfiling: false, consentMarketing: true });
    expect(errorCode(await t.graphql(`mutation { setConsent(userId: "ana") { id } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(`mutation { setConsent(userId: "zed", consentMarketing: true) { id } }`))).toBe('NOT_FOUND');
  });

  it('deleteUser removes the user and every relationship, and nothing else', async () => {
    await seedCatalog(t);
    await seedUsers(t, people);
    await t.graphql(
      `mutation { a: follow(followerId: "ana", followeeId: "cai") { created } b: follow(followerId: "cai", followeeId: "ana") { created } c: follow(followerId: "ben", followeeId: "cai") { created } }`,
    );
    const events = await t.graphql(
      `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`,
      {
        e: [
          { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: day(3), quantity: 1, amount: 25 },
          { userId: 'ana', productId: 'p-shoes', kind: 'VIEW', at: day(2) },
          { userId: 'ana', productId: 'p-record', kind: 'RATE', at: day(1), score: 5 },
        ],
      },
      { now: NOW },
    );
    expect(events.data?.recordEvents.applied).toBe(3);
    // A published influence run lists her among the top influencers and in the KOL-set order.
    await t.cypher(`CREATE (:AnalyticsState {id: 'current', topInfluencers: ['cai', 'ana'], kolSetOrder: ['ana', 'cai'], kolSetSpread: [2.0, 3.0]})`);
    const nodesBefore = await nodeCount(t);
    const [anaRels] = await t.cypher<{ n: { toNumber(): number } }>('MATCH (:User {id: "ana"})-[r]-() RETURN count(r) AS n');
    const relsBefore = await relationshipCount(t);

    const result = await t.graphql(`mutation { deleteUser(id: "ana") { deletedUserId relationshipsDeleted } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteUser).toEqual({ deletedUserId: 'ana', relationshipsDeleted: anaRels?.n.toNumber() });
    expect(await t.cypher(`MATCH (u:User {id: "ana"}) RETURN u`)).toEqual([]);
    expect(await nodeCount(t)).toBe(nodesBefore - 1 - 3); // she and her three events in the event log
    expect(await relationshipCount(t)).toBe(relsBefore - (anaRels?.n.toNumber() ?? 0));
    // Nothing anywhere still mentions her: no property holds her id or e-mail, alone, in a list or quoted in JSON.
    expect(
      await t.cypher(`MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IN ['ana', 'ana@example.com']
      OR (valueType(n[k]) STARTS WITH 'LIST' AND any(x IN n[k] WHERE x IN ['ana', 'ana@example.com']))
      OR (n[k] IS :: STRING AND n[k] CONTAINS '"ana"')) RETURN n`),
    ).toEqual([]);
    // The KOL-set order keeps its positions (the reach curve beside it is per position).
    expect(await t.cypher(`MATCH (s:AnalyticsState) RETURN s.topInfluencers AS top, s.kolSetOrder AS order`)).toEqual([{ top: ['cai'], order: ['', 'cai'] }]);
    const friends = await t.graphql(`{ user(id: "cai") { followerCount friends(first: 5) { totalCount } } }`);
    expect(friends.data?.user).toEqual({ followerCount: 1, friends: { totalCount: 0 } });
    expect(errorCode(await t.graphql(`mutation { deleteUser(id: "ana") { deletedUserId } }`))).toBe('NOT_FOUND');
  });

  it('deleteUser erases a user with more relationships than one batch, and a re-run after an interruption finishes it', async () => {
    await seedCatalog(t);
    await seedUsers(t, people);
    await t.graphql(
      `mutation { a: follow(followerId: "ana", followeeId: "cai") { created } b: follow(followerId: "cai", followeeId: "ana") { created } c: follow(followerId: "ben", followeeId: "ana") { created } }`,
    );
    const [before] = await t.cypher<{ n: { toNumber(): number } }>('MATCH (:User {id: "ana"})-[r]-() RETURN count(r) AS n');
    const total = before?.n.toNumber() ?? 0;
    expect(total).toBeGreaterThan(4);
    const batches: number[] = [];
    const stop = t.db.onQuery(({ name, rows }) => {
      if (name === 'profiles/delete-user-relationships') batches.push(rows);
    });
    const service = new ProfilesService(t.db, createProfileLoaders(t.db), t.config.limits, new CountCache(0), 2);
    // An interruption after the first step: consent is off and contact details are gone already.
    await t.cypher(`MATCH (u:User {id: 'ana'}) SET u.consentProfiling = false REMOVE u.email`);
    expect(await service.deleteUser('ana')).toEqual({ deletedUserId: 'ana', relationshipsDeleted: total });
    stop();
    expect(batches.length).toBe(Math.floor(total / 2) + 1);
    expect(await t.cypher(`MATCH (u:User {id: "ana"}) RETURN u`)).toEqual([]);
    await expect(service.deleteUser('ana')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
