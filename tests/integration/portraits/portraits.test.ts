import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T12:00:00Z');

const PORTRAIT = `query($group: PortraitGroupInput!) { portrait(group: $group) {
  size minBucketSize suppressed
  distributions { dimension buckets { value users share } suppressedBuckets suppressedUsers }
  topInterests(first: 10) { traits { id name users share populationShare tgi } suppressed }
  topProducts { traits { id users tgi } suppressed }
  topCategories { traits { id users tgi } suppressed }
} }`;

/**
 * 40 users: north u00–u24 (25), south u25–u34 (10), east u35–u39 (5); u39 withdrew profiling
 * consent, u00–u02 lack marketing consent. Interests: jazz u00–u19, rock u00–u04 and u25–u34,
 * pop everyone. Purchases: u00–u14 bought p1 (category music), u25–u34 bought p2 (books).
 */
async function seed(t: ReturnType<typeof useTestDatabase>): Promise<void> {
  const users = Array.from({ length: 40 }, (_, i) => ({
    id: `u${String(i).padStart(2, '0')}`,
    region: i < 25 ? 'north' : i < 35 ? 'south' : 'east',
    gender: i % 2 === 0 ? 'FEMALE' : 'MALE',
    birthYear: 1990 + (i % 3),
    profiling: i !== 39,
    marketing: i > 2,
    interests: [...(i < 20 ? ['jazz'] : []), ...(i < 5 || (i >= 25 && i < 35) ? ['rock'] : []), 'pop'],
    product: i < 15 ? 'p1' : i >= 25 && i < 35 ? 'p2' : null,
  }));
  await t.cypher(`
    CREATE (:Interest {id: 'jazz', name: 'Jazz'}), (:Interest {id: 'rock', name: 'Rock'}), (:Interest {id: 'pop', name: 'Pop'})
    CREATE (:Product {id: 'p1', name: 'Record', category: 'music'}), (:Product {id: 'p2', name: 'Novel', category: 'books'})`);
  await t.cypher(
    `UNWIND $users AS row
     CREATE (u:User {id: row.id, displayName: row.id, region: row.region, gender: row.gender, birthYear: row.birthYear,
                     consentProfiling: row.profiling, consentMarketing: row.marketing, createdAt: datetime('2024-01-01T00:00:00Z'),
                     lastActiveAt: datetime('2026-05-20T00:00:00Z')})
     WITH u, row
     UNWIND row.interests AS interestId
     MATCH (i:Interest {id: interestId})
     CREATE (u)-[:INTERESTED_IN {weight: 1.0}]->(i)
     WITH DISTINCT u, row WHERE row.product IS NOT NULL
     MATCH (p:Product {id: row.product})
     CREATE (u)-[:PURCHASED {at: datetime('2026-05-01T00:00:00Z'), quantity: 1, amount: 10.0}]->(p)`,
    { users },
  );
}

describe('group portraits', () => {
  const t = useTestDatabase();
  beforeEach(() => seed(t));

  it('breaks a group down by its traits, with TGI that matches a recount', async () => {
    const result = await t.graphql(PORTRAIT, { group: { userIds: Array.from({ length: 25 }, (_, i) => `u${String(i).padStart(2, '0')}`) } }, { now: NOW });
    expect(result.errors).toBeUndefined();
    const portrait = result.data?.['portrait'];
    expect(portrait).toMatchObject({ size: 25, minBucketSize: 10, suppressed: false });
    const dimension = (name: string) => portrait.distributions.find((d: { dimension: string }) => d.dimension === name);
    expect(dimension('REGION')).toEqual({ dimension: 'REGION', buckets: [{ value: 'north', users: 25, share: 1 }], suppressedBuckets: 0, suppressedUsers: 0 });
    expect(dimension('GENDER').buckets).toEqual([
      { value: 'FEMALE', users: 13, share: 13 / 25 },
      { value: 'MALE', users: 12, share: 12 / 25 },
    ]);
    // Born 1990–1992, 34–36 in 2026: 35-44 holds the 1990 and 1991 births (17), 25-34 the 1992 ones (8: suppressed).
    expect(dimension('AGE_BAND')).toMatchObject({ buckets: [{ value: '35-44', users: 17 }], suppressedBuckets: 1, suppressedUsers: 8 });
    expect(dimension('VALUE_TIER').buckets).toEqual([{ value: 'UNKNOWN', users: 25, share: 1 }]);

    // TGI recounted straight from the graph: share in the group ÷ share in the profiled population × 100.
    const [recount] = await t.cypher(`
      MATCH (x:User) WHERE x.consentProfiling = true
      WITH count(x) AS population
      MATCH (h:User)-[:INTERESTED_IN]->(:Interest {id: 'jazz'}) WHERE h.consentProfiling = true
      WITH population, count(h) AS holders
      RETURN population, holders`);
    const population = Number(recount?.['population']);
    const holders = Number(recount?.['holders']);
    const jazz = portrait.topInterests.traits.find((trait: { id: string }) => trait.id === 'jazz');
    expect(jazz.users).toBe(20);
    expect(jazz.share).toBeCloseTo(20 / 25, 10);
    expect(jazz.populationShare).toBeCloseTo(holders / population, 10);
    expect(jazz.tgi).toBeCloseTo((20 / 25 / (holders / population)) * 100, 8);
    expect(jazz.tgi).toBeGreaterThan(100);
    // rock: 5 in the group, under k: suppressed, not shown.
    expect(portrait.topInterests.traits.map((trait: { id: string }) => trait.id)).toEqual(['pop', 'jazz']);
    expect(portrait.topInterests.suppressed).toBe(1);
    expect(portrait.topProducts.traits).toEqual([{ id: 'p1', users: 15, tgi: expect.closeTo((15 / 25 / (15 / 39)) * 100, 8) }]);
    expect(portrait.topCategories.traits.map((trait: { id: string }) => trait.id)).toEqual(['music']);
  });

  it('suppresses every breakdown of a group smaller than k, and never counts users without profiling consent', async () => {
    const small = await t.graphql(PORTRAIT, { group: { userIds: ['u35', 'u36', 'u37', 'u38', 'u39'] } }, { now: NOW });
    const portrait = small.data?.['portrait'];
    expect(portrait.size).toBe(4); // u39 withdrew profiling consent
    expect(portrait.suppressed).toBe(true);
    for (const distribution of portrait.distributions) {
      expect(distribution.buckets).toEqual([]);
      expect(distribution.suppressedUsers).toBe(4);
    }
    expect(portrait.topInterests).toEqual({ traits: [], suppressed: 1 });
  });

  it('portrays a rule as its segment would have it (marketing consent), and compares two groups', async () => {
    const north = { rule: { attribute: { attribute: 'REGION', equals: 'north' } } };
    const query = `query($group: PortraitGroupInput!, $base: PortraitGroupInput!) { portrait(group: $group) {
      size
      compare(base: $base) { base { size } buckets { dimension value share baseShare index } interests { id share baseShare index } }
    } }`;
    const everyone = { rule: { attribute: { attribute: 'REGION', exists: true } } };
    const result = await t.graphql(query, { group: north, base: everyone }, { now: NOW });
    expect(result.errors).toBeUndefined();
    const portrait = result.data?.['portrait'];
    expect(portrait.size).toBe(22); // u00–u02 lack marketing consent
    expect(portrait.compare.base.size).toBe(36);
    const region = portrait.compare.buckets.find((bucket: { dimension: string }) => bucket.dimension === 'REGION');
    expect(region).toEqual({ dimension: 'REGION', value: 'north', share: 1, baseShare: 22 / 36, index: (1 / (22 / 36)) * 100 });
    const jazz = portrait.compare.interests.find((trait: { id: string }) => trait.id === 'jazz');
    expect(jazz).toEqual({ id: 'jazz', share: 17 / 22, baseShare: 17 / 36, index: expect.closeTo((17 / 22 / (17 / 36)) * 100, 8) });
  });

  it('hangs off previews, segments and communities', async () => {
    const rule = { interest: { interestId: 'rock' } };
    const preview = await t.graphql(`query($rule: SegmentRuleInput!) { previewSegment(rule: $rule) { size portrait { size } } }`, { rule }, { now: NOW });
    expect(preview.data?.['previewSegment']).toEqual({ size: 12, portrait: { size: 12 } });
    const created = await t.graphql(
      `mutation($rule: SegmentRuleInput!) { createSegment(name: "rock", rule: $rule) { id portrait { size } } }`,
      { rule },
      { now: NOW },
    );
    expect(created.data?.['createSegment'].portrait).toEqual({ size: 12 });
    await t.cypher(
      `CREATE (c:Community {id: 'c1', jobId: 'j', index: 0, size: 10}) WITH c MATCH (u:User) WHERE u.region = 'south' CREATE (u)-[:MEMBER_OF]->(c)`,
    );
    const community = await t.graphql(
      `query { portrait(group: {communityId: "c1"}) { size distributions(dimensions: [REGION]) { buckets { value users } } } }`,
    );
    expect(community.data?.['portrait']).toEqual({ size: 10, distributions: [{ buckets: [{ value: 'south', users: 10 }] }] });
  });

  it('costs the same number of statements whatever the group size', async () => {
    const statements = async (ids: string[]) => {
      let count = 0;
      const stop = t.db.onQuery(() => (count += 1));
      const result = await t.graphql(PORTRAIT, { group: { userIds: ids } }, { now: NOW });
      stop();
      expect(result.errors).toBeUndefined();
      return count;
    };
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(2, '0')}`);
    expect(await statements(ids(12))).toBe(await statements(ids(38)));
  });

  it('refuses a group that is not exactly one thing', async () => {
    const none = await t.graphql(PORTRAIT, { group: {} });
    expect(errorCode(none)).toBe('BAD_USER_INPUT');
    expect(none.errors?.[0]?.message).toBe('Give exactly one of segmentId, communityId, rule, userIds; got none.');
    const two = await t.graphql(PORTRAIT, { group: { segmentId: 's', communityId: 'c' } });
    expect(errorCode(two)).toBe('BAD_USER_INPUT');
    const missing = await t.graphql(PORTRAIT, { group: { segmentId: 'nope' } });
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });
});
