/**
 * keyOpinionLeaders(interest:) reads the lists the INFLUENCE job keeps per interest
 * (src/influence/interest-kols.ts). They must be what the definition gives computed now over
 * the same graph (influence × consenting followers in the audience / consenting followers), on
 * both backends, and must drop anyone who withdrew consent or was erased since.
 */
import { describe, expect, it } from 'vitest';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 300, seed: 5, now: new Date('2026-06-01T00:00:00Z') });

/** The definition, in plain Cypher over the graph as it is now, with the published scores. */
const REFERENCE = `
  MATCH (:Interest {id: $interest})<-[:INTERESTED_IN]-(f:User {consentProfiling: true})-[:FOLLOWS]->(u:User {consentProfiling: true})
  WITH u, count(DISTINCT f) AS reach
  MATCH (s:AnalyticsState {id: 'current'})
  WITH u, reach, u['influenceScore' + s.influenceSlot] AS influence,
       COUNT { (u)<-[:FOLLOWS]-(c:User) WHERE c.consentProfiling = true } AS consentingFollowers
  RETURN u.id AS id, influence * reach / toFloat(consentingFollowers) AS score, reach
  ORDER BY score DESC, id LIMIT 10`;

describe('KOLs within an interest, kept by the influence job', () => {
  const t = useTestDatabase();

  it.each(['inprocess', 'gds'] as const)('match the definition computed now (%s backend) and follow consent and erasure', async (backend) => {
    if (backend === 'gds' && !t.deps.server.gds) return;
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    expect((await (await t.deps.analytics.start(['INFLUENCE'], backend, 1)).done).status).toBe('SUCCEEDED');
    const [busiest] = await t.cypher<{ id: string }>('MATCH (i:Interest) RETURN i.id AS id ORDER BY COUNT { (i)<-[:INTERESTED_IN]-() } DESC, id LIMIT 1');
    const interest = busiest?.id ?? '';
    const kols = async () => {
      const result = await t.graphql(`query ($i: ID!) { keyOpinionLeaders(interest: $i, first: 10) { user { id } score topicalReach followers } }`, {
        i: interest,
      });
      expect(result.errors).toBeUndefined();
      return result.data?.keyOpinionLeaders as { user: { id: string }; score: number; topicalReach: number; followers: number }[];
    };
    const kept = await kols();
    const reference = await t.cypher<{ id: string; score: number; reach: number }>(REFERENCE, { interest });
    expect(kept.length).toBe(10);
    expect(kept.map((kol) => kol.user.id)).toEqual(reference.map((row) => row.id));
    kept.forEach((kol, i) => {
      expect(kol.score).toBeCloseTo(reference[i]?.score ?? NaN, 9);
      expect(kol.topicalReach).toBe(Number(reference[i]?.reach));
      expect(kol.topicalReach).toBeLessThanOrEqual(kol.followers);
    });
    // Served from the kept list: the statement that computes it now is not needed.
    const [list] = await t.cypher<{ ids: string[] }>(
      "MATCH (i:Interest {id: $interest}), (s:AnalyticsState {id: 'current'}) RETURN i['kolIds' + s.influenceSlot] AS ids",
      { interest },
    );
    expect(list?.ids.slice(0, 10)).toEqual(kept.map((kol) => kol.user.id));

    const [first, second, third] = kept.map((kol) => kol.user.id);
    await t.graphql(`mutation ($id: ID!) { setConsent(userId: $id, consentProfiling: false) { id } }`, { id: first });
    expect((await t.graphql(`mutation ($id: ID!) { deleteUser(id: $id) { deletedUserId } }`, { id: second })).errors).toBeUndefined();
    const after = (await kols()).map((kol) => kol.user.id);
    expect(after).not.toContain(first);
    expect(after).not.toContain(second);
    expect(after[0]).toBe(third);
    const stored = await t.cypher<{ id: string }>('MATCH (i:Interest) UNWIND coalesce(i.kolIdsA, []) + coalesce(i.kolIdsB, []) AS id RETURN DISTINCT id');
    expect(stored.map((row) => row.id)).not.toContain(second); // the erased id is gone from every kept list
  });
});
