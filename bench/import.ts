/**
 * npm run bench:import — import throughput on this machine.
 *
 *  1. The full Last.fm HetRec 2011 data set (../shared/datasets/lastfm-hetrec2011, or
 *     BENCH_LASTFM_DIR): rows/s and peak memory of `import lastfm` three times — into an empty
 *     database as the server is (cold right after `db start`: the JVM's JIT warms up during
 *     the first tens of seconds of load), again into an empty database (warm), and a re-import
 *     over the same data (every row unchanged) — each step's rows/s, beside issue 18's goal
 *     (the whole import ≤ 15 s) and its figures from before.
 *  2. A generated graph (BENCH_USERS users, default 70,000: ~1.1 M follows, ~2 M relationships
 *     in all) written as CSV and loaded with `import csv`: rows/s and relationships/s.
 *  3. The baseline: the same follows loaded by a naive loop, one row per transaction, on the
 *     same starting graph (users present, no follows), against our batched UNWIND; the ratio.
 *  4. `import … --initial` (neo4j-admin database import for an empty database) of Last.fm and
 *     of the generated graph on an instance of its own ("bench-initial", port 7707, as the
 *     load stops and starts its server): time and rows/s against the normal import of the same
 *     files in this run, and whether the two graphs are identical (a digest of every node,
 *     relationship and property). BENCH_INITIAL=0 skips it; BENCH_INITIAL_DIR=<generated CSV
 *     folder> loads a larger graph (e.g. `generate --users 1000000 --out …`) with --initial only.
 *  5. Optionally (BENCH_ADMIN_IMPORT=1, local Neo4j only): `neo4j-admin database import full`
 *     of the same users and follows into a scratch database: the offline upper bound.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { PROJECT_ROOT } from '../src/config.js';
import { cypher } from '../src/db/cypher.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { runImport, trackPeakMemory } from '../src/ingest/importer.js';
import { DEFAULT_BATCH_SIZE, type StepResult } from '../src/ingest/pipeline.js';
import { createProgress } from '../src/lib/progress.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { graphStats } from '../src/ingest/stats.js';
import { writeSyntheticCsv } from '../src/ingest/synthetic-csv.js';
import { adminImportUpperBound } from './admin-import.js';
import { dumpDigest, dumpGraph } from '../tests/helpers/graph-dump.js';
import { emptyForInitialLoad, fmt, markBenchOwned, openBenchDatabase, table, wipe } from './common.js';
import { measureShape } from './graph-shape.js';

const deleteFollows = cypher<never, Record<string, never>>('bench/delete-follows');
const env = process.env;
const LASTFM = env['BENCH_LASTFM_DIR'] ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'datasets', 'lastfm-hetrec2011');
const USERS = Number(env['BENCH_USERS'] ?? 70_000);
const NAIVE_ROWS = Number(env['BENCH_NAIVE_ROWS'] ?? 20_000);
const INITIAL = env['BENCH_INITIAL'] !== '0';
/** One clock for every import here: interest stamps and event decay depend on it, and the graphs are compared. */
const BENCH_NOW = new Date('2026-06-01T00:00:00Z');
type Row = Record<string, string | number>;

/**
 * `import … --initial` into bench-initial (emptied first), the summary as table rows, and the
 * loaded graph's digest to compare with the normal import's.
 */
async function initialImport(
  source: 'lastfm' | 'csv',
  dir: string,
  label: string,
  against: { seconds: number } | null,
  options: { digest: boolean } = { digest: true },
): Promise<{ rows: Row[]; digest: string | null }> {
  const { config, logger, database } = await openBenchDatabase('bench-initial', 7707);
  try {
    await emptyForInitialLoad(database);
    const summary = await runImport(database.db, config, logger, {
      source,
      dir,
      batchSize: DEFAULT_BATCH_SIZE,
      consent: true,
      tty: false,
      now: BENCH_NOW,
      initial: true,
    });
    // The digest holds the whole graph in memory: for the comparisons, not for the large load.
    const digest = options.digest ? dumpDigest(await dumpGraph(database.db)) : null;
    await markBenchOwned(database);
    const load = summary.initialLoad;
    return {
      digest,
      rows: [
        {
          run: `${label}${against ? ` (normal import / initial = ${(against.seconds / summary.seconds).toFixed(1)}x)` : ''}`,
          rows: fmt(summary.rows),
          seconds: summary.seconds.toFixed(1),
          'rows/s': fmt(summary.rowsPerSecond),
          'peak MB': summary.peakRssMb,
        },
        ...summary.steps.map(stepRow),
        {
          run: `  of which neo4j-admin: stop, import ${fmt(load?.stagedRows ?? 0)} rows, start (${fmt(load?.deferredRows ?? 0)} repeated keys applied online after)`,
          rows: fmt(load?.stagedRows ?? 0),
          seconds: (load?.toolSeconds ?? 0).toFixed(1),
          'rows/s': fmt((load?.stagedRows ?? 0) / Math.max(load?.toolSeconds ?? 0, 0.001)),
          'peak MB': '',
        },
      ],
    };
  } finally {
    await database.close();
  }
}

async function readFollows(file: string, limit: number) {
  const rows: { followerId: string; followeeId: string; since: number | null; weight: number }[] = [];
  const parser = createReadStream(file).pipe(parse({ columns: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    rows.push({
      followerId: record['followerId'] ?? '',
      followeeId: record['followeeId'] ?? '',
      since: record['since'] ? Date.parse(record['since']) : null,
      weight: Number(record['weight'] ?? 1),
    });
    if (rows.length >= limit) break;
  }
  parser.destroy();
  return rows;
}

/** Issue 18's goals per step: relationships and events per second. */
const STEP_GOALS: Record<string, string> = {
  'user_artists.dat': '≥ 50,000/s',
  'user_friends.dat': '≥ 50,000/s',
  'user interests (tags)': '≥ 50,000/s',
  'artist interests (tags)': '≥ 50,000/s',
  'follows.csv': '≥ 50,000/s',
  'user_interests.csv': '≥ 50,000/s',
  'events.csv': '≥ 20,000/s',
};

function stepRow(step: StepResult): Record<string, string> {
  const goal = STEP_GOALS[step.file];
  return {
    run: `  ${step.file}${goal ? ` (goal ${goal})` : ''}`,
    rows: fmt(step.rows),
    seconds: step.seconds.toFixed(1),
    'rows/s': fmt(step.rows / Math.max(step.seconds, 0.001)),
    'peak MB': '',
  };
}

async function main(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase();
  const { db } = database;
  const results: Record<string, string | number>[] = [];
  const quiet = createProgress(logger, { tty: false, intervalMs: 60_000 });
  process.stdout.write(`bench:import on Neo4j ${database.server.neo4jVersion} at ${config.neo4j.uri}\n\n`);

  if (env['BENCH_INITIAL_DIR']) {
    // The large graph alone: --initial only (a normal import of it would take the better part of an hour).
    const large = await initialImport('csv', env['BENCH_INITIAL_DIR'], `import csv --initial ${env['BENCH_INITIAL_DIR']}`, null, { digest: false });
    process.stdout.write(`${table(large.rows)}\n`);
    await database.close();
    return;
  }

  let lastfmWarm: { seconds: number } | null = null;
  if (existsSync(LASTFM)) {
    for (const [run, clean] of [
      ['import lastfm, empty database, server as found (cold after db start)', true],
      ['import lastfm, empty database, warm server', true],
      ['re-import lastfm over itself (rows unchanged)', false],
    ] as const) {
      if (clean) await wipe(database);
      const summary = await runImport(db, config, logger, {
        source: 'lastfm',
        dir: LASTFM,
        batchSize: DEFAULT_BATCH_SIZE,
        consent: true,
        tty: false,
        now: BENCH_NOW,
      });
      results.push({
        run: `${run} (goal ≤ 15 s; issue 18 measured 101–126 s, re-import 35 s)`,
        rows: fmt(summary.rows),
        seconds: summary.seconds.toFixed(1),
        'rows/s': fmt(summary.rowsPerSecond),
        'peak MB': summary.peakRssMb,
      });
      for (const step of summary.steps) results.push(stepRow(step));
      if (run.includes('warm')) lastfmWarm = summary;
    }
    if (INITIAL) {
      const normalDigest = dumpDigest(await dumpGraph(db));
      const initial = await initialImport('lastfm', LASTFM, 'import lastfm --initial, empty database (goal ≤ 15 s)', lastfmWarm);
      results.push(...initial.rows);
      process.stdout.write(
        `Last.fm graph, normal import vs --initial: ${normalDigest === initial.digest ? 'identical' : 'DIFFERENT'} (digests ${normalDigest} / ${initial.digest})\n`,
      );
    }
  } else {
    process.stdout.write(`(skipping Last.fm: ${LASTFM} not found; set BENCH_LASTFM_DIR)\n`);
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'pg-bench-import-'));
  try {
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: USERS, seed: 1, now: BENCH_NOW });
    const shape = measureShape(graph);
    process.stdout.write(
      `generated graph shape: ${JSON.stringify(shape, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(3)) : value))}\n`,
    );
    const peakGenerate = trackPeakMemory();
    const startedGenerate = Date.now();
    const files = await writeSyntheticCsv(graph, dir, quiet);
    const generatedRows = Object.entries(files)
      .filter(([name]) => name !== 'communities.csv')
      .reduce((sum, [, rows]) => sum + rows, 0);
    results.push({
      run: `generate --out (${fmt(USERS)} users)`,
      rows: fmt(generatedRows),
      seconds: ((Date.now() - startedGenerate) / 1000).toFixed(1),
      'rows/s': fmt(generatedRows / ((Date.now() - startedGenerate) / 1000)),
      'peak MB': peakGenerate(),
    });

    await wipe(database);
    const summary = await runImport(db, config, logger, { source: 'csv', dir, batchSize: DEFAULT_BATCH_SIZE, consent: true, tty: false, now: BENCH_NOW });
    const counts = await graphStats(db);
    const relationships = ['follows', 'purchased', 'viewed', 'rated', 'interestedIn', 'hasInterest'].reduce((sum, key) => sum + Number(counts?.[key] ?? 0), 0);
    results.push({
      run: 'import csv (generated)',
      rows: fmt(summary.rows),
      seconds: summary.seconds.toFixed(1),
      'rows/s': fmt(summary.rowsPerSecond),
      'peak MB': summary.peakRssMb,
    });
    for (const step of summary.steps) results.push(stepRow(step));
    process.stdout.write(`generated graph in Neo4j: ${fmt(relationships)} relationships\n`);
    if (INITIAL) {
      const normalDigest = dumpDigest(await dumpGraph(db));
      const initial = await initialImport('csv', dir, 'import csv --initial (generated), empty database', summary);
      results.push(...initial.rows);
      process.stdout.write(
        `generated graph, normal import vs --initial: ${normalDigest === initial.digest ? 'identical' : 'DIFFERENT'} (digests ${normalDigest} / ${initial.digest})\n`,
      );
    }

    // Baseline: the same follows, batched vs one row per transaction, from the same start.
    const sample = await readFollows(path.join(dir, 'follows.csv'), NAIVE_ROWS);
    await db.autoCommit(deleteFollows, {});
    let started = Date.now();
    for (let i = 0; i < sample.length; i += 5_000) await db.mutate(ingestQueries.upsertFollows, { rows: sample.slice(i, i + 5_000) });
    const batchedRate = sample.length / ((Date.now() - started) / 1000);
    await db.autoCommit(deleteFollows, {});
    started = Date.now();
    for (const row of sample) await db.mutate(ingestQueries.upsertFollows, { rows: [row] });
    const naiveRate = sample.length / ((Date.now() - started) / 1000);
    results.push({
      run: `follows, batched UNWIND (${fmt(sample.length)} rows)`,
      rows: fmt(sample.length),
      seconds: (sample.length / batchedRate).toFixed(1),
      'rows/s': fmt(batchedRate),
      'peak MB': '',
    });
    results.push({
      run: `follows, naive 1 row/tx (baseline)`,
      rows: fmt(sample.length),
      seconds: (sample.length / naiveRate).toFixed(1),
      'rows/s': fmt(naiveRate),
      'peak MB': '',
    });

    if (env['BENCH_ADMIN_IMPORT'] === '1' && config.localNeo4j) {
      const admin = await adminImportUpperBound(config.localNeo4j, dir);
      results.push({
        run: 'neo4j-admin import (users+follows, offline)',
        rows: fmt(admin.rows),
        seconds: admin.seconds.toFixed(1),
        'rows/s': fmt(admin.rows / admin.seconds),
        'peak MB': '',
      });
    }
    process.stdout.write(`${table(results)}\n\nbatched / naive = ${(batchedRate / naiveRate).toFixed(1)}x\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:import failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
