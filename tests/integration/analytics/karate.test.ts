/** Acceptance: the community job recovers Zachary's two factions (NMI ≥ 0.7), end to end. */
import { describe, expect, it } from 'vitest';
import { nmi } from '../../helpers/nmi.js';
import { KARATE_EDGES, KARATE_FACTIONS } from '../../fixtures/analytics/karate.js';
import { useTestDatabase } from '../../helpers/test-db.js';

describe('community job on the karate club', () => {
  const t = useTestDatabase();

  async function loadKarate(): Promise<void> {
    const users = KARATE_FACTIONS.map((_, i) => ({ id: `k${String(i).padStart(2, '0')}`, displayName: `Member ${i}`, consentProfiling: true }));
    expect((await t.graphql(`mutation ($u: [UserInput!]!) { upsertUsers(input: $u) { created } }`, { u: users })).data?.upsertUsers.created).toBe(34);
    const id = (i: number) => `k${String(i).padStart(2, '0')}`;
    for (const [a, b] of KARATE_EDGES) {
      await t.graphql(
        `mutation ($a: ID!, $b: ID!) { x: follow(followerId: $a, followeeId: $b) { created } y: follow(followerId: $b, followeeId: $a) { created } }`,
        { a: id(a), b: id(b) },
      );
    }
  }

  /** Runs a COMMUNITIES job through the API (`args`: runAnalytics's arguments) and waits for it. */
  async function communitiesJob(args: string, variables: Record<string, unknown> = {}): Promise<any> {
    const started = await t.graphql(`mutation ($s: Int) { runAnalytics(kinds: [COMMUNITIES], seed: $s, ${args}) { id } }`, { s: 1, ...variables });
    const jobId = started.data?.runAnalytics.id;
    let job: any = null;
    for (let waited = 0; waited < 60_000 && job?.status !== 'SUCCEEDED' && job?.status !== 'FAILED'; waited += 100) {
      job = (
        await t.graphql(
          `query ($id: ID!) { analyticsJob(id: $id) { status error backend communitiesBackend communityCount modularity weighting resolution } }`,
          { id: jobId },
        )
      ).data?.analyticsJob;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return job;
  }

  it('recovers the two factions with NMI ≥ 0.7 (in-process, embeddedness weighting, γ = 0.5)', async () => {
    await loadKarate();
    for (const seed of [1, 2, 3]) {
      const job = await communitiesJob('resolution: 0.5, weighting: EMBEDDEDNESS, backend: INPROCESS', { s: seed });
      expect(job).toMatchObject({ status: 'SUCCEEDED', communityCount: 2, weighting: 'EMBEDDEDNESS', resolution: 0.5, communitiesBackend: 'INPROCESS' });
      const members = (await t.graphql(`{ users(first: 34) { nodes { id community { id } } } }`)).data?.users.nodes as {
        id: string;
        community: { id: string };
      }[];
      const numbering = new Map<string, number>();
      const labels = members.map((m) => numbering.get(m.community.id) ?? numbering.set(m.community.id, numbering.size).get(m.community.id) ?? 0);
      const truth = members.map((m) => KARATE_FACTIONS[Number(m.id.slice(1))] ?? -1);
      expect(nmi(labels, truth), `seed ${seed}`).toBeGreaterThanOrEqual(0.7);
    }
  }, 120_000);

  it('on GDS, the default (embeddedness) is detected in-process and the job says so; follow weights run gds.leiden', async () => {
    expect(t.deps.server.gds, 'the test server has the GDS plugin (.ci/run installs it)').toBe(true);
    await loadKarate();
    const byDefault = await communitiesJob('resolution: 0.5, backend: GDS');
    expect(byDefault).toMatchObject({ status: 'SUCCEEDED', backend: 'GDS', communitiesBackend: 'INPROCESS', weighting: 'EMBEDDEDNESS', communityCount: 2 });
    const inProcess = await communitiesJob('resolution: 0.5, backend: INPROCESS');
    // The same partition as an in-process job with the same seed: the same algorithm ran.
    expect(inProcess).toMatchObject({ communitiesBackend: 'INPROCESS', weighting: 'EMBEDDEDNESS', modularity: byDefault.modularity });
    const gds = await communitiesJob('backend: GDS, weighting: FOLLOW_WEIGHT');
    expect(gds).toMatchObject({ status: 'SUCCEEDED', backend: 'GDS', communitiesBackend: 'GDS', weighting: 'FOLLOW_WEIGHT' });
  }, 120_000);
});
