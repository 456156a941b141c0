import { describe, expect, it } from 'vitest';
import { AnalyticsEngine, type AnalyticsTask } from '../../../src/analytics/index.js';
import { influenceTask } from '../../../src/influence/index.js';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { createLogger } from '../../../src/logger.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

describe('publishing analytics results', () => {
  const t = useTestDatabase();
  const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 300, seed: 4, now: new Date('2026-06-01T00:00:00Z') });
  const influenceOf = async () =>
    (await t.graphql(`{ users(first: 100) { nodes { id influence { score rank } } } }`)).data?.users.nodes as { id: string; influence: unknown }[];

  it('a job that fails half-way leaves the previous results exactly as they were', async () => {
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    const first = await t.deps.analytics.start(['INFLUENCE'], 'inprocess', 1);
    expect((await first.done).status).toBe('SUCCEEDED');
    const before = await influenceOf();
    expect(before.filter((user) => user.influence !== null).length).toBeGreaterThan(50);

    // Change the graph so a new run would give other scores, then fail after writing part of the idle slot.
    await t.cypher(
      `MATCH (a:User), (b:User) WHERE a.id < b.id AND a.consentProfiling AND b.consentProfiling WITH a, b LIMIT 400 MERGE (a)-[:FOLLOWS {weight: 5.0}]->(b)`,
    );
    const failing: AnalyticsTask = {
      kind: 'INFLUENCE',
      run: (context) =>
        influenceTask(t.config.analytics).run({
          ...context,
          db: new Proxy(context.db, {
            get(target, property, receiver) {
              // Every result batch is written to the idle slot; the publish step then fails like a lost connection.
              if (property === 'mutate') {
                return async (...args: Parameters<typeof target.mutate>) => {
                  if (args[0].name === 'analytics/publish-influence') throw new Error('connection lost before publishing');
                  return target.mutate(...args);
                };
              }
              return Reflect.get(target, property, receiver) as unknown;
            },
          }),
        }),
    };
    const engine = new AnalyticsEngine(t.db, createLogger('silent'), [failing], false, 'inprocess');
    const failed = await (await engine.start(['INFLUENCE'], 'inprocess', 1)).done;
    expect(failed.status).toBe('FAILED');
    // Readable and coded; the raw cause goes to the log only.
    expect(failed.errorCode).toBe('INTERNAL');
    expect(failed.error).toContain(failed.id);
    expect(failed.error).not.toContain('connection lost');
    expect(await influenceOf()).toEqual(before);
    const job = await t.graphql(`query ($id: ID!) { analyticsJob(id: $id) { status error errorCode } }`, { id: failed.id });
    expect(job.data?.analyticsJob).toEqual({ status: 'FAILED', error: failed.error, errorCode: 'INTERNAL' });

    // The next successful run replaces the results.
    const next = await t.deps.analytics.start(['INFLUENCE'], 'inprocess', 1);
    expect((await next.done).status).toBe('SUCCEEDED');
    expect(await influenceOf()).not.toEqual(before);
  }, 150_000); // two INFLUENCE runs (six cascade probabilities each) on a loaded CI machine

  it('refuses bad runAnalytics arguments with codes', async () => {
    expect(errorCode(await t.graphql(`mutation { runAnalytics(kinds: []) { id } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(`mutation { runAnalytics(kinds: [COMMUNITIES], resolution: -1) { id } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(`mutation { runAnalytics(kinds: [COMMUNITIES]) { id } }`, {}, { role: 'analyst' }))).toBe('FORBIDDEN');
  });

  it('with no consenting users, GDS and in-process both succeed with 0 users and say why', async () => {
    await t.cypher(`UNWIND range(1, 20) AS i CREATE (:User {id: 'u' + i, displayName: 'U', consentProfiling: false})`);
    for (const backend of ['GDS', 'INPROCESS']) {
      const started = await t.graphql(`mutation ($b: AnalyticsBackend) { runAnalytics(kinds: [INFLUENCE, COMMUNITIES], backend: $b) { id } }`, { b: backend });
      expect(started.errors, backend).toBeUndefined();
      const id = started.data?.runAnalytics.id as string;
      let job: Record<string, unknown> = {};
      for (let waited = 0; waited < 60_000; waited += 100) {
        job = (await t.graphql(`query ($id: ID!) { analyticsJob(id: $id) { status error nodeCount note } }`, { id })).data?.analyticsJob;
        if (job['status'] !== 'RUNNING') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(job, backend).toEqual({
        status: 'SUCCEEDED',
        error: null,
        nodeCount: 0,
        note: expect.stringContaining('No user consents to profiling') as unknown,
      });
    }
  });
});
