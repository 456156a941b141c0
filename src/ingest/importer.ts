import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { createEventPipeline, refreshTouchedUsers } from '../event-pipeline/index.js';
import { identityPolicy } from '../identities/index.js';
import type { Logger } from '../logger.js';
import { importCsv } from './importers/csv.js';
import { importLastfm } from './importers/lastfm.js';
import { importMovielens } from './importers/movielens.js';
import { addCounts, type ImportContext, type StepResult } from './pipeline.js';
import { createProgress, type Progress } from '../lib/progress.js';
import { ingestQueries } from './queries.js';
import { onlineSink } from './sink.js';
import { RejectsFile } from './rejects.js';
import { assertEmptyDatabase, createInitialLoad, InitialLoadHandOver, type InitialLoad, type InitialLoadReport } from './initial-load/initial-load.js';

export const IMPORT_SOURCES = {
  lastfm: { run: importLastfm, required: ['artists.dat', 'tags.dat', 'user_artists.dat', 'user_friends.dat', 'user_taggedartists.dat'] },
  movielens: { run: importMovielens, required: ['u.genre', 'u.occupation', 'u.user', 'u.item', 'u.data'] },
  csv: { run: importCsv, required: [] },
} as const;
export type ImportSource = keyof typeof IMPORT_SOURCES;

export interface ImportOptions {
  source: ImportSource;
  dir: string;
  batchSize: number;
  consent: boolean;
  rejectsPath?: string;
  tty?: boolean;
  now?: Date;
  /** Load an empty database through neo4j-admin database import (src/ingest/initial-load/). */
  initial?: boolean;
  /** Where --initial writes its files (default: under the local instance's folder, or ./initial-load/<run id>). */
  initialDir?: string;
  /** The files' text encoding (csv); absent: detected per file (src/ingest/encoding.ts). */
  encoding?: string;
}

export interface ImportSummary {
  runId: string;
  source: ImportSource;
  dir: string;
  steps: StepResult[];
  rows: number;
  /** Rows handed to the writes (not rejected), whatever they changed. */
  written: number;
  /** Over the steps that count (StepResult.changes): rows that created, changed or matched what was stored. */
  created: number;
  updated: number;
  unchanged: number;
  /** Written rows of steps that cannot tell what they changed (interests and products, written with the API's statements; in-memory aggregation steps). */
  uncounted: number;
  rejected: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  rejectsFile: string | null;
  /** With --initial: how the load went (null otherwise). */
  initialLoad: InitialLoadReport | null;
}

/** Samples resident memory while work runs: the importer's peak, reported in the summary. */
export function trackPeakMemory(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1_048_576);
  };
}

/** Rule tags and scores of the users an import touched, refreshed as after recordEvents. */
async function refreshUsersTouched(db: Db, ctx: ImportContext, progress: Progress): Promise<void> {
  const ids = [...ctx.touchedUsers];
  let task: ReturnType<Progress['start']> | null = null;
  await refreshTouchedUsers(db, ids, ctx.now, ctx.log, (done) => {
    task ??= progress.start('tags refresh', ids.length);
    task.update(done, done);
  });
}

/**
 * Runs one import, recorded as an (:ImportRun) in the graph. Idempotent end to end: running
 * it again, or after a crash, ends with the same graph.
 */
export async function runImport(db: Db, config: Config, logger: Logger, options: ImportOptions): Promise<ImportSummary> {
  const dir = path.resolve(options.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  const missing = IMPORT_SOURCES[options.source].required.filter((name) => !existsSync(path.join(dir, name)));
  if (missing.length > 0) throw new Error(`${dir} is not a ${options.source} directory: missing ${missing.join(', ')}`);

  const runId = randomUUID();
  const startedAt = new Date();
  if (options.initial) await assertEmptyDatabase(db, config);
  const rejectsPath = path.resolve(options.rejectsPath ?? path.join('rejects', `${options.source}-${startedAt.toISOString().replace(/[:.]/g, '-')}.csv`));
  const rejects = new RejectsFile(rejectsPath);
  const progress = createProgress(logger, { tty: options.tty });
  const peakMemory = trackPeakMemory();
  const run = importRunRecord(db, config, logger, { id: runId, source: options.source, location: dir, startedAt });
  // An initial load records its run once the loaded database is back (the tool replaces the database).
  const initial: InitialLoad | null = options.initial
    ? createInitialLoad(db, config, logger, { runId, ...(options.initialDir ? { dir: options.initialDir } : {}), afterLoad: () => run.begin() })
    : null;
  const policy = identityPolicy(config.identities);
  const touchedUsers = new Set<string>();
  const ctx: ImportContext = {
    db: initial?.db ?? db,
    sink: initial?.db ?? onlineSink(db),
    log: logger,
    progress: initial ? followSteps(progress, (label) => (initial.db.currentStep = label)) : progress,
    rejects,
    batchSize: options.batchSize,
    limits: config.limits,
    consent: options.consent,
    identityPolicy: policy,
    now: options.now ?? startedAt,
    touchedUsers,
    // An import writes batches far above the API's per-call limit.
    events: createEventPipeline(
      { db: initial?.db ?? db, config, identityPolicy: policy, logger },
      { refresh: 'at-end', touched: touchedUsers },
      { maxBatchSize: Number.MAX_SAFE_INTEGER },
    ),
    stageEvents: initial ? (events) => initial.db.stageEvents(events) : null,
    encoding: options.encoding ?? null,
  };
  if (!initial) await run.begin();
  let steps: StepResult[] = [];
  let status = 'failed';
  try {
    steps = await IMPORT_SOURCES[options.source].run(ctx, dir);
    if (initial) {
      await initial.db.load(); // an import whose every step was staged loads here
      for (const step of steps) step.changes = addCounts(step.changes, initial.db.deferredCounts.get(step.file));
    }
    // On `db`: after an initial load the loaded database is the one to refresh.
    await refreshUsersTouched(db, ctx, progress);
    status = 'succeeded';
  } catch (error) {
    if (!(error instanceof InitialLoadHandOver)) throw error;
    status = 'handed-over';
  } finally {
    progress.stop();
    await rejects.close();
    await run.finish(
      status,
      steps.reduce((sum, step) => sum + step.rows, 0),
      rejects.count,
    );
  }
  if (initial && status === 'succeeded') await rm(initial.report().dir, { recursive: true, force: true });
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const rows = steps.reduce((sum, step) => sum + step.rows, 0);
  return {
    runId,
    source: options.source,
    dir,
    steps,
    rows,
    written: steps.reduce((sum, step) => sum + step.written, 0),
    created: steps.reduce((sum, step) => sum + (step.changes?.created ?? 0), 0),
    updated: steps.reduce((sum, step) => sum + (step.changes?.updated ?? 0), 0),
    unchanged: steps.reduce((sum, step) => sum + (step.changes?.unchanged ?? 0), 0),
    uncounted: steps.reduce((sum, step) => sum + (step.changes ? 0 : step.written), 0),
    rejected: rejects.count,
    seconds,
    rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)),
    peakRssMb: peakMemory(),
    rejectsFile: rejects.count > 0 ? rejectsPath : null,
    initialLoad: initial?.report() ?? null,
  };
}

/** Reports each step's label as it starts (the initial load counts deferred rows towards it). */
function followSteps(progress: Progress, onStep: (label: string) => void): Progress {
  return {
    start: (label, totalBytes) => {
      onStep(label);
      return progress.start(label, totalBytes);
    },
    stop: () => progress.stop(),
  };
}

/**
 * The (:ImportRun) of one import: begun (earlier runs whose process died marked abandoned, a
 * heartbeat while it works) and finished with its status. Failing to record the end is logged,
 * never the import's failure.
 */
function importRunRecord(db: Db, config: Config, logger: Logger, run: { id: string; source: ImportSource; location: string; startedAt: Date }) {
  const staleAfterMs = config.ingest.runStaleAfterMs;
  let heartbeat: NodeJS.Timeout | null = null;
  return {
    async begin(): Promise<void> {
      const [earlier] = await db.mutate(ingestQueries.markAbandonedImportRuns, {
        before: toNeo4jDateTime(new Date(run.startedAt.getTime() - staleAfterMs)),
        now: toNeo4jDateTime(run.startedAt),
      });
      if (earlier && toSafeNumber(earlier.abandoned) > 0)
        logger.warn({ abandoned: toSafeNumber(earlier.abandoned) }, 'recorded earlier imports whose process stopped as abandoned');
      await db.mutate(ingestQueries.startImportRun, { id: run.id, source: run.source, location: run.location, startedAt: toNeo4jDateTime(run.startedAt) });
      // As analytics jobs do: a run whose process dies stops beating and is later marked abandoned.
      // unref: the heartbeat never keeps the process alive.
      heartbeat = setInterval(
        () => {
          db.mutate(ingestQueries.importRunHeartbeat, { id: run.id, now: toNeo4jDateTime(new Date()) }).catch((error: unknown) =>
            logger.warn({ err: error }, 'import heartbeat failed'),
          );
        },
        Math.min(30_000, staleAfterMs / 4),
      );
      heartbeat.unref();
    },
    async finish(status: string, rows: number, rejected: number): Promise<void> {
      if (!heartbeat) return; // never begun: an initial load that stopped before the database was loaded
      clearInterval(heartbeat);
      await db
        .mutate(ingestQueries.finishImportRun, { id: run.id, status, finishedAt: toNeo4jDateTime(new Date()), rows: int(rows), rejected: int(rejected) })
        .catch((error: unknown) => logger.warn({ err: error }, 'could not record the end of the import run'));
    },
  };
}
