import { beforeEach, describe, expect, it } from 'vitest';
import { createProfileLoaders } from '../../../src/profiles/index.js';
import { SegmentsService } from '../../../src/segments/index.js';
import { TagsService } from '../../../src/tags/index.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const USER_TAGS = `query($id: ID!) { user(id: $id) {
  tags { kind name value computedAt }
  value { tier recencyDays frequency monetary recencyScore frequencyScore monetaryScore }
  churnRisk { risk reasons { factor label } }
} }`;

/**
 * Twelve buyers b0..b11 with spend and recency growing with the index (b11: recent, frequent,
 * big; b0: one small purchase a year ago), a quiet user q (last seen 300 days ago) whose
 * friends are quiet too, an active user a, and x who withdrew profiling consent.
 */
async function seed(t: ReturnType<typeof useTestDatabase>): Promise<void> {
  await t.cypher(`
    CREATE (:Interest {id: 'baby', name: 'Baby'})
    CREATE (:Product {id: 'p1', name: 'Stroller', category: 'kids'})-[:HAS_INTEREST {weight: 1.0}]->(:Interest {id: 'toys', name: 'Toys'})
    WITH 1 AS one MATCH (baby:Interest {id: 'baby'})
    CREATE (:Product {id: 'p2', name: 'Bottle', category: 'kids'})-[:HAS_INTEREST {weight: 1.0}]->(baby)
    CREATE (:Product {id: 'p3', name: 'Crib', category: 'kids'})-[:HAS_INTEREST {weight: 1.0}]->(baby)`);
  const users = [
    ...Array.from({ length: 12 }, (_, i) => ({ id: `b${i}`, lastActive: ago(360 - i * 30), profiling: true, gender: i % 2 ? 'MALE' : 'FEMALE' })),
    { id: 'q', lastActive: ago(300), profiling: true, gender: 'FEMALE' },
    { id: 'a', lastActive: ago(1), profiling: true, gender: 'MALE' },
    { id: 'x', lastActive: ago(1), profiling: false, gender: 'MALE' },
  ];
  await t.cypher(
    `UNWIND $users AS row
     CREATE (:User {id: row.id, displayName: row.id, gender: row.gender, region: 'north', birthYear: 1990,
                    consentProfiling: row.profiling, consentMarketing: true,
                    createdAt: datetime($created), lastActiveAt: datetime(row.lastActive)})`,
    { users, created: ago(800) },
  );
  // b<i> bought i+1 times, the last one 360 − 30·i days ago, spending 10·(i+1) each time.
  const purchases = Array.from({ length: 12 }, (_, i) =>
    Array.from({ length: i + 1 }, (_, k) => ({ u: `b${i}`, p: 'p1', at: ago(360 - i * 30 + k), amount: 10 * (i + 1) })),
  ).flat();
  await t.cypher(
    `UNWIND $rows AS row
     MATCH (u:User {id: row.u}), (p:Product {id: row.p})
     CREATE (u)-[:PURCHASED {at: datetime(row.at), quantity: 1, amount: row.amount}]->(p)`,
    { rows: purchases },
  );
  await t.cypher(
    `MATCH (a:User {id: 'a'}), (p:Product {id: 'p1'}) CREATE (a)-[:VIEWED {count: 5, lastAt: datetime($recent)}]->(p)
     WITH 1 AS one MATCH (q:User {id: 'q'}), (b0:User {id: 'b0'}), (b1:User {id: 'b1'}), (a:User {id: 'a'}), (b11:User {id: 'b11'})
     CREATE (q)-[:FOLLOWS]->(b0), (b1)-[:FOLLOWS]->(q), (a)-[:FOLLOWS]->(b11)`,
    { recent: ago(2) },
  );
}

describe('tags', () => {
  const t = useTestDatabase();
  let tags: TagsService;
  beforeEach(async () => {
    await seed(t);
    const segments = new SegmentsService(t.db, async () => ({ now: NOW, influence: null }));
    tags = new TagsService(t.db, (rule, now) => segments.compile(rule, now));
  });

  it('scores value tiers from RFM quintiles and churn risk with reasons, for users with profiling consent only', async () => {
    const stats = await tags.computeAll(NOW);
    expect(stats).toEqual({ usersScored: 14, buyers: 12, ruleTags: 0, ruleTagsNotComputed: [], propensity: null, interestPropensity: null }); // no event log here: seeded in Cypher

    // Each scored user's engagement count is stored for the lookalike (cypher/lookalike/expand-products.cypher).
    const counts = await t.cypher<{ stored: number; actual: number }>(
      `MATCH (u:User) WHERE u.scoresComputedAt IS NOT NULL
       RETURN toFloat(u.engagementCount) AS stored, toFloat(COUNT { (u)-[:PURCHASED|VIEWED|RATED]->() }) AS actual`,
    );
    expect(counts.length).toBe(14);
    expect(counts.every(({ stored, actual }) => stored === actual)).toBe(true);
    expect(counts.some(({ actual }) => actual > 0)).toBe(true);
    const best = (await t.graphql(USER_TAGS, { id: 'b11' }, { now: NOW })).data?.['user'];
    expect(best.value).toMatchObject({ tier: 'HIGH_VALUE', frequency: 12, monetary: 1440, recencyScore: 5, frequencyScore: 5, monetaryScore: 5 });
    const worst = (await t.graphql(USER_TAGS, { id: 'b0' }, { now: NOW })).data?.['user'];
    expect(worst.value).toMatchObject({ tier: 'HIBERNATING', frequency: 1, recencyScore: 1, frequencyScore: 1, monetaryScore: 1 });
    expect(worst.value.recencyDays).toBeCloseTo(360, 5);
    // Someone who never bought has no tier, but a churn risk.
    const active = (await t.graphql(USER_TAGS, { id: 'a' }, { now: NOW })).data?.['user'];
    expect(active.value).toBeNull();

    const quiet = (await t.graphql(USER_TAGS, { id: 'q' }, { now: NOW })).data?.['user'];
    expect(quiet.churnRisk.risk).toBeGreaterThan(active.churnRisk.risk);
    expect(quiet.churnRisk.risk).toBeGreaterThan(0.5);
    expect(active.churnRisk.risk).toBeLessThan(0.5);
    expect(quiet.churnRisk.reasons[0]).toEqual({ factor: 'RECENCY', label: 'no activity for 300 days' });
    expect(quiet.churnRisk.reasons.map((r: { factor: string }) => r.factor)).toContain('FRIENDS_CHURNED');
    expect(quiet.churnRisk.reasons.find((r: { factor: string }) => r.factor === 'FRIENDS_CHURNED').label).toBe('2 of 2 friends inactive for 90+ days');
    // A caller who reads Chinese (Accept-Language: zh-CN) gets the same reasons phrased in Chinese, factors unchanged.
    const inChinese = (await t.graphql(USER_TAGS, { id: 'q' }, { now: NOW, locale: 'zh-CN' })).data?.['user'];
    expect(inChinese.churnRisk.reasons.map((r: { factor: string }) => r.factor)).toEqual(quiet.churnRisk.reasons.map((r: { factor: string }) => r.factor));
    expect(inChinese.churnRisk.reasons[0]).toEqual({ factor: 'RECENCY', label: '已 300 天没有行为' });
    expect(inChinese.churnRisk.reasons.find((r: { factor: string }) => r.factor === 'FRIENDS_CHURNED').label).toBe('2 位好友中有 2 位已 90 天以上不活跃');

    const byName = Object.fromEntries(best.tags.map((tag: { name: string }) => [tag.name, tag]));
    expect(byName['gender']).toMatchObject({ kind: 'ATTRIBUTE', value: 'MALE' });
    expect(byName['ageBand']).toMatchObject({ kind: 'ATTRIBUTE', value: '35-44' });
    expect(byName['lifecycle']).toMatchObject({ kind: 'COMPUTED', value: 'ACTIVE' });
    expect(byName['valueTier']).toMatchObject({ kind: 'COMPUTED', value: 'HIGH_VALUE', computedAt: NOW.toISOString() });
    expect(byName['churnRisk'].kind).toBe('COMPUTED');

    const withdrawn = (await t.graphql(USER_TAGS, { id: 'x' }, { now: NOW })).data?.['user'];
    expect(withdrawn).toMatchObject({ tags: [], value: null, churnRisk: null });

    // Outside a request (the CLI, an export), the service assembles the same tags from its own reads.
    const profiles = createProfileLoaders(t.db);
    const outside = async (id: string) =>
      (await tags.userTags((await profiles.userById.load(id))!, NOW)).map((tag) => ({ ...tag, computedAt: tag.computedAt?.toISOString() ?? null }));
    expect(await outside('b11')).toEqual(best.tags);
    expect(await outside('x')).toEqual([]);
    const [stored] = await t.cypher(`MATCH (u:User {id: 'x'}) RETURN u.churnRisk AS risk`);
    expect(stored?.['risk']).toBeNull();
  });

  it('filters segments by value tier and churn risk', async () => {
    await tags.computeAll(NOW);
    const preview = `query($rule: SegmentRuleInput!) { previewSegment(rule: $rule, sampleSize: 50) { size sample { id } } }`;
    const tier = await t.graphql(preview, { rule: { valueTier: { in: ['HIGH_VALUE'] } } }, { now: NOW });
    expect(tier.data?.['previewSegment'].sample.map((u: { id: string }) => u.id)).toContain('b11');
    expect(tier.data?.['previewSegment'].sample.map((u: { id: string }) => u.id)).not.toContain('b0');
    const risky = await t.graphql(preview, { rule: { churnRisk: { min: 0.5 } } }, { now: NOW });
    const riskyIds = risky.data?.['previewSegment'].sample.map((u: { id: string }) => u.id);
    expect(riskyIds).toContain('q');
    expect(riskyIds).not.toContain('a');
    const bad = await t.graphql(preview, { rule: { churnRisk: { min: 0.9, max: 0.1 } } }, { now: NOW });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toBe('Invalid segment rule at rule.churnRisk.min: min 0.9 is above max 0.1.');
  });

  it('defines a rule tag, computes it for everyone, and keeps it fresh after recordEvents', async () => {
    const define = `mutation($name: String!, $rule: SegmentRuleInput!) { defineTag(name: $name, rule: $rule, description: "bought baby things") { name holders computedAt rule } }`;
    // "new parent": bought ≥ 2 products with interest Baby in the last 60 days. Nobody yet.
    const rule = { event: { kind: 'PURCHASE', atLeast: 2, withinDays: 60, interestId: 'baby' } };
    const defined = await t.graphql(define, { name: 'new parent', rule }, { now: NOW });
    expect(defined.errors).toBeUndefined();
    expect(defined.data?.['defineTag']).toMatchObject({ name: 'new parent', holders: 0, computedAt: NOW.toISOString() });

    const record = `mutation($events: [EventInput!]!) { recordEvents(events: $events) { applied } }`;
    const buy = (productId: string, daysAgo: number) => ({ userId: 'a', productId, kind: 'PURCHASE', at: ago(daysAgo), amount: 20 });
    await t.graphql(record, { events: [buy('p2', 3)] }, { now: NOW });
    const one = (await t.graphql(USER_TAGS, { id: 'a' }, { now: NOW })).data?.['user'];
    expect(one.tags.filter((tag: { kind: string }) => tag.kind === 'RULE')).toEqual([]);

    // The second baby purchase earns the tag: it is there when recordEvents returns.
    await t.graphql(record, { events: [buy('p3', 1)] }, { now: NOW });
    const two = (await t.graphql(USER_TAGS, { id: 'a' }, { now: NOW })).data?.['user'];
    expect(two.tags.filter((tag: { kind: string }) => tag.kind === 'RULE')).toEqual([
      { kind: 'RULE', name: 'new parent', value: null, computedAt: NOW.toISOString() },
    ]);
    const segment = await t.graphql(`query { previewSegment(rule: {tag: {name: "new parent"}}) { size } }`, {}, { now: NOW });
    expect(segment.data?.['previewSegment'].size).toBe(1);

    // Sixty days on, the same refresh takes it away again (rule tags follow their windows).
    const later = new Date(NOW.getTime() + 61 * DAY);
    await tags.refreshUsers(['a'], later);
    const gone = (await t.graphql(USER_TAGS, { id: 'a' }, { now: later })).data?.['user'];
    expect(gone.tags.filter((tag: { kind: string }) => tag.kind === 'RULE')).toEqual([]);
  });

  it('rescores touched users on the stored scale after recordEvents', async () => {
    await tags.computeAll(NOW);
    const before = (await t.graphql(USER_TAGS, { id: 'q' }, { now: NOW })).data?.['user'];
    await t.graphql(
      `mutation($events: [EventInput!]!) { recordEvents(events: $events) { applied } }`,
      { events: [{ userId: 'q', productId: 'p1', kind: 'PURCHASE', at: ago(0), amount: 5000 }] },
      { now: NOW },
    );
    const after = (await t.graphql(USER_TAGS, { id: 'q' }, { now: NOW })).data?.['user'];
    expect(after.churnRisk.risk).toBeLessThan(before.churnRisk.risk);
    expect(after.value).toMatchObject({ frequency: 1, monetary: 5000, recencyScore: 5, monetaryScore: 5 });
    expect(after.value.tier).toBe('PROMISING');
  });

  it("keeps a refreshed user's friend figures from their last full scoring; the next full run reads the friends", async () => {
    await tags.computeAll(NOW);
    const friendsLabel = async () =>
      ((await t.graphql(USER_TAGS, { id: 'q' }, { now: NOW })).data?.['user'].churnRisk.reasons as { factor: string; label: string }[]).find(
        (reason) => reason.factor === 'FRIENDS_CHURNED',
      )?.label;
    expect(await friendsLabel()).toBe('2 of 2 friends inactive for 90+ days');
    // A friend of q comes back, then q acts: q's refresh recomputes q's own activity only.
    const record = (userId: string) =>
      t.graphql(
        `mutation($events: [EventInput!]!) { recordEvents(events: $events) { applied } }`,
        { events: [{ userId, productId: 'p2', kind: 'VIEW', at: ago(0) }] },
        { now: NOW },
      );
    await record('b0');
    await record('q');
    expect(await friendsLabel()).toBe('2 of 2 friends inactive for 90+ days');
    const [features] = await t.cypher<{ recencyDays: number }>(`MATCH (u:User {id: 'q'}) RETURN u.churnFeatures[0] AS recencyDays`);
    expect(features?.recencyDays).toBeLessThan(1);
    await tags.computeAll(NOW);
    expect(await friendsLabel()).toBe('1 of 2 friends inactive for 90+ days');
  });

  it('refuses bad tag names and invalid rules without saving anything', async () => {
    const define = `mutation($name: String!, $rule: SegmentRuleInput!) { defineTag(name: $name, rule: $rule) { name } }`;
    const badName = await t.graphql(define, { name: '<script>', rule: { valueTier: { in: ['LOYAL'] } } });
    expect(errorCode(badName)).toBe('BAD_USER_INPUT');
    const badRule = await t.graphql(define, { name: 'ok', rule: { event: { kind: 'PURCHASE', withinDays: 0 } } });
    expect(errorCode(badRule)).toBe('BAD_USER_INPUT');
    expect(badRule.errors?.[0]?.message).toContain('rule.event.withinDays');
    const list = await t.graphql(`{ tagDefinitions { name } }`);
    expect(list.data?.['tagDefinitions']).toEqual([]);
    const reader = await t.graphql(define, { name: 'ok', rule: { valueTier: { in: ['LOYAL'] } } }, { role: 'analyst' });
    expect(errorCode(reader)).toBe('FORBIDDEN');
  });
});
