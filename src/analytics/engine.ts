/**
 * The analytics engine: runs global algorithms as jobs, on one of two backends.
 *  - gds: the Graph Data Science plugin computes (project → stream → drop the projection);
 *  - inprocess: the projection is streamed with Cypher and computed in Node.
 * Either way the results are written by us into an idle property slot and published with one
 * pointer flip (analytics/publish-*.cypher), so readers never see a half-written result and a
 * failed job leaves the previous one in place. Features plug in as AnalyticsTasks; this folder
 * knows no feature.
 */
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { int } from '../db/values.js';
import type { Logger } from '../logger.js';
import { DEFAULT_JOB_LIVENESS, JobStore, type AnalyticsBackendName, type AnalyticsJob, type AnalyticsKind, type JobLiveness } from './jobs.js';
import type { Projection } from './projection.js';
import { analyticsQueries } from './queries.js';

export interface TaskContext {
  db: Db;
  jobId: string;
  backend: AnalyticsBackendName;
  seed: number;
  /** Modularity resolution γ for community detection (1 = classic modularity). */
  resolution: number;
  /** How community detection weighs ties (in-process only); see communities/louvain.ts. */
  weighting: 'FOLLOW_WEIGHT' | 'EMBEDDEDNESS';
  logger: Logger;
  /** The consenting users' follow graph, streamed once per job and shared by its tasks. */
  projection: () => Promise<Projection>;
  /** Runs `work` on a GDS projection (both directions when asked) and always drops it. */
  withGdsGraph: <T>(bothDirections: boolean, work: (graphName: string) => Promise<T>) => Promise<T>;
  /** Reports progress within the task, 0..1. */
  progress: (fraction: number, phase: string) => Promise<void>;
}

export interface AnalyticsTask {
  kind: AnalyticsKind;
  run(context: TaskContext): Promise<Record<string, unknown>>;
}

const STREAM_BATCH = 5_000;

/** Streams the projection page by page (keyset on user id): memory is the typed arrays only. */
export async function streamProjection(db: Db): Promise<Projection> {
  const ids: string[] = [];
  for (let after = ''; ; ) {
    const rows = await db.query(analyticsQueries.streamUsers, { after, limit: int(50_000) });
    for (const row of rows) ids.push(row.id);
    if (rows.length < 50_000) break;
    after = rows.at(-1)?.id ?? after;
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (let after = ''; ; ) {
    const rows = await db.query(analyticsQueries.streamFollowEdges, { after, limit: int(STREAM_BATCH) });
    for (const row of rows) {
      const source = index.get(row.source);
      if (source === undefined) continue;
      for (const [target, weight] of row.targets) {
        const t = target === null ? undefined : index.get(target);
        if (t === undefined) continue;
        sources.push(source);
        targets.push(t);
        weights.push(weight);
      }
    }
    if (rows.length < STREAM_BATCH) break;
    after = rows.at(-1)?.source ?? after;
  }
  return { ids, sources: Uint32Array.from(sources), targets: Uint32Array.from(targets), weights: Float64Array.from(weights) };
}

export class AnalyticsEngine {
  readonly jobs: JobStore;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly tasks: readonly AnalyticsTask[],
    private readonly gdsAvailable: boolean,
    private readonly configured: Config['analytics']['backend'],
    liveness: JobLiveness = DEFAULT_JOB_LIVENESS,
  ) {
    this.jobs = new JobStore(db, liveness);
  }

  /** The backend a job gets: the configured one, or GDS when it answers and `auto` is set. */
  backend(requested?: AnalyticsBackendName | null): AnalyticsBackendName | { unavailable: string } {
    const choice = requested ?? (this.configured === 'auto' ? (this.gdsAvailable ? 'gds' : 'inprocess') : this.configured);
    if (choice === 'gds' && !this.gdsAvailable) return { unavailable: 'The Graph Data Science plugin is not installed on this Neo4j; use the INPROCESS backend.' };
    return choice;
  }

  /** Creates the job and runs it in the background; the returned job is RUNNING. */
  async start(
    kinds: AnalyticsKind[],
    backend: AnalyticsBackendName,
    seed: number,
    resolution = 1,
    weighting: TaskContext['weighting'] = 'FOLLOW_WEIGHT',
  ): Promise<{ job: AnalyticsJob; done: Promise<AnalyticsJob> }> {
    const abandoned = await this.jobs.failAbandoned();
    if (abandoned > 0) this.logger.warn({ abandoned }, 'recorded analytics jobs whose process stopped as FAILED');
    const job = await this.jobs.create(kinds, backend, seed);
    const done = this.run(job, kinds, backend, seed, resolution, weighting);
    return { job, done };
  }

  private async run(
    job: AnalyticsJob,
    kinds: AnalyticsKind[],
    backend: AnalyticsBackendName,
    seed: number,
    resolution: number,
    weighting: TaskContext['weighting'],
  ): Promise<AnalyticsJob> {
    const log = this.logger.child({ jobId: job.id, backend });
    const timings: { phase: string; ms: number }[] = [];
    const stats: Record<string, unknown> = {};
    const selected = this.tasks.filter((task) => kinds.includes(task.kind));
    let projection: Promise<Projection> | null = null;
    // Progress updates come at phase boundaries, which can be minutes apart on a large graph;
    // the heartbeat says the process is alive in between. unref: it never keeps a CLI alive.
    // (A phase computing in Node holds the event loop, so staleAfterMs must exceed the longest one.)
    const heartbeat = setInterval(() => {
      this.jobs.heartbeat(job.id).catch((error: unknown) => log.warn({ err: error }, 'analytics heartbeat failed'));
    }, this.jobs.liveness.heartbeatMs);
    heartbeat.unref();
    try {
      for (const [position, task] of selected.entries()) {
        const started = Date.now();
        const context: TaskContext = {
          db: this.db,
          jobId: job.id,
          backend,
          seed,
          resolution,
          weighting,
          logger: log,
          projection: () => {
            projection ??= (async () => {
              const t0 = Date.now();
              const p = await streamProjection(this.db);
              timings.push({ phase: 'stream projection', ms: Date.now() - t0 });
              stats['nodeCount'] = int(p.ids.length);
              stats['relationshipCount'] = int(p.sources.length);
              return p;
            })();
            return projection;
          },
          withGdsGraph: async (bothDirections, work) => {
            const graphName = `pg-${job.id}-${bothDirections ? 'both' : 'out'}`;
            await this.db.mutate(analyticsQueries.gdsProject, { graphName, bothDirections });
            try {
              return await work(graphName);
            } finally {
              await this.db.mutate(analyticsQueries.gdsDropGraph, { graphName }).catch((error: unknown) => log.warn({ err: error }, 'could not drop GDS graph'));
            }
          },
          progress: (fraction, phase) => this.jobs.progress(job.id, (position + fraction) / selected.length, `${task.kind.toLowerCase()}: ${phase}`),
        };
        Object.assign(stats, await task.run(context));
        timings.push({ phase: task.kind.toLowerCase(), ms: Date.now() - started });
      }
      stats['timings'] = JSON.stringify(timings);
      const finished = await this.jobs.finish(job.id, { error: null, stats });
      log.info({ ms: timings.reduce((sum, t) => sum + t.ms, 0) }, 'analytics job succeeded');
      return finished;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error }, 'analytics job failed');
      stats['timings'] = JSON.stringify(timings);
      return this.jobs.finish(job.id, { error: message, stats });
    } finally {
      clearInterval(heartbeat);
    }
  }
}
