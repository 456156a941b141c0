import { describe, expect, it } from 'vitest';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';
import { plant } from './planted.js';

const QUERY = `query ($seed: [ID!]!, $size: Int!, $options: LookalikeOptions) {
  lookalike(seed: { userIds: $seed }, size: $size, options: $options) {
    seedSize size holdoutPrecision fusion
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

  it('fuses by rank or by the stacked model as asked, says which, and explains members either way', async () => {
    const { seed, twins } = await plant(t);
    for (const fusion of ['RANK', 'STACKED']) {
      const result = await t.graphql(QUERY, { seed, size: 20, options: { fusion } });
      expect(result.errors, fusion).toBeUndefined();
      const audience = result.data?.lookalike;
      expect(audience.fusion).toBe(fusion);
      const ids = audience.members.nodes.map((m: any) => m.user.id);
      expect(new Set(ids.slice(0, 9)), fusion).toEqual(new Set(twins.slice(0, 9)));
      expect(audience.members.nodes[0].reasons.length, fusion).toBeGreaterThan(0);
      expect(audience.holdoutPrecision, fusion).toBeGreaterThan(0);
    }
    const stacked = (await t.graphql(QUERY, { seed, size: 20, options: { fusion: 'STACKED' } })).data?.lookalike;
    // A probability of being like the seed, best first.
    const scores = stacked.members.nodes.map((m: any) => m.score);
    expect(scores.every((score: number) => score > 0 && score < 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const small = await t.graphql(QUERY, { seed: seed.slice(0, 12), size: 10, options: { fusion: 'STACKED' } });
    expect(errorCode(small)).toBe('BAD_USER_INPUT');
    expect(small.errors?.[0]?.message).toContain('at least 20');
  });

  it('finds similar users for one person: the planted twins for a seed member', async () => {
    const { seed, twins } = await plant(t);
    const result = await t.graphql(
      `query ($id: ID!) { user(id: $id) { similarUsers(first: 15) { user { id consentProfiling } score reasons { kind label } } } }`,
      { id: seed[0] },
    );
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
    const saved = await t.graphql(
      `mutation ($seed: [ID!]!) { saveLookalikeSegment(name: "Like our buyers", seed: { userIds: $seed }, size: 25) {
      id name kind size seedSize settings members(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { rank score user { id } } } } }`,
      { seed },
    );
    expect(saved.errors).toBeUndefined();
    const segment = saved.data?.saveLookalikeSegment;
    expect(segment).toMatchObject({ name: 'Like our buyers', kind: 'LOOKALIKE', seedSize: 30 });
    // Only users some chosen signal links to the seed are included: at least the 9 consenting twins.
    expect(segment.size).toBeGreaterThanOrEqual(9);
    expect(segment.size).toBeLessThanOrEqual(25);
    expect(segment.members.totalCount).toBe(segment.size);
    expect(JSON.parse(segment.settings)).toMatchObject({ size: 25 });
    for (const id of seed) expect(segment.settings).not.toContain(`"${id}"`);
    expect(segment.members.nodes.map((m: any) => m.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(twins.slice(0, 9)).toContain(segment.members.nodes[0].user.id);
    const first = segment.members.nodes[0].user.id;
    await t.graphql(`mutation ($id: ID!) { setConsent(userId: $id, consentProfiling: false) { id } }`, { id: first });
    await t.graphql(`mutation ($id: ID!) { deleteUser(id: $id) { deletedUserId } }`, { id: segment.members.nodes[1].user.id });
    const later = await t.graphql(`query ($id: ID!) { segment(id: $id) { size members(first: 5) { totalCount nodes { user { id } } } } }`, { id: segment.id });
    expect(later.data?.segment.size).toBe(segment.size);
    expect(later.data?.segment.members.totalCount).toBe(segment.size - 2);
    expect(later.data?.segment.members.nodes.map((m: any) => m.user.id)).not.toContain(first);
    expect(
      errorCode(
        await t.graphql(
          `mutation ($seed: [ID!]!) { saveLookalikeSegment(name: "x", seed: { userIds: $seed }, size: 5) { id } }`,
          { seed },
          { role: 'analyst' },
        ),
      ),
    ).toBe('FORBIDDEN');
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
