/**
 * The RECOMMENDATIONS job keeps what the strategies read (src/recommendations/jobs.ts): item
 * neighbours per product, each interest's top products, the most engaged products. The kept
 * neighbour lists must be the exact cosine computed in plain Cypher; INTERESTS and POPULAR must
 * answer as they did before the run (their lists hold every candidate on a small graph); and
 * ALSO_ENGAGED must be the sum of the kept similarities over the user's products.
 */
import { describe, expect, it } from 'vitest';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { createLogger } from '../../../src/logger.js';
import { NEIGHBOURS_KEPT } from '../../../src/recommendations/jobs.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 200, seed: 11, now: new Date('2026-06-01T00:00:00Z') });

/** Exact cosine over consenting co-engagers, best NEIGHBOURS_KEPT per product (ties by id). */
const REFERENCE_NEIGHBOURS = `
  MATCH (j:Product)<-[:PURCHASED|VIEWED|RATED]-(x:User {consentProfiling: true})-[:PURCHASED|VIEWED|RATED]->(q:Product)
  WHERE q <> j
  WITH j, q, count(DISTINCT x) AS co
  WITH j, q, co,
       COUNT { MATCH (j)<-[:PURCHASED|VIEWED|RATED]-(a:User {consentProfiling: true}) RETURN DISTINCT a } AS nj,
       COUNT { MATCH (q)<-[:PURCHASED|VIEWED|RATED]-(b:User {consentProfiling: true}) RETURN DISTINCT b } AS nq
  WITH j, q, co / sqrt(toFloat(nj * nq)) AS similarity
  ORDER BY j.id, similarity DESC, q.id
  WITH j, collect(q.id)[..$keep] AS ids, collect(similarity)[..$keep] AS similarities
  RETURN j.id AS id, ids, similarities, j.alsoEngagedIds AS keptIds, j.alsoEngagedSimilarities AS keptSimilarities`;

describe('lists kept by the RECOMMENDATIONS job', () => {
  const t = useTestDatabase();

  it('are exact, and the strategies read them', async () => {
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    const users = (
      await t.cypher<{ id: string }>('MATCH (u:User {consentProfiling: true}) WHERE COUNT { (u)-[:PURCHASED]->() } > 1 RETURN u.id AS id ORDER BY id LIMIT 8')
    ).map((row) => row.id);
    const page = async (strategy: string) =>
      (
        await t.graphql(
          `query ($ids: [ID!], $s: RecommendationStrategy) { users(first: 10, filter: {ids: $ids}) { nodes { id recommendations(first: 10, strategy: $s) { product { id } score reason } } } }`,
          { ids: users, s: strategy },
        )
      ).data?.users.nodes as { id: string; recommendations: { product: { id: string }; score: number; reason: string }[] }[];
    const before = { INTERESTS: await page('INTERESTS'), POPULAR: await page('POPULAR') };

    const job = await t.deps.analytics.start(['RECOMMENDATIONS'], 'inprocess', 1);
    expect((await job.done).status).toBe('SUCCEEDED');

    const reference = await t.cypher<{ id: string; ids: string[]; similarities: number[]; keptIds: string[] | null; keptSimilarities: number[] | null }>(
      REFERENCE_NEIGHBOURS,
      { keep: NEIGHBOURS_KEPT },
    );
    expect(reference.length).toBeGreaterThan(20);
    for (const row of reference) {
      expect(row.keptIds, row.id).toEqual(row.ids);
      row.similarities.forEach((similarity, i) => expect(row.keptSimilarities?.[i]).toBeCloseTo(similarity, 12));
    }

    const after = { INTERESTS: await page('INTERESTS'), POPULAR: await page('POPULAR') };
    expect(after).toEqual(before);
    expect(before.POPULAR.every((user) => user.recommendations.length === 10)).toBe(true);
    expect(before.INTERESTS.filter((user) => user.recommendations.length > 0).length).toBeGreaterThan(4);

    // ALSO_ENGAGED: Σ of the kept similarities over the user's products, minus what they own.
    const lists = new Map(reference.map((row) => [row.id, row]));
    const alsoEngaged = await page('ALSO_ENGAGED');
    expect(alsoEngaged.filter((user) => user.recommendations.length > 0).length).toBeGreaterThan(4);
    for (const user of alsoEngaged) {
      const owned = (
        await t.cypher<{ id: string }>('MATCH (:User {id: $u})-[:PURCHASED|VIEWED|RATED]->(p:Product) RETURN DISTINCT p.id AS id', { u: user.id })
      ).map((row) => row.id);
      const scores = new Map<string, number>();
      for (const mine of owned) {
        const list = lists.get(mine);
        list?.ids.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + (list.similarities[i] ?? 0)));
      }
      const expected = [...scores]
        .filter(([id]) => !owned.includes(id))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 10);
      expect(user.recommendations.map((r) => r.product.id)).toEqual(expected.map(([id]) => id));
      user.recommendations.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]?.[1] ?? NaN, 9));
      for (const r of user.recommendations) expect(r.reason).toMatch(/^often engaged with alongside \d+ of your products$/);
    }
  });
});
