/**
 * `campaign: {campaignId, converted}` compiles, once the campaign's goal is read
 * (SegmentsService.compile), to a conversion test holding the goal as parameters; without the
 * goal (any campaign, or one not found) the test reads the goal from the campaign. Both must
 * pick the same members for every shape of goal: a kind alone, a product, a category, an
 * interest, a category and an interest.
 */
import { describe, expect, it } from 'vitest';
import { compileRule, type CampaignGoal, type SegmentRule } from '../../../src/segments/rules.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const GOALS: (CampaignGoal & { id: string })[] = [
  { id: 'any-purchase', kind: 'PURCHASE', productId: null, category: null, interestId: null, withinDays: 7 },
  { id: 'stroller', kind: 'PURCHASE', productId: 'p1', category: null, interestId: null, withinDays: 7 },
  { id: 'kids', kind: 'PURCHASE', productId: null, category: 'kids', interestId: null, withinDays: 7 },
  { id: 'jazz-views', kind: 'VIEW', productId: null, category: null, interestId: 'jazz', withinDays: 3 },
  { id: 'kids-and-baby', kind: 'PURCHASE', productId: null, category: 'kids', interestId: 'baby', withinDays: 14 },
];

describe('campaign conversion rules', () => {
  const t = useTestDatabase();

  /** 30 users in every campaign, assigned 10 days ago, each with a few events before, inside and after the windows. */
  async function seed(): Promise<void> {
    await t.cypher(`
      CREATE (baby:Interest {id: 'baby', name: 'Baby'}), (jazz:Interest {id: 'jazz', name: 'Jazz'})
      CREATE (:Product {id: 'p1', category: 'kids'})-[:HAS_INTEREST {weight: 1.0}]->(baby)
      CREATE (:Product {id: 'p2', category: 'kids'})
      CREATE (:Product {id: 'p3', category: 'music'})-[:HAS_INTEREST {weight: 1.0}]->(jazz)`);
    await t.cypher(
      `UNWIND $goals AS goal
       CREATE (:Campaign {id: goal.id, goalKind: goal.kind, goalProductId: goal.productId, goalCategory: goal.category,
                          goalInterestId: goal.interestId, goalWithinDays: goal.withinDays})`,
      { goals: GOALS },
    );
    await t.cypher(
      `UNWIND range(0, 29) AS n
       CREATE (u:User {id: 'u' + n, consentProfiling: true, consentMarketing: true})
       WITH u, n
       MATCH (c:Campaign)
       CREATE (u)-[:IN_CAMPAIGN {arm: CASE WHEN n % 4 = 0 THEN 'control' ELSE 'A' END, assignedAt: datetime($assigned)}]->(c)
       WITH DISTINCT u, n
       UNWIND range(0, n % 5) AS k
       WITH u, n, k, ['p1', 'p2', 'p3'][(n + k) % 3] AS product, ['PURCHASE', 'VIEW'][(n * 7 + k) % 2] AS kind
       CREATE (u)-[:DID]->(:Event {kind: kind, productId: product, at: datetime($assigned) + duration({days: (n + 3 * k) % 16 - 2})})`,
      { assigned: new Date(NOW.getTime() - 10 * 86_400_000).toISOString() },
    );
  }

  const members = async (rule: SegmentRule, goals?: Map<string, CampaignGoal>) => {
    const compiled = compileRule(rule, { now: NOW, influence: null, ...(goals ? { campaignGoals: goals } : {}) });
    const rows = await t.cypher<{ ids: string[] }>(`MATCH (u:User) WHERE ${compiled.predicate} RETURN collect(u.id) AS ids`, compiled.params);
    return [...(rows[0]?.ids ?? [])].sort();
  };

  it('picks the same members with the goal as parameters as with the goal read from the campaign, for every shape of goal', async () => {
    await seed();
    const goals = new Map(GOALS.map((goal) => [goal.id, goal]));
    for (const goal of GOALS) {
      for (const converted of [true, false]) {
        const rule = { campaign: { campaignId: goal.id, converted } };
        const specialised = compileRule(rule, { now: NOW, influence: null, campaignGoals: goals });
        expect(specialised.predicate).not.toContain('campaign.goal');
        const expected = await members(rule);
        expect(await members(rule, goals), `${goal.id}, converted: ${converted}`).toEqual(expected);
        // Each goal splits the 30 members: the fixture gives both converters and not.
        expect(expected.length, `${goal.id}, converted: ${converted}`).toBeGreaterThan(0);
        expect(expected.length, `${goal.id}, converted: ${converted}`).toBeLessThan(30);
      }
    }
  });

  it('reads the goals before compiling: previewSegment counts converters with the goal as parameters', async () => {
    await seed();
    const statements: string[] = [];
    const stop = t.db.onQuery((event) => statements.push(event.text));
    try {
      const preview = await t.graphql(`query { previewSegment(rule: {campaign: {campaignId: "kids", converted: true}}) { size } }`);
      expect(preview.errors).toBeUndefined();
      expect(preview.data?.previewSegment.size).toBe((await members({ campaign: { campaignId: 'kids', converted: true } })).length);
    } finally {
      stop();
    }
    const counted = statements.filter((text) => text.includes('IN_CAMPAIGN'));
    expect(counted.length).toBeGreaterThan(0);
    for (const text of counted) expect(text).not.toContain('campaign.goalKind');
  });
});
