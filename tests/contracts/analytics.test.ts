/**
 * One suite, both analytics backends, same planted-partition graph: each must recover the
 * planted communities, and the two must agree (PageRank within a tight tolerance, partitions
 * with high NMI to each other). The GDS half is skipped, with the reason printed, when the
 * server has no GDS plugin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nmi } from '../helpers/nmi.js';
import { loadSyntheticGraph } from '../../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../src/ingest/generate.js';
import { createLogger } from '../../src/logger.js';
import { errorCode, useTestDatabase } from '../helpers/test-db.js';
import { testServer } from '../helpers/test-server.js';

type T = ReturnType<typeof useTestDatabase>;
const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 600, mixing: 0.1, communitySize: 100, seed: 3, now: new Date('2026-06-01T00:00:00Z') });

async function runJob(t: T, backend: 'GDS' | 'INPROCESS'): Promise<Record<string, any>> {
  const started = await t.graphql(
    `mutation ($b: AnalyticsBackend) { runAnalytics(kinds: [INFLUENCE, COMMUNITIES], seed: 1, backend: $b) { id status backend } }`,
    { b: backend },
  );
  expect(started.errors).toBeUndefined();
  const id = started.data?.runAnalytics.id as string;
  for (let waited = 0; waited < 120_000; waited += 200) {
    const polled = await t.graphql(
      `query ($id: ID!) { analyticsJob(id: $id) { id status progress phase error backend nodeCount relationshipCount modularity communityCount timings { phase ms } } }`,
      { id },
    );
    const job = polled.data?.analyticsJob;
    if (job.status !== 'RUNNING') return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('analytics job did not finish in 120 s');
}

/** Influence and community of every analysed user, from the published run. */
async function results(t: T) {
  const rows = await t.cypher<{ id: string }>('MATCH (u:User) WHERE u.consentProfiling RETURN u.id AS id ORDER BY id');
  const ids = rows.map((row) => row.id);
  const scores = new Map<string, number>();
  const communities = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const page = await t.graphql(
      `query ($ids: [ID!]) { users(first: 100, filter: { ids: $ids }) { nodes { id influence { score rank percentile } community { id } } } }`,
      { ids: ids.slice(i, i + 100) },
    );
    for (const user of page.data?.users.nodes ?? []) {
      scores.set(user.id, user.influence?.score);
      communities.set(user.id, user.community?.id);
    }
  }
  return { ids, scores, communities };
}

const labels = (ids: string[], map: Map<string, string>) => {
  const numbering = new Map<string, number>();
  return ids.map((id) => {
    const key = map.get(id) ?? 'none';
    if (!numbering.has(key)) numbering.set(key, numbering.size);
    return numbering.get(key) ?? 0;
  });
};

describe('analytics backends', () => {
  const t = useTestDatabase();
  const gds = testServer().gds;
  const outcomes: Partial<Record<'GDS' | 'INPROCESS', Awaited<ReturnType<typeof results>>>> = {};

  beforeAll(() => {
    if (!gds) process.stderr.write('[contracts] GDS plugin not available on this server: the GDS backend half is skipped\n');
  });

  for (const backend of ['INPROCESS', 'GDS'] as const) {
    it(`${backend}: runs as a job, publishes influence and communities, recovers the planted partition`, async (context) => {
      if (backend === 'GDS' && !gds) context.skip();
      await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
      const job = await runJob(t, backend);
      expect(job.error).toBeNull();
      expect(job).toMatchObject({ status: 'SUCCEEDED', progress: 1, backend });
      expect(job.nodeCount).toBeGreaterThan(500);
      expect(job.modularity).toBeGreaterThan(0.5);
      const outcome = await results(t);
      outcomes[backend] = outcome;
      const truth = outcome.ids.map((id) => graph.communityOf(Number(id.slice(1))));
      expect(nmi(labels(outcome.ids, outcome.communities), truth)).toBeGreaterThan(0.9);
      // Users without profiling consent are not analysed: no influence, no community.
      const [withdrawn] = await t.cypher<{ id: string }>('MATCH (u:User) WHERE NOT u.consentProfiling RETURN u.id AS id LIMIT 1');
      const hidden = await t.graphql(`query ($id: ID!) { user(id: $id) { influence { score } community { id } } }`, { id: withdrawn?.id });
      expect(hidden.data?.user).toEqual({ influence: null, community: null });
    }, 180_000);
  }

  it('both backends agree: PageRank within 1e-6, partitions with NMI ≥ 0.9', (context) => {
    if (!gds) context.skip();
    const a = outcomes.INPROCESS;
    const b = outcomes.GDS;
    expect(a && b, 'both backend runs must have succeeded').toBeTruthy();
    if (!a || !b) return;
    for (const id of a.ids) expect(a.scores.get(id), id).toBeCloseTo(b.scores.get(id) ?? NaN, 6);
    expect(nmi(labels(a.ids, a.communities), labels(b.ids, b.communities))).toBeGreaterThanOrEqual(0.9);
  });

  it('serves KOLs: overall, per community, per interest, and a KOL set that reaches at least as many as the top k', async () => {
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    await runJob(t, 'INPROCESS');
    const overall = await t.graphql(`{ keyOpinionLeaders(first: 5) { user { id consentProfiling } score rank followers topicalReach } }`);
    const kols = overall.data?.keyOpinionLeaders;
    expect(kols).toHaveLength(5);
    const ranks = kols.map((k: any) => k.rank as number);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y)); // best first
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(kols.every((k: any) => k.user.consentProfiling)).toBe(true);
    // Withdrawing consent removes the top KOL at once, without a new run.
    const top = kols[0].user.id;
    await t.graphql(`mutation ($id: ID!) { setConsent(userId: $id, consentProfiling: false) { id } }`, { id: top });
    const after = await t.graphql(`{ keyOpinionLeaders(first: 5) { user { id } } }`);
    expect(after.data?.keyOpinionLeaders.map((k: any) => k.user.id)).not.toContain(top);

    const communities = await t.graphql(
      `{ communities(first: 2) { totalCount nodes { id size modularityShare topInterests(first: 3) { interest { id } members share } topProducts(first: 2) { buyers } keyOpinionLeaders(first: 3) { user { id } topicalReach } members(first: 3) { totalCount nodes { id } } } } }`,
    );
    expect(communities.errors).toBeUndefined();
    const biggest = communities.data?.communities.nodes[0];
    expect(communities.data?.communities.totalCount).toBeGreaterThanOrEqual(5);
    expect(biggest.size).toBeGreaterThan(50);
    // size is the count at analysis time; members.totalCount counts those still consenting
    // (the top KOL withdrew above and may be a member).
    const withdrawnHere = (await t.cypher(`MATCH (:Community {id: $c})<-[:MEMBER_OF]-(u:User) WHERE NOT u.consentProfiling RETURN u.id`, { c: biggest.id }))
      .length;
    expect(biggest.members.totalCount).toBe(biggest.size - withdrawnHere);
    expect(biggest.topInterests.length).toBeGreaterThan(0);
    expect(biggest.keyOpinionLeaders.length).toBe(3);

    // members.totalCount re-checks consent, like the page itself: withdraw one member's consent.
    const member = biggest.members.nodes[0].id;
    await t.graphql(`mutation ($id: ID!) { setConsent(userId: $id, consentProfiling: false) { id } }`, { id: member });
    const recount = await t.graphql(`query ($id: ID!) { community(id: $id) { size members(first: 1) { totalCount } } }`, { id: biggest.id });
    expect(recount.data?.community).toEqual({ size: biggest.size, members: { totalCount: biggest.members.totalCount - 1 } });

    const interest = biggest.topInterests[0].interest.id;
    const byInterest = await t.graphql(`query ($i: ID!) { keyOpinionLeaders(interest: $i, first: 3) { score topicalReach followers } }`, { i: interest });
    expect(byInterest.data?.keyOpinionLeaders.length).toBeGreaterThan(0);
    for (const kol of byInterest.data?.keyOpinionLeaders ?? []) expect(kol.topicalReach).toBeLessThanOrEqual(kol.followers);

    const set = await t.graphql(
      `{ kolSet(k: 5) { method probability estimatedReach topKByScoreReach members { user { id consentProfiling } } reachByProbability { probability estimatedReach bestReach ratioToBest } } }`,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data?.kolSet).toMatchObject({ method: 'EXPECTED_SPREAD', probability: null });
    // The robust set reports its reach at every analysed probability, against that probability's own set.
    const curve = set.data?.kolSet.reachByProbability;
    expect(curve.map((at: any) => at.probability)).toEqual([0.005, 0.01, 0.015, 0.02, 0.03, 0.05]);
    for (const at of curve) expect(at.ratioToBest).toBeGreaterThan(0.8);
    expect(curve.at(-1).estimatedReach).toBe(set.data?.kolSet.estimatedReach);
    const atP = await t.graphql(`{ kolSet(k: 5, probability: 0.05) { probability estimatedReach reachByProbability { probability estimatedReach } } }`);
    expect(atP.data?.kolSet.probability).toBe(0.05);
    expect(atP.data?.kolSet.estimatedReach).toBe(atP.data?.kolSet.reachByProbability.at(-1).estimatedReach);
    expect(errorCode(await t.graphql(`{ kolSet(k: 5, probability: 0.07) { estimatedReach } }`))).toBe('BAD_USER_INPUT');
    expect(set.data?.kolSet.members).toHaveLength(5);
    expect(set.data?.kolSet.members.map((m: any) => m.user.id)).not.toContain(top); // consent withdrawn above
    expect(set.data?.kolSet.estimatedReach).toBeGreaterThanOrEqual(set.data?.kolSet.topKByScoreReach * 0.99);
    const scoped = await t.graphql(`query ($c: ID!) { kolSet(k: 3, community: $c) { method estimatedReach topKByScoreReach members { user { id } } } }`, {
      c: biggest.id,
    });
    expect(scoped.data?.kolSet).toMatchObject({ method: 'FOLLOWER_COVERAGE' });
    expect(scoped.data?.kolSet.estimatedReach).toBeGreaterThanOrEqual(scoped.data?.kolSet.topKByScoreReach);
    expect(errorCode(await t.graphql(`query ($c: ID!) { kolSet(k: 3, community: $c, probability: 0.05) { estimatedReach } }`, { c: biggest.id }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await t.graphql(`{ kolSet(k: 0) { estimatedReach } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(`{ kolSet(k: 101) { estimatedReach } }`))).toBe('BAD_USER_INPUT');
  }, 180_000);
});
