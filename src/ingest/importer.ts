import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { identityPolicy } from '../identities/index.js';
import type { Logger } from '../logger.js';
import { importCsv } from './importers/csv.js';
import { importLastfm } from './importers/lastfm.js';
import { importMovielens } from './importers/movielens.js';
import type { ImportContext, StepResult } from './pipeline.js';
import { chunks } from '../lib/chunks.js';
import { createProgress } from '../lib/progress.js';
import { SegmentsService } from '../segments/index.js';
import { TagsService } from '../tags/index.js';
import { ingestQueries } from './queries.js';
import { RejectsFile } from './rejects.js';

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

/**
 * Rule tags and scores of the users an import touched, refreshed as after recordEvents (only
 * once tags are in use: a TAGS run has stored its scale, or a rule tag is defined).
 */
async function refreshTags(db: Db, ctx: ImportContext, progress: ReturnType<typeof createProgress>): Promise<void> {
  const ids = [...ctx.touchedUsers];
  const segments = new SegmentsService(db);
  const tags = new TagsService(db, (rule, now) => segments.compile(rule, now));
  if (ids.length === 0 || !(await tags.inUse())) return;
  const task = progress.start('tags refresh', ids.length);
  for (const [index, batch] of chunks(ids, 5_000).entries()) {
    await tags.refreshUsers(batch, ctx.now);
    task.update(Math.min(ids.length, (index + 1) * 5_000), Math.min(ids.length, (index + 1) * 5_000));
  }
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
  const rejectsPath = path.resolve(options.rejectsPath ?? path.join('rejects', `${options.source}-${startedAt.toISOString().replace(/[:.]/g, '-')}.csv`));
  const rejects = new RejectsFile(rejectsPath);
  const progress = createProgress(logger, { tty: options.tty });
  const peakMemory = trackPeakMemory();
  const ctx: ImportContext = {
    db,
    log: logger,
    progress,
    rejects,
    batchSize: options.batchSize,
    limits: config.limits,
    consent: options.consent,
    identityPolicy: identityPolicy(config.identities),
    now: options.now ?? startedAt,
    touchedUsers: new Set(),
  };
  const staleAfterMs = config.ingest.runStaleAfterMs;
  const [earlier] = await db.mutate(ingestQueries.markAbandonedImportRuns, {
    before: toNeo4jDateTime(new Date(startedAt.getTime() - staleAfterMs)),
    now: toNeo4jDateTime(startedAt),
  });
  if (earlier && toSafeNumber(earlier.abandoned) > 0)
    logger.warn({ abandoned: toSafeNumber(earlier.abandoned) }, 'recorded earlier imports whose process stopped as abandoned');
  await db.mutate(ingestQueries.startImportRun, { id: runId, source: options.source, location: dir, startedAt: toNeo4jDateTime(startedAt) });
  // As analytics jobs do: a run whose process dies stops beating and is later marked abandoned.
  // unref: the heartbeat never keeps the process alive.
  const heartbeat = setInterval(
    () => {
      db.mutate(ingestQueries.importRunHeartbeat, { id: runId, now: toNeo4jDateTime(new Date()) }).catch((error: unknown) =>
        logger.warn({ err: error }, 'import heartbeat failed'),
      );
    },
    Math.min(30_000, staleAfterMs / 4),
  );
  heartbeat.unref();
  let steps: StepResult[] = [];
  let status = 'failed';
  try {
    steps = await IMPORT_SOURCES[options.source].run(ctx, dir);
    await refreshTags(db, ctx, progress);
    status = 'succeeded';
  } finally {
    clearInterval(heartbeat);
    progress.stop();
    await rejects.close();
    const rows = steps.reduce((sum, step) => sum + step.rows, 0);
    await db
      .mutate(ingestQueries.finishImportRun, {
        id: runId,
        status,
        finishedAt: toNeo4jDateTime(new Date()),
        rows: int(rows),
        rejected: int(rejects.count),
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not record the end of the import run'));
  }
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
  };
}
