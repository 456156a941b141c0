/**
 * Jobs live in the graph, so a job whose process died (crash, redeploy, Ctrl-C on the CLI) must
 * not read as RUNNING for ever: a running job beats, and one that stopped beating reads as FAILED.
 */
import { describe, expect, it } from 'vitest';
import { AnalyticsEngine, JobStore, type AnalyticsTask } from '../../../src/analytics/index.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const FAST = { heartbeatMs: 100, staleAfterMs: 1_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A task that runs until the test releases it. */
function heldTask(): { task: AnalyticsTask; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    task: {
      kind: 'INFLUENCE',
      run: async () => {
        await held;
        return {};
      },
    },
    release,
  };
}

describe('abandoned analytics jobs', () => {
  const t = useTestDatabase();
  const storedStatus = async (id: string) =>
    (await t.cypher<{ status: string }>('MATCH (j:AnalyticsJob {id: $id}) RETURN j.status AS status', { id }))[0]?.status;

  it('a running job keeps beating, so it stays RUNNING past the stale limit', async () => {
    const { task, release } = heldTask();
    const engine = new AnalyticsEngine(t.db, createLogger('silent'), [task], false, 'inprocess', FAST);
    const { job, done } = await engine.start(['INFLUENCE'], 'inprocess', 1);
    await sleep(FAST.staleAfterMs * 2);
    expect((await engine.jobs.byIds([job.id])).get(job.id)?.status).toBe('RUNNING');
    release();
    expect((await done).status).toBe('SUCCEEDED');
  });

  it('a job whose process stopped reads as FAILED at once, and the next start records it in the graph', async () => {
    const store = new JobStore(t.db, FAST);
    const dead = await store.create(['COMMUNITIES'], 'inprocess', 1);
    // Its process died an hour ago: no heartbeat since.
    await t.cypher(`MATCH (j:AnalyticsJob {id: $id}) SET j.updatedAt = j.updatedAt - duration('PT1H')`, { id: dead.id });

    const read = (await store.byIds([dead.id])).get(dead.id);
    expect(read?.status).toBe('FAILED');
    expect(read?.error).toMatch(/Abandoned: .*no heartbeat for over 1 s/);
    // The API's own store (ANALYTICS_JOB_STALE_SECONDS, 600 by default) says so too, over GraphQL.
    const overApi = await t.graphql(`query ($id: ID!) { analyticsJob(id: $id) { status error } }`, { id: dead.id });
    expect(overApi.data?.analyticsJob).toEqual({ status: 'FAILED', error: expect.stringContaining('no heartbeat for over 600 s') as unknown });
    expect(await storedStatus(dead.id)).toBe('RUNNING'); // reads do not write

    const { task, release } = heldTask();
    const engine = new AnalyticsEngine(t.db, createLogger('silent'), [task], false, 'inprocess', FAST);
    const next = await engine.start(['INFLUENCE'], 'inprocess', 1);
    expect(await storedStatus(dead.id)).toBe('FAILED');
    expect(await storedStatus(next.job.id)).toBe('RUNNING'); // the new job just beat
    release();
    expect((await next.done).status).toBe('SUCCEEDED');
  });

  it('a job taken for dead that finishes after all records its real outcome', async () => {
    const { task, release } = heldTask();
    // It never beats within the limit (heartbeat slower than staleAfterMs), like a long blocking phase.
    const engine = new AnalyticsEngine(t.db, createLogger('silent'), [task], false, 'inprocess', { heartbeatMs: 60_000, staleAfterMs: 200 });
    const { job, done } = await engine.start(['INFLUENCE'], 'inprocess', 1);
    await sleep(500);
    expect((await engine.jobs.byIds([job.id])).get(job.id)?.status).toBe('FAILED');
    expect(await engine.jobs.failAbandoned()).toBe(1);
    release();
    expect((await done).status).toBe('SUCCEEDED');
    expect(await storedStatus(job.id)).toBe('SUCCEEDED');
  });
});
