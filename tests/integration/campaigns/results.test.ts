/**
 * A campaign's results (src/campaigns/results.ts): conversions read from the event log within
 * each member's window, per arm, against the control, with the statistics the API names.
 * Conversions are planted per arm; events outside the window, before the assignment or by
 * members left out must not count.
 */
import { describe, expect, it } from 'vitest';
import { CampaignsService } from '../../../src/campaigns/service.js';
import { cupedDifference, cupedTheta } from '../../../src/campaigns/statistics.js';
import { pagesOf } from '../../helpers/campaigns.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const RESULTS = `query ($id: ID!) { campaign(id: $id) { results {
  sampleRatio { chiSquare pValue mismatch }
  overTime { day at arms { arm converted conversionRate uplift alwaysValidInterval { low high } significant } }
  byChannel { channel arms assigned contacted converted conversionRate revenuePerUser uplift upliftInterval { low high } incrementalRevenue spend returnOnSpend }
  arms { arm control assigned converted conversionRate revenuePerUser
    uplift { absolute interval { low high } relativeInterval { low high } alwaysValidInterval { low high } alwaysValidPValue significant revenuePerUser revenueInterval { low high } cuped { difference interval { low high } varianceReduction } } } } } }`;

describe('campaign results', () => {
  const t = useTestDatabase({ CAMPAIGN_CHANNEL_COSTS: '{"webhook:crm": 0.05}' });

  it('counts conversions per arm within the window and measures each arm against the control', async () => {
    await t.cypher(`UNWIND range(1, 3000) AS i CREATE (:User {id: 'u' + i, consentProfiling: true, consentMarketing: i % 50 <> 0})`);
    await t.cypher(`CREATE (:Product {id: 'p1'})`);
    const service = new CampaignsService(t.db, { channels: ['webhook:crm'], frequencyCap: { contacts: 3, days: 7 } });
    const campaign = await service.create(
      {
        name: 'Coupon',
        arms: [{ name: 'coupon', share: 0.8, channel: 'webhook:crm', template: 'c' }],
        controlShare: 0.2,
        goal: { kind: 'PURCHASE', withinDays: 7 },
      },
      NOW,
    );
    const ids = Array.from({ length: 3000 }, (_, i) => `u${i + 1}`);
    await service.launch(campaign.id, pagesOf(ids), NOW);
    // Planted: a coupon member converts when their number is divisible by 3, a control member by
    // 10, two days after assignment, spending 20. Noise that must not count: a purchase 9 days
    // after (outside the 7-day window), one a day before the launch, and purchases by members
    // left out (no marketing consent).
    await t.cypher(
      `MATCH (u:User)-[m:IN_CAMPAIGN]->(:Campaign {id: $id}), (p:Product {id: 'p1'})
       WITH u, m, p, toInteger(substring(u.id, 1)) AS n
       WITH u, m, p, n, CASE WHEN m.arm = 'coupon' AND n % 3 = 0 THEN 2 WHEN m.arm = 'control' AND n % 10 = 0 THEN 2
                             WHEN m.arm IS NOT NULL AND n % 7 = 0 THEN 9 WHEN m.arm IS NULL THEN 2 WHEN n % 11 = 0 THEN -1 END AS day
       WHERE day IS NOT NULL
       WITH u, p, m.assignedAt + duration({days: day}) AS at
       CREATE (u)-[:DID]->(:Event {kind: 'PURCHASE', productId: 'p1', at: at})
       CREATE (u)-[:PURCHASED {at: at, quantity: 1, amount: 20.0}]->(p)`,
      { id: campaign.id },
    );
    const [truth] = await t.cypher<{ coupon: number; couponConverted: number; control: number; controlConverted: number }>(
      `MATCH (u:User)-[m:IN_CAMPAIGN]->(:Campaign {id: $id}) WITH m, toInteger(substring(u.id, 1)) AS n
       RETURN count(CASE WHEN m.arm = 'coupon' THEN 1 END) AS coupon, count(CASE WHEN m.arm = 'coupon' AND n % 3 = 0 THEN 1 END) AS couponConverted,
              count(CASE WHEN m.arm = 'control' THEN 1 END) AS control, count(CASE WHEN m.arm = 'control' AND n % 10 = 0 THEN 1 END) AS controlConverted`,
      { id: campaign.id },
    );
    // Delivery reached the coupon members with an even number (the rest are pending).
    await t.cypher(
      `MATCH (u:User)-[m:IN_CAMPAIGN {arm: 'coupon'}]->(:Campaign {id: $id}) WHERE toInteger(substring(u.id, 1)) % 2 = 0 SET m.contactedAt = m.assignedAt`,
      { id: campaign.id },
    );
    const [reached] = await t.cypher<{ n: number }>(`MATCH ()-[m:IN_CAMPAIGN]->(:Campaign {id: $id}) WHERE m.contactedAt IS NOT NULL RETURN count(*) AS n`, {
      id: campaign.id,
    });
    const result = await t.graphql(RESULTS, { id: campaign.id });
    expect(result.errors).toBeUndefined();
    const { arms, sampleRatio } = result.data?.campaign.results ?? {};
    const [control, coupon] = arms;
    expect(control).toMatchObject({
      arm: 'control',
      control: true,
      assigned: Number(truth?.control),
      converted: Number(truth?.controlConverted),
      uplift: null,
    });
    expect(coupon).toMatchObject({ arm: 'coupon', control: false, assigned: Number(truth?.coupon), converted: Number(truth?.couponConverted) });
    expect(coupon.conversionRate).toBeCloseTo(Number(truth?.couponConverted) / Number(truth?.coupon), 12);
    expect(coupon.revenuePerUser).toBeCloseTo((20 * Number(truth?.couponConverted)) / Number(truth?.coupon), 9);
    const uplift = coupon.uplift;
    expect(uplift.absolute).toBeCloseTo(coupon.conversionRate - control.conversionRate, 12);
    expect(uplift.interval.low).toBeLessThan(uplift.absolute);
    expect(uplift.interval.high).toBeGreaterThan(uplift.absolute);
    // The always-valid interval is wider than the fixed-horizon one, and here still excludes 0.
    expect(uplift.alwaysValidInterval.high - uplift.alwaysValidInterval.low).toBeGreaterThan(uplift.interval.high - uplift.interval.low);
    expect(uplift.significant).toBe(true);
    expect(uplift.alwaysValidPValue).toBeLessThan(0.001);
    expect(uplift.relativeInterval.low).toBeGreaterThan(1); // a third against a tenth: more than double
    expect(uplift.revenueInterval.low).toBeLessThan(uplift.revenuePerUser);
    expect(uplift.revenueInterval.high).toBeGreaterThan(uplift.revenuePerUser);
    expect(sampleRatio.mismatch).toBe(false);
    // CUPED: the pre-period covariate is a purchase the day before the assignment (planted for
    // n % 11 among those who do not convert); the statement's counts must give exactly the
    // estimate the formula gives on the planted ones (the formula's properties: unit tests).
    const sums = (arm: string, converted: number, assignedUsers: number, n: (id: number) => boolean) => {
      const before = ids.filter((id) => armOf.get(id) === arm && n(Number(id.slice(1)))).length;
      return { assigned: assignedUsers, converted, before, beforeAndConverted: 0 };
    };
    const armOf = new Map(
      (
        await t.cypher<{ id: string; arm: string }>(
          `MATCH (u:User)-[m:IN_CAMPAIGN]->(:Campaign {id: $id}) WHERE m.arm IS NOT NULL RETURN u.id AS id, m.arm AS arm`,
          { id: campaign.id },
        )
      ).map((row) => [row.id, row.arm]),
    );
    const plantedBefore = (arm: string) => (n: number) =>
      !(arm === 'coupon' && n % 3 === 0) && !(arm === 'control' && n % 10 === 0) && n % 7 !== 0 && n % 11 === 0;
    const couponSums = sums('coupon', coupon.converted, coupon.assigned, plantedBefore('coupon'));
    const controlSums = sums('control', control.converted, control.assigned, plantedBefore('control'));
    const theta = cupedTheta([controlSums, couponSums]);
    const expected = cupedDifference(couponSums, controlSums, theta, (couponSums.before + controlSums.before) / (coupon.assigned + control.assigned));
    expect(uplift.cuped.difference).toBeCloseTo(expected?.difference ?? Number.NaN, 12);
    expect(uplift.cuped.interval.low).toBeCloseTo(expected?.interval.low ?? Number.NaN, 12);
    expect(uplift.cuped.varianceReduction).toBeCloseTo(expected?.varianceReduction ?? Number.NaN, 12);

    // By channel: the one channel carries the coupon arm; spend is its contacts × 0.05.
    const [channel] = result.data?.campaign.results.byChannel ?? [];
    expect(channel).toMatchObject({
      channel: 'webhook:crm',
      arms: ['coupon'],
      assigned: coupon.assigned,
      contacted: Number(reached?.n),
      converted: coupon.converted,
    });
    expect(channel.uplift).toBeCloseTo(uplift.absolute, 12);
    expect(channel.upliftInterval).toEqual(uplift.interval);
    expect(channel.incrementalRevenue).toBeCloseTo((coupon.revenuePerUser - control.revenuePerUser) * coupon.assigned, 6);
    expect(channel.spend).toBeCloseTo(Number(reached?.n) * 0.05, 9);
    expect(channel.returnOnSpend).toBeCloseTo(channel.incrementalRevenue / channel.spend, 9);

    // Over time: 8 days (the 7-day window and the day it ends in); the planted conversions come
    // exactly 2 days after the assignment, so they count from day 3, and the series ends where the results stand.
    const overTime = result.data?.campaign.results.overTime as {
      day: number;
      at: string;
      arms: { arm: string; converted: number; uplift: number | null; alwaysValidInterval: { low: number | null; high: number | null } | null }[];
    }[];
    expect(overTime.map((day) => day.day)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(overTime[0]?.at).toBe(new Date(NOW.getTime() + 86_400_000).toISOString());
    expect(overTime[1]?.arms.map((arm) => arm.converted)).toEqual([0, 0]);
    expect(overTime[2]?.arms.map((arm) => arm.converted)).toEqual([control.converted, coupon.converted]);
    expect(overTime[7]?.arms.map((arm) => arm.converted)).toEqual([control.converted, coupon.converted]);
    expect(overTime[7]?.arms[1]?.uplift).toBeCloseTo(uplift.absolute, 12);
    // A confidence sequence: each day's interval inside the day before's.
    for (let day = 3; day < overTime.length; day += 1) {
      const before = overTime[day - 1]?.arms[1]?.alwaysValidInterval;
      const now = overTime[day]?.arms[1]?.alwaysValidInterval;
      expect(now?.low).toBeGreaterThanOrEqual(before?.low ?? Number.NaN);
      expect(now?.high).toBeLessThanOrEqual(before?.high ?? Number.NaN);
    }
    expect(overTime[7]?.arms[1]?.alwaysValidInterval?.low).toBeGreaterThan(0);

    // Converters as a segment rule count as the results do; their portrait compares with the non-converters'.
    const converters = await t.graphql(
      `query ($id: ID!) {
        portrait(group: {rule: {campaign: {campaignId: $id, converted: true}}}) {
          size suppressed compare(base: {rule: {campaign: {campaignId: $id, converted: false}}}) { base { size } buckets { dimension } } } }`,
      { id: campaign.id },
    );
    expect(converters.errors).toBeUndefined();
    const portrait = converters.data?.portrait;
    expect(portrait.size).toBe(coupon.converted + control.converted);
    expect(portrait.compare.base.size).toBe(coupon.assigned + control.assigned - coupon.converted - control.converted);
    expect(portrait.suppressed).toBe(false);
    const inArm = await t.graphql(`query ($id: ID!) { previewSegment(rule: {campaign: {campaignId: $id, arm: "coupon", converted: true}}) { size } }`, {
      id: campaign.id,
    });
    expect(inArm.data?.previewSegment.size).toBe(coupon.converted);

    // Before the launch there are no results.
    const draft = await service.create(
      { name: 'Later', arms: [{ name: 'a', share: 0.9, channel: 'webhook:crm', template: 'a' }], goal: { kind: 'VIEW', withinDays: 3 } },
      NOW,
    );
    expect((await t.graphql(RESULTS, { id: draft.id })).data?.campaign.results).toBeNull();
  });

  it('counts a goal on a category (or an interest) by the product of each event, in results, revenue and rules', async () => {
    await t.cypher(`UNWIND range(1, 400) AS i CREATE (:User {id: 'u' + i, consentProfiling: true, consentMarketing: true})`);
    await t.cypher(`CREATE (:Product {id: 'shoe', category: 'shoes'})-[:HAS_INTEREST]->(:Interest {id: 'running'}), (:Product {id: 'bag', category: 'bags'})`);
    const service = new CampaignsService(t.db, { channels: ['webhook:crm'], frequencyCap: { contacts: 3, days: 7 } });
    const arms = [{ name: 'A', share: 0.5, channel: 'webhook:crm', template: 'a' }];
    await expect(
      service.create({ name: 'Both', arms, goal: { kind: 'PURCHASE', category: 'shoes', interestId: 'running', withinDays: 7 } }, NOW),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const byCategory = await service.create({ name: 'Shoes', arms, controlShare: 0.5, goal: { kind: 'PURCHASE', category: 'shoes', withinDays: 7 } }, NOW);
    const byInterest = await service.create(
      { name: 'Running', arms, controlShare: 0.5, goal: { kind: 'PURCHASE', interestId: 'running', withinDays: 7 } },
      NOW,
    );
    const ids = Array.from({ length: 400 }, (_, i) => `u${i + 1}`);
    for (const campaign of [byCategory, byInterest]) {
      await service.launch(campaign.id, pagesOf(ids), NOW);
    }
    // Every even member buys a shoe a day after the launch (15.0), every fifth a bag (40.0): only shoes count, and only their amounts.
    await t.cypher(
      `MATCH (u:User), (shoe:Product {id: 'shoe'}), (bag:Product {id: 'bag'}) WITH u, shoe, bag, toInteger(substring(u.id, 1)) AS n
       FOREACH (_ IN CASE WHEN n % 2 = 0 THEN [1] ELSE [] END |
         CREATE (u)-[:DID]->(:Event {kind: 'PURCHASE', productId: 'shoe', at: datetime($at)}) CREATE (u)-[:PURCHASED {at: datetime($at), quantity: 1, amount: 15.0}]->(shoe))
       FOREACH (_ IN CASE WHEN n % 5 = 0 THEN [1] ELSE [] END |
         CREATE (u)-[:DID]->(:Event {kind: 'PURCHASE', productId: 'bag', at: datetime($at)}) CREATE (u)-[:PURCHASED {at: datetime($at), quantity: 1, amount: 40.0}]->(bag))`,
      { at: new Date(NOW.getTime() + 86_400_000).toISOString() },
    );
    for (const campaign of [byCategory, byInterest]) {
      const results = await service.results((await service.byId(campaign.id))!, new Date(NOW.getTime() + 10 * 86_400_000));
      const [membership] = await t.cypher<{ rows: { arm: string; even: boolean }[] }>(
        `MATCH (u:User)-[m:IN_CAMPAIGN]->(:Campaign {id: $id}) WITH m, toInteger(substring(u.id, 1)) AS n RETURN collect({arm: m.arm, even: n % 2 = 0}) AS rows`,
        { id: campaign.id },
      );
      const rows = membership?.rows ?? [];
      for (const arm of results!.arms) {
        const mine = rows.filter((row) => row.arm === arm.arm);
        expect(arm.converted).toBe(mine.filter((row) => row.even).length);
        expect(arm.revenuePerUser).toBeCloseTo((15 * mine.filter((row) => row.even).length) / mine.length, 9);
      }
      const rule = await t.graphql(`query ($id: ID!) { previewSegment(rule: {campaign: {campaignId: $id, converted: true}}) { size } }`, { id: campaign.id });
      expect(rule.data?.previewSegment.size).toBe(rows.filter((row) => row.even).length);
    }
  });
});
