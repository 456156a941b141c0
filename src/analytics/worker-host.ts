/**
 * Runs an analytics job in a worker thread, so PageRank, Leiden and influence sampling never
 * hold the API's event loop (a job on a 70,000-user graph computes for tens of seconds).
 * The worker opens its own driver and writes progress to the job node itself, so readers on
 * any replica see it exactly as before; the host only waits for the outcome.
 */
import type { Config } from '../config.js';
import { startModuleWorker } from '../lib/module-worker.js';
import type { AnalyticsJob } from './jobs.js';
import type { JobSpec } from './task.js';

/** What a worker needs to rebuild the engine on its side of the thread boundary (structured-cloned). */
export interface WorkerSetup {
  neo4j: Config['neo4j'];
  logLevel: string;
  gdsAvailable: boolean;
  configured: Config['analytics']['backend'];
  staleAfterMs: number;
  /** Job statements are batch work (a page of 5,000 users' edges on a busy server): not held to the serving timeout. */
  txTimeoutMs: number;
  /** The configuration the feature tasks take (src/analytics-tasks.ts), passed through as it is. */
  tasks: Pick<Config['analytics'], 'eventLogRetentionDays' | 'kolSampleFloor'>;
}

export interface WorkerRequest {
  setup: WorkerSetup;
  job: AnalyticsJob;
  spec: JobSpec;
}

export type WorkerReply = { ok: true; job: AnalyticsJob } | { ok: false; message: string };

export interface WorkerRunner {
  /** The worker's entry module (it imports the feature tasks, which analytics/ may not). */
  entry: URL;
  setup: WorkerSetup;
}

export interface RunningWorker {
  done: Promise<AnalyticsJob>;
  terminate: () => Promise<void>;
}

export function startWorker(runner: WorkerRunner, job: AnalyticsJob, spec: JobSpec): RunningWorker {
  const request: WorkerRequest = { setup: runner.setup, job, spec };
  const worker = startModuleWorker(runner.entry, { request });
  let reply: WorkerReply | null = null;
  const done = new Promise<AnalyticsJob>((resolve, reject) => {
    worker.on('message', (message: WorkerReply) => (reply = message));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      const outcome = reply as WorkerReply | null;
      if (outcome?.ok) resolve(outcome.job);
      else reject(new Error(outcome?.message ?? `the analytics worker exited with code ${code} before reporting`));
    });
  });
  return { done, terminate: async () => void (await worker.terminate()) };
}
