import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';
import { int, neo4jValueToJson, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { AppError } from '../errors.js';
import { abandoned, type JobErrorCode, type JobFailure } from './job-errors.js';
import { analyticsQueries, type JobMap } from './queries.js';

export type AnalyticsKind = 'INFLUENCE' | 'COMMUNITIES' | 'TAGS' | 'RECOMMENDATIONS';
export type AnalyticsBackendName = 'gds' | 'inprocess';

export interface AnalyticsJob {
  id: string;
  kinds: AnalyticsKind[];
  backend: AnalyticsBackendName;
  seed: number;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  progress: number;
  phase: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string | null;
  error: string | null;
  errorCode: JobErrorCode | null;
  /** Why a successful result is what it is (e.g. no user consents to profiling). */
  note: string | null;
  nodeCount: number | null;
  relationshipCount: number | null;
  modularity: number | null;
  communityCount: number | null;
  iterations: number | null;
  resolution: number | null;
  weighting: string | null;
  /** COMMUNITIES: where they were detected (the job's backend, except embeddedness on GDS: in-process). */
  communitiesBackend: AnalyticsBackendName | null;
  eventLogEntriesDeleted: number | null;
  /** TAGS: review languages with a learned sentiment model after the run, and reviews whose reading changed with it. */
  sentimentModelsFitted: number | null;
  reviewsReadAgain: number | null;
  timings: { phase: string; ms: number }[];
}

/**
 * How a job shows it is alive: a RUNNING job's process beats every `heartbeatMs` (updatedAt);
 * one whose last beat is older than `staleAfterMs` has lost its process and reads as FAILED.
 */
export interface JobLiveness {
  heartbeatMs: number;
  staleAfterMs: number;
}

/** A job beats well inside the stale limit (at most every 30 s), so a slow beat is never taken for a dead process. */
export const jobLiveness = (staleAfterMs: number): JobLiveness => ({ staleAfterMs, heartbeatMs: Math.min(30_000, staleAfterMs / 4) });

export const DEFAULT_JOB_LIVENESS = jobLiveness(600_000);

/** `abandonedBefore`: a RUNNING job whose last heartbeat is older reads as FAILED (its process is gone). */
export function toJob(map: JobMap, abandonedBefore?: { time: Date; failure: JobFailure }): AnalyticsJob {
  const plain = neo4jValueToJson(map) as Record<string, unknown>;
  const timings = typeof plain['timings'] === 'string' ? (JSON.parse(plain['timings']) as { phase: string; ms: number }[]) : [];
  const number = (key: string) => (typeof plain[key] === 'number' ? (plain[key] as number) : null);
  const heartbeat = typeof plain['updatedAt'] === 'string' ? Date.parse(plain['updatedAt']) : Number.NaN;
  const abandoned = plain['status'] === 'RUNNING' && abandonedBefore !== undefined && heartbeat < abandonedBefore.time.getTime();
  return {
    id: String(plain['id']),
    kinds: (plain['kinds'] as AnalyticsKind[] | undefined) ?? [],
    backend: (plain['backend'] as AnalyticsBackendName | undefined) ?? 'inprocess',
    seed: number('seed') ?? 0,
    status: abandoned ? 'FAILED' : ((plain['status'] as AnalyticsJob['status'] | undefined) ?? 'FAILED'),
    progress: number('progress') ?? 0,
    phase: String(plain['phase'] ?? ''),
    createdAt: String(plain['createdAt']),
    startedAt: (plain['startedAt'] as string | undefined) ?? null,
    finishedAt: (plain['finishedAt'] as string | undefined) ?? null,
    updatedAt: (plain['updatedAt'] as string | undefined) ?? null,
    error: abandoned ? (abandonedBefore?.failure.message ?? null) : ((plain['error'] as string | undefined) ?? null),
    errorCode: abandoned ? (abandonedBefore?.failure.code ?? null) : ((plain['errorCode'] as JobErrorCode | undefined) ?? (plain['error'] ? 'INTERNAL' : null)),
    note: (plain['note'] as string | undefined) ?? null,
    nodeCount: number('nodeCount'),
    relationshipCount: number('relationshipCount'),
    modularity: number('modularity'),
    communityCount: number('communityCount'),
    iterations: number('iterations'),
    resolution: number('resolution'),
    weighting: (plain['weighting'] as string | undefined) ?? null,
    communitiesBackend: (plain['communitiesBackend'] as AnalyticsBackendName | undefined) ?? null,
    eventLogEntriesDeleted: number('eventLogEntriesDeleted'),
    sentimentModelsFitted: number('sentimentModelsFitted'),
    reviewsReadAgain: number('reviewsReadAgain'),
    timings,
  };
}

/**
 * Jobs and their progress live in the graph, so any API replica can report them. A job whose
 * process died (crash, redeploy, Ctrl-C on the CLI) stops beating: reads report it FAILED at
 * once, and the next job start records that in the graph.
 */
export class JobStore {
  constructor(
    private readonly db: Db,
    readonly liveness: JobLiveness = DEFAULT_JOB_LIVENESS,
  ) {}

  private abandonedBefore(now = new Date()) {
    return { time: new Date(now.getTime() - this.liveness.staleAfterMs), failure: abandoned(this.liveness.staleAfterMs) };
  }

  /**
   * Creates a RUNNING job, or refuses with CONFLICT when a live job (this replica's or
   * another's) already runs one of its kinds: two jobs writing the same result slots would
   * deadlock or publish each other's half-written results.
   */
  async create(kinds: AnalyticsKind[], backend: AnalyticsBackendName, seed: number): Promise<AnalyticsJob> {
    const now = new Date();
    const sorted = [...kinds].sort();
    const row = await this.db.write(
      async (tx) => {
        const held = await this.db.run(tx, analyticsQueries.claimKinds, {
          kinds: sorted,
          now: toNeo4jDateTime(now),
          staleBefore: toNeo4jDateTime(this.abandonedBefore(now).time),
        });
        const running = held[0];
        if (running) {
          throw new AppError(
            `An analytics job for ${running.kind} is already running (job ${running.jobId}, started ${running.createdAt.toString()}); ` +
              'wait for it to finish (analyticsJob(id)) before starting another.',
            'CONFLICT',
            { jobId: running.jobId, kind: running.kind },
          );
        }
        const [created] = await this.db.run(tx, analyticsQueries.createJob, {
          id: randomUUID(),
          kinds: sorted,
          backend,
          seed: int(seed),
          now: toNeo4jDateTime(now),
        });
        return created;
      },
      { name: analyticsQueries.createJob.name },
    );
    if (!row) throw new Error('could not create the analytics job');
    return toJob(row.job);
  }

  async progress(id: string, progress: number, phase: string): Promise<void> {
    await this.db.mutate(analyticsQueries.updateJob, { id, progress: Math.min(1, Math.max(0, progress)), phase, now: toNeo4jDateTime(new Date()) });
  }

  async heartbeat(id: string): Promise<void> {
    await this.db.mutate(analyticsQueries.heartbeatJob, { id, now: toNeo4jDateTime(new Date()) });
  }

  /** Records as FAILED the running jobs whose process stopped beating; returns how many. */
  async failAbandoned(): Promise<number> {
    const now = new Date();
    const { time, failure } = this.abandonedBefore(now);
    const [row] = await this.db.mutate(analyticsQueries.failAbandonedJobs, {
      before: toNeo4jDateTime(time),
      now: toNeo4jDateTime(now),
      error: failure.message,
      errorCode: failure.code,
    });
    return toSafeNumber(row?.failed ?? 0);
  }

  async finish(id: string, outcome: { failure: JobFailure | null; stats: Record<string, unknown> }): Promise<AnalyticsJob> {
    const [row] = await this.db.mutate(analyticsQueries.finishJob, {
      id,
      status: outcome.failure ? 'FAILED' : 'SUCCEEDED',
      error: outcome.failure?.message ?? null,
      errorCode: outcome.failure?.code ?? null,
      now: toNeo4jDateTime(new Date()),
      stats: outcome.stats,
    });
    if (!row) throw new Error(`analytics job ${id} vanished`);
    return toJob(row.job);
  }

  async byIds(ids: string[]): Promise<Map<string, AnalyticsJob>> {
    const rows = await this.db.query(analyticsQueries.jobsByIds, { ids });
    const abandonedBefore = this.abandonedBefore();
    return new Map(rows.map((row) => [row.job.id, toJob(row.job, abandonedBefore)]));
  }

  async recent(limit: number): Promise<AnalyticsJob[]> {
    const abandonedBefore = this.abandonedBefore();
    return (await this.db.query(analyticsQueries.recentJobs, { limit: int(limit) })).map((row) => toJob(row.job, abandonedBefore));
  }
}
