/**
 * similarUsers takes its interest candidates from the vector index once a RECOMMENDATIONS run
 * has written the vectors (src/lookalike/interest-vectors.ts). On a graph smaller than the
 * candidates it asks for, the index proposes everyone, so the answer must be exactly the one
 * computed by reading every holder; vectors follow consent and erasure. A lookalike whose
 * interest profile the fan-out cap would cut takes its interest candidates from the same index,
 * per seed variant, and scores them as reading every holder of the whole profile does.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { createLogger } from '../../../src/logger.js';
import { LookalikeService, SIGNALS, type SignalScores } from '../../../src/lookalike/index.js';
import { seedVariants } from '../../../src/lookalike/seed-profile.js';
import { NEAREST_BY_INTERESTS } from '../../../src/lookalike/service.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 120, seed: 13, now: new Date('2026-06-01T00:00:00Z') });

describe('similarUsers through the interest vector index', () => {
  const t = useTestDatabase();

  it('answers as reading every holder does, and vectors follow consent and erasure', async () => {
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    expect(graph.options.users).toBeLessThan(NEAREST_BY_INTERESTS);
    const users = (
      await t.cypher<{ id: string }>(
        'MATCH (u:User {consentProfiling: true}) WHERE COUNT { (u)-[:INTERESTED_IN]->() } > 0 RETURN u.id AS id ORDER BY id LIMIT 6',
      )
    ).map((row) => row.id);
    const similar = async () => {
      const result = await t.graphql(
        `query ($ids: [ID!]) { users(first: 10, filter: {ids: $ids}) { nodes { id similarUsers(first: 10) { score user { id } reasons { kind label } } } } }`,
        { ids: users },
      );
      expect(result.errors).toBeUndefined();
      return result.data?.users.nodes;
    };
    const byHolders = await similar();
    expect((await t.cypher<{ n: number }>('MATCH (u:User) WHERE u.interestVector IS NOT NULL RETURN count(u) AS n'))[0]?.n).toEqual(neo4j.int(0));

    expect((await (await t.deps.analytics.start(['RECOMMENDATIONS'], 'inprocess', 1)).done).status).toBe('SUCCEEDED');
    const [vectors] = await t.cypher<{ consenting: number; other: number }>(
      `MATCH (u:User) WHERE u.interestVector IS NOT NULL
       RETURN count(CASE WHEN u.consentProfiling THEN 1 END) AS consenting, count(CASE WHEN NOT coalesce(u.consentProfiling, false) THEN 1 END) AS other`,
    );
    expect(Number(vectors?.consenting)).toBeGreaterThan(100);
    expect(Number(vectors?.other)).toBe(0);
    const byIndex = await similar();
    // The vectors hold 32-bit floats: the same users and reasons, the same scores to 6 digits.
    type Similar = { id: string; similarUsers: { score: number; user: { id: string } }[] };
    const withoutScores = (nodes: Similar[]) => nodes.map((node) => ({ ...node, similarUsers: node.similarUsers.map((s) => ({ ...s, score: 0 })) }));
    expect(withoutScores(byIndex)).toEqual(withoutScores(byHolders));
    (byIndex as Similar[]).forEach((node, n) =>
      node.similarUsers.forEach((s, i) => expect(s.score).toBeCloseTo((byHolders as Similar[])[n]?.similarUsers[i]?.score ?? Number.NaN, 6)),
    );
    expect(byIndex.every((user: { similarUsers: unknown[] }) => user.similarUsers.length === 10)).toBe(true);

    // Consent withdrawn: never proposed, even before the next run removes the vector.
    const withdrawn = byIndex[0].similarUsers[0].user.id as string;
    await t.graphql(`mutation ($id: ID!) { setConsent(userId: $id, consentProfiling: false) { id } }`, { id: withdrawn });
    expect((await similar()).flatMap((user: { similarUsers: { user: { id: string } }[] }) => user.similarUsers.map((s) => s.user.id))).not.toContain(withdrawn);
    expect((await (await t.deps.analytics.start(['RECOMMENDATIONS'], 'inprocess', 2)).done).status).toBe('SUCCEEDED');
    expect(await t.cypher('MATCH (u:User {id: $id}) WHERE u.interestVector IS NOT NULL RETURN u.id', { id: withdrawn })).toEqual([]);

    // Erased: the vector goes with the rest of the profile at once.
    const erased = users[1] as string;
    expect((await t.graphql(`mutation ($id: ID!) { deleteUser(id: $id) { deletedUserId } }`, { id: erased })).errors).toBeUndefined();
    expect(await t.cypher('MATCH (u:User {id: $id}) WHERE u.interestVector IS NOT NULL RETURN u.id', { id: erased })).toEqual([]);
  });

  it('scores a lookalike whose interest profile the fan-out cuts from the vector index, as reading every holder of the whole profile does', async () => {
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    const seed = (
      await t.cypher<{ id: string }>(
        'MATCH (u:User {consentProfiling: true}) WHERE COUNT { (u)-[:INTERESTED_IN]->() } > 1 RETURN u.id AS id ORDER BY id LIMIT 24',
      )
    ).map((row) => row.id);
    const folds = [seed.slice(0, 8), seed.slice(8, 16), seed.slice(16)];
    const variants = seedVariants([8, 8, 8], true).map((variant) => ({ ...variant, limit: 500 }));
    const interests = async (service: LookalikeService) => {
      const counter = t.countQueries();
      const scores = await service.signals(folds, variants, ['INTERESTS'], []);
      counter.stop();
      return { scores: scores.map((variant) => [...(variant as SignalScores).INTERESTS.values()]), counter };
    };
    // Reference: every holder of the whole profile (no cap, no vectors yet).
    const exact = await interests(new LookalikeService(t.db, null, { interestFanOut: Number.POSITIVE_INFINITY }));
    expect(exact.counter.count('lookalike/expand-interests')).toBe(1);
    // A cap of one holder cuts every profile; without vectors the capped profile is read, and it ranks differently.
    const capped = await interests(new LookalikeService(t.db, null, { interestFanOut: 1 }));
    expect(capped.counter.count('lookalike/expand-interests')).toBe(1);
    expect(capped.scores.map((hits) => hits.map((hit) => hit.userId))).not.toEqual(exact.scores.map((hits) => hits.map((hit) => hit.userId)));

    expect((await (await t.deps.analytics.start(['RECOMMENDATIONS'], 'inprocess', 1)).done).status).toBe('SUCCEEDED');
    const byIndex = await interests(new LookalikeService(t.db, null, { interestFanOut: 1 }));
    expect(byIndex.counter.count('lookalike/nearest-interest-holders')).toBe(1);
    expect(byIndex.counter.count('lookalike/expand-interests')).toBe(0);
    expect(byIndex.scores).toHaveLength(4);
    byIndex.scores.forEach((hits, v) => {
      const reference = exact.scores[v] ?? [];
      expect(hits.length).toBe(reference.length);
      expect(hits.length).toBeGreaterThan(10);
      // The vectors hold 32-bit floats: the same candidates, the same scores to 6 digits, best first.
      const expected = new Map(reference.map((hit) => [hit.userId, hit]));
      for (const hit of hits) {
        expect(hit.score).toBeCloseTo(expected.get(hit.userId)?.score ?? Number.NaN, 6);
        expect(hit.labels).toEqual(expected.get(hit.userId)?.labels);
      }
      hits.slice(1).forEach((hit, i) => expect(hit.score).toBeLessThanOrEqual((hits[i]?.score ?? 0) + 1e-9));
    });
    expect(SIGNALS).toContain('INTERESTS');
  });
});
