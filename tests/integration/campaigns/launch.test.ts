/**
 * Launching a campaign (src/campaigns/service.ts): every audience member ends in the arm the
 * assignment hash names or is recorded as left out with its reason; a re-run of an interrupted
 * launch writes nothing twice; bad drafts, empty audiences and second launches are refused
 * with their codes, before anything changes.
 */
import { describe, expect, it } from 'vitest';
import { assignArm } from '../../../src/campaigns/assignment.js';
import { CampaignsService, type CampaignInput } from '../../../src/campaigns/service.js';
import type { AppError } from '../../../src/errors.js';
import { pagesOf } from '../../helpers/campaigns.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const DRAFT: CampaignInput = {
  name: 'Win back',
  arms: [
    { name: 'coupon', share: 0.45, channel: 'webhook', template: 'coupon-10' },
    { name: 'content', share: 0.45, channel: 'webhook', template: 'guide' },
  ],
  goal: { kind: 'PURCHASE', withinDays: 14 },
};

const codeOf = async (work: Promise<unknown>) => {
  try {
    await work;
    return null;
  } catch (error) {
    // AppError is a GraphQLError: the code travels in extensions (never instanceof: graphql has two builds under vitest).
    return (error as AppError).extensions?.['code'] ?? String(error);
  }
};

describe('campaign launch', () => {
  const t = useTestDatabase();

  it('assigns every member by the hash, leaves out and counts who may not be contacted, and launches once', async () => {
    // 300 users: every 10th without marketing consent, every 15th opted out, u1..u3 contacted
    // twice in the last week by another campaign (cap: 2 in 7 days).
    await t.cypher(
      `UNWIND range(0, 299) AS i
       CREATE (:User {id: 'u' + i, consentProfiling: true, consentMarketing: i % 10 <> 0,
                      campaignOptOutAt: CASE WHEN i % 15 = 0 AND i % 10 <> 0 THEN datetime('2026-01-01T00:00:00Z') END})`,
    );
    await t.cypher(
      `CREATE (old:Campaign {id: 'old', status: 'RUNNING'}), (older:Campaign {id: 'older', status: 'DONE'})
       WITH old, older UNWIND ['u1', 'u2', 'u3'] AS id MATCH (u:User {id: id})
       CREATE (u)-[:IN_CAMPAIGN {arm: 'a', contactedAt: datetime('2026-05-28T00:00:00Z')}]->(old)
       CREATE (u)-[:IN_CAMPAIGN {arm: 'a', contactedAt: datetime('2026-05-29T00:00:00Z')}]->(older)`,
    );
    const service = new CampaignsService(t.db, { channels: ['webhook', 'kafka'], frequencyCap: { contacts: 2, days: 7 } });
    const campaign = await service.create(DRAFT, NOW);
    expect(campaign.status).toBe('DRAFT');
    expect(campaign.shares).toEqual([
      { name: 'control', share: 0.1 },
      { name: 'coupon', share: 0.45 },
      { name: 'content', share: 0.45 },
    ]);

    const audience = [...Array.from({ length: 300 }, (_, i) => `u${i}`), 'erased-1', 'erased-2'];
    const report = await service.launch(campaign.id, pagesOf(audience, 64), NOW);
    expect(report.campaign.status).toBe('RUNNING');
    expect(report.campaign.notFound).toBe(2);
    expect(report.leftOut).toEqual({ NO_MARKETING_CONSENT: 30, OPTED_OUT: 10, FREQUENCY_CAP: 3 });

    const rows = await t.cypher<{ id: string; arm: string | null; leftOut: string | null }>(
      `MATCH (u:User)-[m:IN_CAMPAIGN]->(:Campaign {id: $id}) RETURN u.id AS id, m.arm AS arm, m.leftOut AS leftOut`,
      { id: campaign.id },
    );
    expect(rows).toHaveLength(300);
    const reachable = rows.filter((row) => row.leftOut === null);
    expect(reachable).toHaveLength(257);
    for (const row of reachable) expect(row.arm).toBe(assignArm(campaign.id, row.id, campaign.shares));
    const expected: Record<string, number> = {};
    for (const row of reachable) expected[row.arm as string] = (expected[row.arm as string] ?? 0) + 1;
    expect(report.assigned).toEqual(expected);
    expect(Object.keys(report.assigned).sort()).toEqual(['content', 'control', 'coupon']);

    expect(await codeOf(service.launch(campaign.id, pagesOf(audience, 64), NOW))).toBe('CONFLICT');
  });

  it('a launch that stopped half-way is run again without writing anything twice', async () => {
    await t.cypher(`UNWIND range(0, 99) AS i CREATE (:User {id: 'v' + i, consentProfiling: true, consentMarketing: true})`);
    const service = new CampaignsService(t.db, { channels: ['webhook'], frequencyCap: { contacts: 3, days: 7 } });
    const campaign = await service.create(DRAFT, NOW);
    const ids = Array.from({ length: 100 }, (_, i) => `v${i}`);
    async function* failing(): AsyncGenerator<string[]> {
      yield ids.slice(0, 50);
      throw new Error('the process stopped');
    }
    await expect(service.launch(campaign.id, failing(), NOW)).rejects.toThrow('the process stopped');
    expect((await service.byId(campaign.id))?.status).toBe('LAUNCHING');
    const report = await service.launch(campaign.id, pagesOf(ids, 30), new Date(NOW.getTime() + 60_000));
    expect(Object.values(report.assigned).reduce((sum, n) => sum + n, 0)).toBe(100);
    const [edges] = await t.cypher<{ edges: number; first: string }>(
      `MATCH (:User)-[m:IN_CAMPAIGN]->(:Campaign {id: $id}) RETURN count(m) AS edges, toString(min(m.assignedAt)) AS first`,
      { id: campaign.id },
    );
    expect(Number(edges?.edges)).toBe(100);
    expect(edges?.first).toBe('2026-06-01T00:00:00Z'); // the first run's members kept their assignment
  });

  it('refuses bad drafts and empty audiences with BAD_USER_INPUT, unknown campaigns with NOT_FOUND, before writing', async () => {
    const service = new CampaignsService(t.db, { channels: ['webhook'], frequencyCap: { contacts: 3, days: 7 } });
    const bad: [Partial<CampaignInput>, RegExp][] = [
      [{ arms: [] }, /at least one arm/],
      [{ controlShare: 0.2 }, /sum to 1; they sum to 1.1/],
      [{ arms: [{ name: 'a', share: 0.9, channel: 'sms', template: 't' }] }, /channel "sms", which is not configured \(configured: webhook\)/],
      [{ arms: [{ name: 'control', share: 0.9, channel: 'webhook', template: 't' }] }, /not "control"/],
      [{ goal: { kind: 'PURCHASE', withinDays: 0 } }, /1 to 365 days/],
      [{ name: '  ' }, /needs a name/],
    ];
    for (const [change, message] of bad) {
      await expect(service.create({ ...DRAFT, ...change }, NOW)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
        message: expect.stringMatching(message),
      });
    }
    const campaign = await service.create(DRAFT, NOW);
    expect(await codeOf(service.launch(campaign.id, pagesOf([], 10), NOW))).toBe('BAD_USER_INPUT');
    expect((await service.byId(campaign.id))?.status).toBe('DRAFT');
    expect(await codeOf(service.launch('no-such-campaign', pagesOf(['x'], 10), NOW))).toBe('NOT_FOUND');
    const [count] = await t.cypher<{ campaigns: number }>('MATCH (c:Campaign) RETURN count(c) AS campaigns');
    expect(Number(count?.campaigns)).toBe(1);
  });
});
