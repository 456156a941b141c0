import { describe, expect, it } from 'vitest';
import { int, toNeo4jDateTime } from '../../../src/db/values.js';
import { ingestQueries } from '../../../src/ingest/queries.js';
import { createRandom } from '../../../src/ingest/random.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

type T = ReturnType<typeof useTestDatabase>;

/**
 * 30 seed users and 10 planted lookalikes share a taste (interests i0–i2, products p0–p4, and
 * follow each other); 150 others have random tastes from i3–i19 / p5–p59. One planted twin has
 * withdrawn profiling consent. By construction the 9 consenting twins must rank first.
 */
async function plant(t: T) {
  const random = createRandom(5);
  const interests = Array.from({ length: 20 }, (_, i) => ({ id: `i${i}`, name: `Interest ${i}` }));
  await t.db.mutate(ingestQueries.upsertInterests, { rows: interests });
  await t.db.mutate(ingestQueries.upsertProducts, { rows: Array.from({ length: 60 }, (_, p) => ({ id: `p${p}`, props: { name: `Product ${p}` }, interests: [] })) });
  const seed = Array.from({ length: 30 }, (_, i) => `seed${i}`);
  const twins = Array.from({ length: 10 }, (_, i) => `twin${i}`);
  const others = Array.from({ length: 150 }, (_, i) => `other${i}`);
  const users = [...seed, ...twins, ...others].map((id) => ({ id, props: { displayName: id, consentProfiling: id !== 'twin9', consentMarketing: true } }));
  await t.db.mutate(ingestQueries.upsertUsers, { rows: users });
  const likes = [...seed, ...twins].flatMap((userId) => [0, 1, 2].map((i) => ({ userId, interestId: `i${i}`, weight: 1 + random() })));
  const otherLikes = others.flatMap((userId) => [0, 1, 2].map(() => ({ userId, interestId: `i${3 + Math.floor(random() * 17)}`, weight: 1 + random() })));
  await t.db.mutate(ingestQueries.upsertUserInterests, { rows: [...likes, ...otherLikes], now: toNeo4jDateTime(new Date()) });
  const views = [
    ...[...seed, ...twins].flatMap((userId) => [0, 1, 2, 3, 4].filter(() => random() < 0.8).map((p) => ({ userId, productId: `p${p}` }))),
    ...others.flatMap((userId) => [0, 1, 2, 3].map(() => ({ userId, productId: `p${5 + Math.floor(random() * 55)}` }))),
  ];
  await t.db.mutate(ingestQueries.upsertListens, { rows: views.map((v) => ({ ...v, count: int(1) })) });
  const follows = [...seed, ...twins].flatMap((a) => [...seed, ...twins].filter((b) => b !== a && random() < 0.15).map((b) => ({ followerId: a, followeeId: b, since: null, weight: 1 })));
  const noise = others.flatMap((a) => [0, 1].map(() => ({ followerId: a, followeeId: others[Math.floor(random() * others.length)] ?? a, since: null, weight: 1 }))).filter((f) => f.followerId !== f.followeeId);
  await t.db.mutate(ingestQueries.upsertFollows, { rows: [...follows, ...noise] });
  return { seed, twins };
}

const QUERY = `query ($seed: [ID!]!, $size: Int!, $options: LookalikeOptions) {
  lookalike(seed: { userIds: $seed }, size: $size, options: $options) {
    seedSize size holdoutPrecision
    signals { signal weight holdoutPrecision }
    members(first: 20) { totalCount nodes { user { id consentProfiling } score reasons { kind label weight } } }
  }
}`;

describe('lookalike', () => {
  const t = useTestDatabase();

  it('returns the planted near-identical users first, with readable reasons, never seeds or non-consenting users', async () => {
    const { seed, twins } = await plant(t);
    const result = await t.graphql(QUERY, { seed, size: 50 });
    expect(result.errors).toBeUndefined();
    const audience = result.data?.lookalike;
    expect(audience.seedSize).toBe(30);
    const ids = audience.members.nodes.map((m: any) => m.user.id);
    expect(new Set(ids.slice(0, 9))).toEqual(new Set(twins.slice(0, 9)));
    expect(ids).not.toContain('twin9');
    expect(ids.some((id: string) => seed.includes(id))).toBe(false);
    expect(audience.members.nodes.every((m: any) => m.user.consentProfiling)).toBe(true);
    expect(audience.members.nodes[0].reasons.length).toBeGreaterThan(0);
    const byInterest = await t.graphql(QUERY, { seed, size: 20, options: { signals: ['INTERESTS'] } });
    expect(byInterest.data?.lookalike.members.nodes[0].reasons[0].label).toMatch(/^shares interests Interest [012]/);
    // Only signals with weight in the chosen blend explain a member; each reason reads as a sentence.
    const weighted = new Set(audience.signals.filter((s: any) => s.weight > 0).map((s: any) => s.signal));
    for (const reason of audience.members.nodes[0].reasons) expect(weighted.has(reason.kind)).toBe(true);
    const coEngagement = await t.graphql(QUERY, { seed, size: 20, options: { signals: ['CO_ENGAGEMENT'] } });
    expect(coEngagement.data?.lookalike.members.nodes[0].reasons[0].label).toMatch(/engaged with \d+ products? the seed engages with \(Product \d/);
    expect(audience.signals.map((s: any) => s.signal)).toEqual(['INTERESTS', 'CO_ENGAGEMENT', 'SOCIAL', 'COMMUNITY']);
    expect(audience.holdoutPrecision).toBeGreaterThan(0);
    // Same seed, same options: same audience.
    const again = await t.graphql(QUERY, { seed, size: 50 });
    expect(again.data?.lookalike.members.nodes.map((m: any) => m.user.id)).toEqual(ids);
  });

  it('finds similar users for one person: the planted twins for a seed member', async () => {
    const { seed, twins } = await plant(t);
    const result = await t.graphql(`query ($id: ID!) { user(id: $id) { similarUsers(first: 15) { user { id consentProfiling } score reasons { kind label } } } }`, { id: seed[0] });
    expect(result.errors).toBeUndefined();
    const similar = result.data?.user.similarUsers as { user: { id: string; consentProfiling: boolean }; reasons: { label: string }[] }[];
    const tasteMates = new Set([...seed.slice(1), ...twins.slice(0, 9)]);
    expect(similar.length).toBe(15);
    expect(similar.every((s) => tasteMates.has(s.user.id) && s.user.consentProfiling)).toBe(true);
    expect(similar[0]?.reasons.length).toBeGreaterThan(0);
    const withdrawn = await t.graphql(`{ user(id: "twin9") { similarUsers { user { id } } } }`);
    expect(withdrawn.data?.user.similarUsers).toEqual([]);
  });

  it('saves an audience as a segment with scores and settings; withdrawn consent and deleted users drop out', async () => {
    const { seed, twins } = await plant(t);
    const saved = await t.graphql(`mutation ($seed: [ID!]!) { saveLookalikeSegment(name: "Like our buyers", seed: { userIds: $seed }, size: 25) {
      id name kind size seedSize settings members(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { rank score user { id } } } } }`, { seed });
    expect(saved.errors).toBeUndefined();
    const segment = saved.data?.saveLookalikeSegment;
    expect(segment).toMatchObject({ name: 'Like our buyers', kind: 'LOOKALIKE', seedSize: 30 });
    // Only users some chosen signal links to the seed are included: at least the 9 consenting twins.
    expect(segment.size).toBeGreaterThanOrEqual(9);
    expect(segment.size).toBeLessThanOrEqual(25);
    expect(segment.members.totalCount).toBe(segment.size);
    expect(JSON.parse(segment.settings)).toMatchObject({ size: 25, seed });
    expect(segment.members.nodes.map((m: any) => m.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(twins.slice(0, 9)).toContain(segment.members.nodes[0].user.id);
    const first = segment.members.nodes[0].user.id;
    await t.graphql(`mutation ($id: ID!) { setConsent(userId: $id, consentProfiling: false) { id } }`, { id: first });
    await t.graphql(`mutation ($id: ID!) { deleteUser(id: $id) { deletedUserId } }`, { id: segment.members.nodes[1].user.id });
    const later = await t.graphql(`query ($id: ID!) { segment(id: $id) { size members(first: 5) { totalCount nodes { user { id } } } } }`, { id: segment.id });
    expect(later.data?.segment.size).toBe(segment.size);
    expect(later.data?.segment.members.totalCount).toBe(segment.size - 2);
    expect(later.data?.segment.members.nodes.map((m: any) => m.user.id)).not.toContain(first);
    expect(errorCode(await t.graphql(`mutation ($seed: [ID!]!) { saveLookalikeSegment(name: "x", seed: { userIds: $seed }, size: 5) { id } }`, { seed }, { role: 'analyst' }))).toBe('FORBIDDEN');
  });

  it('refuses small seeds, unknown ids and oversized audiences with codes', async () => {
    const { seed } = await plant(t);
    const small = await t.graphql(QUERY, { seed: seed.slice(0, 5), size: 10 });
    expect(errorCode(small)).toBe('BAD_USER_INPUT');
    expect(small.errors?.[0]?.message).toContain('at least 10');
    expect(errorCode(await t.graphql(QUERY, { seed: [...seed, 'ghost'], size: 10 }))).toBe('NOT_FOUND');
    expect(errorCode(await t.graphql(QUERY, { seed, size: 10_001 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(QUERY, { seed, size: 10, options: { holdoutFraction: 0.95 } }))).toBe('BAD_USER_INPUT');
  });
});
