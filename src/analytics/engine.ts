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
import { compareIds } from '../lib/compare-ids.js';
import { interrupted, jobFailure } from './job-errors.js';
import { checkJobRequest, type JobRequest } from './request.js';
import { DEFAULT_JOB_LIVENESS, JobStore, type AnalyticsBackendName, type AnalyticsJob, type AnalyticsKind, type JobLiveness } from './jobs.js';
import type { Projection } from './projection.js';
import { analyticsQueries } from './queries.js';
import { startWorker, type WorkerRunner } from './worker-host.js';
import type { AnalyticsTask, JobSpec, TaskContext } from './task.js';

const STREAM_BATCH = 5_000;

const NO_CONSENTING_USERS = 'No user consents to profiling, so there was nothing to analyse; the published results are now empty.';

/** Streams the projection page by page (keyset on user id): memory is the typed arrays only. */
export async function streamProjection(db: Db): Promise<Projection> {
  const ids: string[] = [];
  for (let after = ''; ;) {
    const rows = await db.query(analyticsQueries.streamUsers, { after, limit: int(50_000) });
    for (const row of rows) ids.push(row.id);
    if (rows.length < 50_000) break;
    after = rows.at(-1)?.id ?? after;
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (let after = ''; ;) {
    const rows = await db.query(analyticsQueries.streamFollowEdges, { after, limit: int(STREAM_BATCH) });
    for (const row of rows) {
      const source = index.get(row.source);
      if (source === undefined) continue;
      // Targets in id order: the store returns a node's relationships in whatever order they
      // were written, and seeded algorithms must not depend on it (issue 16: two imports of one
      // file gave different communities with the same seed).
      const sorted = row.targets.filter((pair) => pair[0] !== null).sort((a, b) => compareIds(a[0] ?? '', b[0] ?? ''));
      for (const [target, weight] of sorted) {
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

/** Raised inside a job that this process interrupted (shutdown); its status is already written. */
class JobInterrupted extends Error {}

interface RunningJob {
  interrupted: boolean;
  /** Stops the computation: terminates the worker, or makes the inline run throw at its next progress report. */
  stop: () => Promise<void>;
}

export class AnalyticsEngine {
  readonly jobs: JobStore;
  /** Jobs this process started and has not seen finish: what a shutdown must interrupt. */
  private readonly running = new Map<string, RunningJob>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly tasks: readonly AnalyticsTask[],
    private readonly gdsAvailable: boolean,
    private readonly configured: Config['analytics']['backend'],
    liveness: JobLiveness = DEFAULT_JOB_LIVENESS,
    /** Where jobs compute: a worker thread (the API, the CLI) or, when absent, this thread. */
    private readonly worker: WorkerRunner | null = null,
  ) {
    this.jobs = new JobStore(db, liveness);
  }

  /** The backend a job gets: the configured one, or GDS when it answers and `auto` is set. */
  backend(requested?: AnalyticsBackendName | null): AnalyticsBackendName | { unavailable: string } {
    const choice = requested ?? (this.configured === 'auto' ? (this.gdsAvailable ? 'gds' : 'inprocess') : this.configured);
    if (choice === 'gds' && !this.gdsAvailable)
      return { unavailable: 'The Graph Data Science plugin is not installed on this Neo4j; use the INPROCESS backend.' };
    return choice;
  }

  /**
   * What both entry points call (runAnalytics, `analytics run`): the argument rules
   * (request.ts), then start. Bad arguments are BAD_USER_INPUT; a missing GDS,
   * ANALYTICS_BACKEND_UNAVAILABLE; a kind already running, CONFLICT.
   */
  request(request: JobRequest): Promise<{ job: AnalyticsJob; done: Promise<AnalyticsJob> }> {
    const spec = checkJobRequest(request, (requested) => this.backend(requested));
    return this.start(spec.kinds, spec.backend, spec.seed, spec.resolution, spec.weighting);
  }

  /** Creates the job and runs it in the background; the returned job is RUNNING. */
  async start(
    kinds: AnalyticsKind[],
    backend: AnalyticsBackendName,
    seed: number,
    resolution = 1,
    weighting: TaskContext['weighting'] = 'EMBEDDEDNESS',
  ): Promise<{ job: AnalyticsJob; done: Promise<AnalyticsJob> }> {
    const abandoned = await this.jobs.failAbandoned();
    if (abandoned > 0) this.logger.warn({ abandoned }, 'recorded analytics jobs whose process stopped as FAILED');
    const job = await this.jobs.create(kinds, backend, seed);
    const spec: JobSpec = { kinds, backend, seed, resolution, weighting };
    const entry: RunningJob = { interrupted: false, stop: async () => undefined };
    this.running.set(job.id, entry);
    let done: Promise<AnalyticsJob>;
    if (this.worker) {
      const worker = startWorker(this.worker, job, spec);
      entry.stop = worker.terminate;
      done = worker.done;
    } else {
      const controller = new AbortController();
      entry.stop = async () => controller.abort();
      done = this.execute(job, spec, controller.signal);
    }
    const settled = done.then(
      (finished) => finished,
      async (error: unknown) => {
        // A worker that died without reporting (or was terminated) leaves the job RUNNING: say why.
        if (entry.interrupted) return this.readJob(job.id);
        this.logger.error({ jobId: job.id, err: error }, 'analytics job crashed');
        return this.jobs.finish(job.id, { failure: jobFailure(error, job.id), stats: {} });
      },
    );
    return { job, done: settled.finally(() => this.running.delete(job.id)) };
  }

  /**
   * Shutdown: stops every job this process runs and records it as interrupted at once, rather
   * than leaving it RUNNING until the stale limit passes. Resolves when all are recorded.
   */
  async interruptRunning(reason: string): Promise<number> {
    const running = [...this.running];
    await Promise.all(
      running.map(async ([id, entry]) => {
        entry.interrupted = true;
        await entry.stop();
        await this.jobs.finish(id, { failure: interrupted(reason), stats: {} });
        this.logger.warn({ jobId: id }, 'analytics job interrupted');
      }),
    );
    return running.length;
  }

  private async readJob(id: string): Promise<AnalyticsJob> {
    const job = (await this.jobs.byIds([id])).get(id);
    if (!job) throw new Error(`analytics job ${id} vanished`);
    return job;
  }

  /**
   * Runs the job in this thread and records its outcome on the job node. The API calls it
   * through a worker thread (analytics-worker.ts); tests and `signal`-less callers inline.
   */
  async execute(job: AnalyticsJob, spec: JobSpec, signal?: AbortSignal): Promise<AnalyticsJob> {
    const { kinds, backend, seed, resolution, weighting } = spec;
    const log = this.logger.child({ jobId: job.id, backend });
    const timings: { phase: string; ms: number }[] = [];
    const stats: Record<string, unknown> = {};
    const selected = this.tasks.filter((task) => kinds.includes(task.kind));
    let projection: Promise<Projection> | null = null;
    // Progress updates come at phase boundaries, which can be minutes apart on a large graph;
    // the heartbeat says the process is alive in between. unref: it never keeps a CLI alive.
    // (A phase computing in this thread holds its event loop, so staleAfterMs must exceed the longest one.)
    const heartbeat = setInterval(() => {
      this.jobs.heartbeat(job.id).catch((error: unknown) => log.warn({ err: error }, 'analytics heartbeat failed'));
    }, this.jobs.liveness.heartbeatMs);
    heartbeat.unref();
    try {
      // With no consenting users there is nothing to analyse; GDS refuses to project an empty
      // graph, so such a job runs the (trivial) in-process path and ends like one: SUCCEEDED,
      // 0 users, saying why.
      const anyone = (await this.db.query(analyticsQueries.streamUsers, { after: '', limit: int(1) })).length > 0;
      if (!anyone) stats['note'] = NO_CONSENTING_USERS;
      const taskBackend = anyone ? backend : 'inprocess';
      for (const [position, task] of selected.entries()) {
        const started = Date.now();
        const context: TaskContext = {
          db: this.db,
          jobId: job.id,
          backend: taskBackend,
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
              await this.db
                .mutate(analyticsQueries.gdsDropGraph, { graphName })
                .catch((error: unknown) => log.warn({ err: error }, 'could not drop GDS graph'));
            }
          },
          progress: async (fraction, phase) => {
            if (signal?.aborted) throw new JobInterrupted('interrupted');
            await this.jobs.progress(job.id, (position + fraction) / selected.length, `${task.kind.toLowerCase()}: ${phase}`);
          },
        };
        Object.assign(stats, await task.run(context));
        timings.push({ phase: task.kind.toLowerCase(), ms: Date.now() - started });
      }
      stats['timings'] = JSON.stringify(timings);
      const finished = await this.jobs.finish(job.id, { failure: null, stats });
      log.info({ ms: timings.reduce((sum, t) => sum + t.ms, 0) }, 'analytics job succeeded');
      return finished;
    } catch (error) {
      // Interrupted by this process: interruptRunning() has recorded the outcome.
      if (error instanceof JobInterrupted || signal?.aborted) return this.readJob(job.id);
      log.error({ err: error }, 'analytics job failed');
      stats['timings'] = JSON.stringify(timings);
      return this.jobs.finish(job.id, { failure: jobFailure(error, job.id), stats });
    } finally {
      clearInterval(heartbeat);
    }
  }
}
