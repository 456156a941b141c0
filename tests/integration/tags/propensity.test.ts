import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/lib/random.js';
import { SegmentsService } from '../../../src/segments/index.js';
import { TagsService } from '../../../src/tags/index.js';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`;
const USER = `query ($id: ID!) { user(id: $id) {
  purchasePropensity { category probability reasons horizonDays computedAt }
  interestPropensity { interest { id name } probability reasons horizonDays computedAt }
  tags { name value } } }`;

const FACTORS = ['VIEWS_7D', 'VIEWS_30D', 'PURCHASES_90D', 'RECENT', 'OPEN_VIEW', 'ACTIVE', 'CONVERTS'];

/**
 * 240 shoppers whose views are followed, half the time, by a purchase of the same product two
 * days later, over the last 80 days; "hot" viewed the record twice in the last two days and
 * did not buy; "cold" viewed it 80 days ago; "x" acts like hot but withdrew profiling consent.
 */
async function seed(t: ReturnType<typeof useTestDatabase>): Promise<void> {
  await seedCatalog(t);
  const ids = Array.from({ length: 240 }, (_, i) => `s${i}`);
  await seedUsers(t, [
    ...[...ids, 'hot', 'cold'].map((id) => ({ id, displayName: id, consentProfiling: true, consentMarketing: true })),
    { id: 'x', displayName: 'x', consentProfiling: false, consentMarketing: false },
  ]);
  const events: Record<string, unknown>[] = [];
  for (const [i, userId] of ids.entries()) {
    const random = createRandom(5, 0, i);
    for (let journey = 0; journey < 3; journey += 1) {
      const productId = random() < 0.6 ? 'p-record' : 'p-shoes';
      const viewed = 2 + random() * 78;
      events.push({ userId, productId, kind: 'VIEW', at: ago(viewed) });
      if (random() < 0.5) events.push({ userId, productId, kind: 'PURCHASE', at: ago(viewed - 2) });
    }
  }
  for (const userId of ['hot', 'x']) {
    events.push({ userId, productId: 'p-record', kind: 'VIEW', at: ago(2) }, { userId, productId: 'p-record', kind: 'VIEW', at: ago(1) });
  }
  events.push({ userId: 'cold', productId: 'p-record', kind: 'VIEW', at: ago(80) });
  for (let from = 0; from < events.length; from += 500) {
    expect((await t.graphql(record, { e: events.slice(from, from + 500) }, { now: NOW })).errors).toBeUndefined();
  }
}

describe('purchase propensity', () => {
  const t = useTestDatabase();

  it('is fitted on the event log by the TAGS run and scores, with reasons, the categories each consenting user engaged with', async () => {
    await seed(t);
    const segments = new SegmentsService(t.db, async () => ({ now: NOW, influence: null }));
    const tags = new TagsService(t.db, (rule, now) => segments.compile(rule, now));
    const stats = await tags.computeAll(NOW);
    expect(stats.propensity?.positives).toBeGreaterThanOrEqual(20);
    expect(stats.propensity?.usersScored).toBeGreaterThan(200);

    const read = async (id: string) => (await t.graphql(USER, { id }, { now: NOW })).data?.user;
    const hot = await read('hot');
    const cold = await read('cold');
    expect(hot.purchasePropensity).toHaveLength(1);
    const [music] = hot.purchasePropensity;
    expect(music).toMatchObject({ category: 'music', horizonDays: 14, computedAt: NOW.toISOString() });
    expect(music.probability).toBeGreaterThan(0);
    expect(music.probability).toBeLessThan(1);
    for (const reason of music.reasons) expect(FACTORS).toContain(reason);
    // Two fresh views with the purchase still open beat one view 80 days ago.
    expect(music.probability).toBeGreaterThan(cold.purchasePropensity[0].probability);
    expect(music.reasons).toContain('RECENT');
    // The likelyToBuy tag follows the top probability.
    for (const user of [hot, cold]) {
      const tag = user.tags.find((entry: { name: string }) => entry.name === 'likelyToBuy');
      if (user.purchasePropensity[0].probability >= 0.5) expect(tag).toEqual({ name: 'likelyToBuy', value: user.purchasePropensity[0].category });
      else expect(tag).toBeUndefined();
    }
    // A shopper of both categories gets both, likeliest first.
    const shoppers = await Promise.all(Array.from({ length: 30 }, (_, i) => read(`s${i}`)));
    const both = shoppers.find((user) => user.purchasePropensity.length === 2);
    expect(both.purchasePropensity[0].probability).toBeGreaterThanOrEqual(both.purchasePropensity[1].probability);
    // Per interest, by its own model: the record's two interests, each with its probability.
    expect(stats.interestPropensity?.positives).toBeGreaterThanOrEqual(20);
    expect(hot.interestPropensity.map((entry: { interest: { id: string } }) => entry.interest.id).sort()).toEqual(['jazz', 'vinyl']);
    for (const entry of hot.interestPropensity) {
      expect(entry).toMatchObject({ horizonDays: 14, computedAt: NOW.toISOString() });
      expect(entry.probability).toBeGreaterThan(0);
      expect(entry.probability).toBeLessThan(1);
      for (const reason of entry.reasons) expect(FACTORS).toContain(reason);
    }
    expect(hot.interestPropensity[0].probability).toBeGreaterThanOrEqual(hot.interestPropensity[1].probability);
    expect(hot.interestPropensity[0].probability).toBeGreaterThan(cold.interestPropensity[0].probability);
    // No consent, no profiling.
    expect((await read('x')).purchasePropensity).toEqual([]);
    expect((await read('x')).interestPropensity).toEqual([]);
    const [stored] = await t.cypher<{ n: { toNumber(): number } }>(`MATCH (u:User {id: 'x'}) WHERE u.propensityComputedAt IS NOT NULL RETURN count(u) AS n`);
    expect(stored?.n.toNumber()).toBe(0);
  });
});
