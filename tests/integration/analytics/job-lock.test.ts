/**
 * One running job per analytics kind, across every process that shares the graph: concurrent
 * jobs writing the same result slots deadlocked, duplicated the state node and published each
 * other's half-written results (issue 12).
 */
import { describe, expect, it } from 'vitest';
import { AnalyticsEngine, type AnalyticsTask } from '../../../src/analytics/index.js';
import { createLogger } from '../../../src/logger.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

/** Tasks that run until the test releases them. */
function heldTasks(): { tasks: AnalyticsTask[]; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const run = async () => {
    await held;
    return {};
  };
  return {
    tasks: [
      { kind: 'INFLUENCE', run },
      { kind: 'COMMUNITIES', run },
    ],
    release,
  };
}

describe('analytics job lock', () => {
  const t = useTestDatabase();

  it('starts one of several concurrent jobs of a kind; the others get CONFLICT naming the running job', async () => {
    const { tasks, release } = heldTasks();
    // Two engines: as two API replicas sharing one graph.
    const engines = [0, 1].map(() => new AnalyticsEngine(t.db, createLogger('silent'), tasks, false, 'inprocess'));
    const attempts = await Promise.allSettled([
      ...Array.from({ length: 6 }, (_, i) => engines[i % 2]!.start(['INFLUENCE'], 'inprocess', 1)),
      engines[0]!.start(['COMMUNITIES', 'INFLUENCE'], 'inprocess', 1),
    ]);
    const started = attempts.filter((a) => a.status === 'fulfilled');
    expect(started).toHaveLength(1);
    const running = (started[0] as PromiseFulfilledResult<Awaited<ReturnType<AnalyticsEngine['start']>>>).value;
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      const error = (attempt as PromiseRejectedResult).reason as { extensions: Record<string, unknown>; message: string };
      expect(error.extensions['code']).toBe('CONFLICT');
      expect(error.extensions['jobId']).toBe(running.job.id);
      expect(error.message).toContain(running.job.id);
    }
    expect(await t.cypher('MATCH (j:AnalyticsJob) RETURN j.id AS id')).toHaveLength(1);

    // Another kind is free meanwhile (unless the running job holds it).
    const otherKind = running.job.kinds.includes('COMMUNITIES') ? null : await engines[1]!.start(['COMMUNITIES'], 'inprocess', 1);
    release();
    expect((await running.done).status).toBe('SUCCEEDED');
    if (otherKind) expect((await otherKind.done).status).toBe('SUCCEEDED');
    // Finished, the kind is free again.
    const { tasks: next, release: releaseNext } = heldTasks();
    const again = await new AnalyticsEngine(t.db, createLogger('silent'), next, false, 'inprocess').start(['INFLUENCE'], 'inprocess', 1);
    releaseNext();
    expect((await again.done).status).toBe('SUCCEEDED');
  });

  it('over GraphQL: concurrent runAnalytics start one job; the other is CONFLICT naming it', async () => {
    const results = await Promise.all([
      t.graphql(`mutation { runAnalytics(kinds: [INFLUENCE], backend: INPROCESS) { id } }`),
      t.graphql(`mutation { runAnalytics(kinds: [INFLUENCE, COMMUNITIES], backend: INPROCESS) { id } }`),
    ]);
    const ids = results.flatMap((result) => (result.data?.runAnalytics ? [result.data.runAnalytics as { id: string }] : []));
    expect(ids).toHaveLength(1);
    const refused = results.find((result) => result.errors);
    expect(errorCode(refused!)).toBe('CONFLICT');
    expect(refused?.errors?.[0]?.message).toContain(ids[0]!.id);
    // Let it finish before the graph is reset for the next test.
    for (let waited = 0; waited < 60_000; waited += 100) {
      const job = await t.graphql(`query ($id: ID!) { analyticsJob(id: $id) { status } }`, { id: ids[0]!.id });
      if (job.data?.analyticsJob.status !== 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('a job whose process died does not hold its kind', async () => {
    const { tasks, release } = heldTasks();
    const engine = new AnalyticsEngine(t.db, createLogger('silent'), tasks, false, 'inprocess', { heartbeatMs: 100, staleAfterMs: 1_000 });
    const dead = await engine.jobs.create(['INFLUENCE'], 'inprocess', 1);
    await t.cypher(`MATCH (j:AnalyticsJob {id: $id}) SET j.updatedAt = j.updatedAt - duration('PT1H')`, { id: dead.id });
    const next = await engine.start(['INFLUENCE'], 'inprocess', 1);
    release();
    expect((await next.done).status).toBe('SUCCEEDED');
  });

  it('the published state is one node: a second one is refused by a constraint', async () => {
    await t.cypher(`CREATE (:AnalyticsState {id: 'current'})`);
    await expect(t.cypher(`CREATE (:AnalyticsState {id: 'current'})`)).rejects.toThrow(/already exists/);
  });

  it('refuses bad arguments, the same from the API and the service', async () => {
    const api = await t.graphql(`mutation { runAnalytics(kinds: [COMMUNITIES], resolution: 0) { id } }`);
    expect(errorCode(api)).toBe('BAD_USER_INPUT');
    expect(() => t.deps.analytics.request({ kinds: ['COMMUNITIES'], resolution: 0 })).toThrow(/resolution must be in/);
    expect(() => t.deps.analytics.request({ kinds: [] })).toThrow(/at least one kind/);
  });
});
