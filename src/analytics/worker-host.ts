/**
 * Runs an analytics job in a worker thread, so PageRank, Leiden and influence sampling never
 * hold the API's event loop (a job on a 70,000-user graph computes for tens of seconds).
 * The worker opens its own driver and writes progress to the job node itself, so readers on
 * any replica see it exactly as before; the host only waits for the outcome.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
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

// Under tsx (development, tests) the entry is TypeScript: a worker thread does not inherit the
// tsx loader, so a small bootstrap registers it before importing the entry. Compiled (dist/)
// entries are plain JavaScript and start directly.
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });
`;

/**
 * tsx's registration API (its ESM build: the CommonJS one resolves its own parts wrongly when
 * imported). vitest's module runner has no import.meta.resolve, so require's resolution of the
 * package is mapped to the ESM file beside the CommonJS one.
 */
function tsxApiUrl(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

export function startWorker(runner: WorkerRunner, job: AnalyticsJob, spec: JobSpec): RunningWorker {
  const request: WorkerRequest = { setup: runner.setup, job, spec };
  const typescript = runner.entry.pathname.endsWith('.ts');
  const worker = typescript
    ? new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { request, entry: runner.entry.href, tsxApi: tsxApiUrl() } })
    : new Worker(runner.entry, { workerData: { request } });
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
