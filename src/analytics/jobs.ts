import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';
import { int, neo4jValueToJson, toNeo4jDateTime } from '../db/values.js';
import { analyticsQueries, type JobMap } from './queries.js';

export type AnalyticsKind = 'INFLUENCE' | 'COMMUNITIES';
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
  nodeCount: number | null;
  relationshipCount: number | null;
  modularity: number | null;
  communityCount: number | null;
  iterations: number | null;
  resolution: number | null;
  weighting: string | null;
  timings: { phase: string; ms: number }[];
}

export function toJob(map: JobMap): AnalyticsJob {
  const plain = neo4jValueToJson(map) as Record<string, unknown>;
  const timings = typeof plain['timings'] === 'string' ? (JSON.parse(plain['timings']) as { phase: string; ms: number }[]) : [];
  const number = (key: string) => (typeof plain[key] === 'number' ? (plain[key] as number) : null);
  return {
    id: String(plain['id']),
    kinds: (plain['kinds'] as AnalyticsKind[] | undefined) ?? [],
    backend: (plain['backend'] as AnalyticsBackendName | undefined) ?? 'inprocess',
    seed: number('seed') ?? 0,
    status: (plain['status'] as AnalyticsJob['status'] | undefined) ?? 'FAILED',
    progress: number('progress') ?? 0,
    phase: String(plain['phase'] ?? ''),
    createdAt: String(plain['createdAt']),
    startedAt: (plain['startedAt'] as string | undefined) ?? null,
    finishedAt: (plain['finishedAt'] as string | undefined) ?? null,
    updatedAt: (plain['updatedAt'] as string | undefined) ?? null,
    error: (plain['error'] as string | undefined) ?? null,
    nodeCount: number('nodeCount'),
    relationshipCount: number('relationshipCount'),
    modularity: number('modularity'),
    communityCount: number('communityCount'),
    iterations: number('iterations'),
    resolution: number('resolution'),
    weighting: (plain['weighting'] as string | undefined) ?? null,
    timings,
  };
}

/** Jobs and their progress live in the graph, so any API replica can report them. */
export class JobStore {
  constructor(private readonly db: Db) {}

  async create(kinds: AnalyticsKind[], backend: AnalyticsBackendName, seed: number): Promise<AnalyticsJob> {
    const [row] = await this.db.mutate(analyticsQueries.createJob, { id: randomUUID(), kinds, backend, seed: int(seed), now: toNeo4jDateTime(new Date()) });
    if (!row) throw new Error('could not create the analytics job');
    return toJob(row.job);
  }

  async progress(id: string, progress: number, phase: string): Promise<void> {
    await this.db.mutate(analyticsQueries.updateJob, { id, progress: Math.min(1, Math.max(0, progress)), phase, now: toNeo4jDateTime(new Date()) });
  }

  async finish(id: string, outcome: { error: string | null; stats: Record<string, unknown> }): Promise<AnalyticsJob> {
    const [row] = await this.db.mutate(analyticsQueries.finishJob, {
      id, status: outcome.error ? 'FAILED' : 'SUCCEEDED', error: outcome.error, now: toNeo4jDateTime(new Date()), stats: outcome.stats,
    });
    if (!row) throw new Error(`analytics job ${id} vanished`);
    return toJob(row.job);
  }

  async byIds(ids: string[]): Promise<Map<string, AnalyticsJob>> {
    const rows = await this.db.query(analyticsQueries.jobsByIds, { ids });
    return new Map(rows.map((row) => [row.job.id, toJob(row.job)]));
  }

  async recent(limit: number): Promise<AnalyticsJob[]> {
    return (await this.db.query(analyticsQueries.recentJobs, { limit: int(limit) })).map((row) => toJob(row.job));
  }
}
