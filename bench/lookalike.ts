/**
 * npm run bench:lookalike — lookalike quality on Last.fm HetRec 2011 and latency at scale.
 *
 * Quality (the issue's protocol): for the 20 most listened artists with 60–400 listeners, the
 * segment is the artist's listeners; listening to that artist is removed from the features
 * (excludeProductIds); a random half seeds the lookalike, the other half is hidden; score =
 * R-precision (hidden members among the top |hidden|), averaged over the 20 segments, for:
 * random, popularity (most active users), each single signal, and the product (all signals,
 * blend chosen on a hold-out of the seed). BENCH_LOOKALIKE_SPLITS=N repeats it on N random
 * seed/hidden splits (split 0 is the table's) and adds the mean, range and win count. Caveat: INTERESTED_IN comes from tags users put on
 * artists, including the target artist, so the interest signal keeps a trace of it.
 *
 * Latency: a 1,000-user seed, size 10,000, on a generated graph of ~1 M relationships (31,000
 * users, instance bench-lookalike-1m) and on bench:analytics's (70,000 users, 2.3 M), against
 * the same work done fold by fold (k + 1 passes over the seed); and a 20,000-user seed, read in
 * 4 chunks. BENCH_LOOKALIKE_SKIP_LATENCY=1 skips this part; BENCH_LASTFM_DIR=/nonexistent
 * skips the quality part.
 *
 * Memory: on a Neo4j with a 1g heap (instance bench-lookalike-1g, port 7695), Last.fm (seeds:
 * the users of the tags held by closest to 88 users) and the ~1 M-relationship graph (seeds:
 * 1,000 of the most active users): the peak transaction memory of each lookalike statement of
 * one call (replayed under PROFILE: GlobalMemory), then 4 calls at once, which must all succeed.
 * BENCH_LOOKALIKE_SKIP_MEMORY=1 skips this part, BENCH_LOOKALIKE_SKIP_QUALITY=1 the quality part.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { PROJECT_ROOT } from '../src/config.js';
import { cypher } from '../src/db/cypher.js';
import type { Db } from '../src/db/db.js';
import { int, toSafeNumber } from '../src/db/values.js';
import { createAppDeps } from '../src/deps.js';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { runImport } from '../src/ingest/importer.js';
import { graphStats } from '../src/ingest/stats.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { createRandom } from '../src/lib/random.js';
import { blend, chooseWeightsAcrossFolds, LookalikeService, seedFolds, SIGNALS, splitSeed, type Signal, type SignalScores } from '../src/lookalike/index.js';
import { seedVariants } from '../src/lookalike/seed-profile.js';
import { fmt, openBenchDatabase, percentile, table, wipe } from './common.js';

const segmentsQuery = cypher<
  { productId: string; name: string; listeners: unknown; userIds: string[] },
  { minListeners: ReturnType<typeof int>; maxListeners: ReturnType<typeof int>; limit: ReturnType<typeof int> }
>('bench/lastfm-segments');
const popularQuery = cypher<{ id: string }, { limit: ReturnType<typeof int> }>('bench/most-engaged-users');
const tagSeedsQuery = cypher<{ interestId: string; userIds: string[] }, { target: ReturnType<typeof int>; limit: ReturnType<typeof int> }>('bench/tag-seeds');
const LASTFM = process.env['BENCH_LASTFM_DIR'] ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'datasets', 'lastfm-hetrec2011');

/** Seed/hidden splits of each segment (BENCH_LOOKALIKE_SPLITS, default 1): more show how much the table moves with the split. */
const SPLITS = Math.max(1, Number.parseInt(process.env['BENCH_LOOKALIKE_SPLITS'] ?? '1', 10) || 1);

const rPrecision = (ranking: readonly string[], hidden: ReadonlySet<string>) =>
  ranking.slice(0, hidden.size).filter((id) => hidden.has(id)).length / hidden.size;

async function quality(): Promise<void> {
  if (!existsSync(LASTFM)) {
    process.stdout.write(`(skipping quality: ${LASTFM} not found; set BENCH_LASTFM_DIR)\n`);
    return;
  }
  const { config, logger, database } = await openBenchDatabase('bench-lookalike', 7693);
  const { db } = database;
  const [count] = await db.query(ingestQueries.countUsers, {});
  if (toSafeNumber(count?.users ?? 0) !== 1892) {
    await wipe(database);
    await runImport(db, config, logger, { source: 'lastfm', dir: LASTFM, batchSize: 5_000, consent: true, tty: false });
    const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
    await (
      await deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)
    ).done;
  }
  const segments = await db.query(segmentsQuery, { minListeners: int(60), maxListeners: int(400), limit: int(20) });
  const popular = (await db.query(popularQuery, { limit: int(2_000) })).map((row) => row.id);
  const [users] = await db.query(ingestQueries.countUsers, {});
  const service = new LookalikeService(db);
  const methods = ['random', 'popularity', ...SIGNALS.map((s) => `only ${s}`), 'product (adaptive blend)'] as const;
  const everyone = toSafeNumber(users?.users ?? 0);
  // One mean R-precision per split and method; split 0 is the protocol's (the table's first column).
  const bySplit: Map<string, number>[] = [];
  const latencies: number[] = [];
  for (let split = 0; split < SPLITS; split += 1) {
    const totals = new Map<string, number>(methods.map((m) => [m, 0]));
    const add = (method: string, value: number) => totals.set(method, (totals.get(method) ?? 0) + value / Math.max(1, segments.length));
    for (const [index, segment] of segments.entries()) {
      const { training: seed, heldBack } = splitSeed(segment.userIds, 0.5, createRandom(100 + index + 1_000 * split, 3));
      const hidden = new Set(heldBack);
      const size = Math.max(hidden.size, 100);
      const seedSet = new Set(seed);
      // Random: the expected R-precision of a random ranking of all non-seed users.
      add('random', hidden.size / (everyone - seedSet.size));
      add(
        'popularity',
        rPrecision(
          popular.filter((id) => !seedSet.has(id)),
          hidden,
        ),
      );
      for (const signal of SIGNALS) {
        const result = await service.lookalike(seed, size, { signals: [signal as Signal], excludeProductIds: [segment.productId] });
        add(
          `only ${signal}`,
          rPrecision(
            result.members.map((m) => m.userId),
            hidden,
          ),
        );
      }
      const started = performance.now();
      const product = await service.lookalike(seed, size, { excludeProductIds: [segment.productId] });
      latencies.push(performance.now() - started);
      add(
        'product (adaptive blend)',
        rPrecision(
          product.members.map((m) => m.userId),
          hidden,
        ),
      );
    }
    bySplit.push(totals);
  }
  const productBySplit = bySplit.map((totals) => totals.get('product (adaptive blend)') ?? 0);
  const rows = methods.map((method) => {
    const values = bySplit.map((totals) => totals.get(method) ?? 0);
    const row: Record<string, string> = { method, 'R-precision (mean of 20)': (values[0] ?? 0).toFixed(4) };
    if (SPLITS > 1) {
      row[`mean of ${SPLITS} splits`] = (values.reduce((a, b) => a + b, 0) / SPLITS).toFixed(4);
      row['min–max'] = `${Math.min(...values).toFixed(4)}–${Math.max(...values).toFixed(4)}`;
      row['product ahead in'] = method.startsWith('product')
        ? '–'
        : `${values.filter((value, split) => (productBySplit[split] ?? 0) > value).length}/${SPLITS}`;
    }
    return row;
  });
  latencies.sort((a, b) => a - b);
  process.stdout.write(
    `Last.fm HetRec 2011: ${segments.length} segments (${segments.map((s) => `${s.name} ${toSafeNumber(s.listeners as number)}`).join(', ')})\n${table(rows)}\nproduct latency p50 ${fmt(percentile(latencies, 0.5))} ms\n\n`,
  );
  await database.close();
}

/**
 * The old shape of the work, kept here as the in-run baseline: every cross-validation fold and
 * the whole seed read the seed and expand on their own (k + 1 passes), where the product reads
 * the seed once and expands once for all of them. Same Cypher, same scoring, same result.
 */
async function lookalikePerPass(service: LookalikeService, seed: string[], size: number): Promise<number> {
  const folds = seedFolds(seed, 3, createRandom(1, 17)).map((fold) => fold.heldBack);
  const passes = [
    ...folds.map((heldBack) => ({ training: seed.filter((id) => !heldBack.includes(id)), limit: Math.max(2_000, heldBack.length * 10) })),
    { training: seed, limit: Math.min(20_000, Math.max(size * 2, 1_000)) },
  ];
  const scores = await Promise.all(
    passes.map(
      async ({ training, limit }) =>
        (
          await service.signals(
            [training],
            seedVariants([training.length], false).map((v) => ({ ...v, limit })),
            SIGNALS,
            [],
          )
        )[0] as SignalScores,
    ),
  );
  const choice = chooseWeightsAcrossFolds(folds.map((heldBack, fold) => ({ training: scores[fold] as SignalScores, heldBack: new Set(heldBack) })));
  return blend(scores[3] as SignalScores, choice.weights).slice(0, size).length;
}

/** Latency of `lookalike` on a generated graph of `users` users, for each seed size asked. */
async function latency(
  instance: string,
  port: number,
  users: number,
  cases: { seed: number; size: number; baseline: boolean }[],
): Promise<Record<string, string>[]> {
  const { config, logger, database } = await openBenchDatabase(instance, port);
  const { db } = database;
  const stats = await graphStats(db);
  if (Number(stats?.['users'] ?? 0) !== users || Number(stats?.['interestedIn'] ?? 0) === 0) {
    await wipe(database);
    process.stdout.write(`loading a generated graph of ${users.toLocaleString('en-US')} users into ${instance}…\n`);
    await loadSyntheticGraph(
      db,
      new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users, seed: 2, now: new Date('2026-06-01T00:00:00Z') }),
      config.limits,
      logger,
      undefined,
      10_000,
    );
  }
  const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  await (
    await deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)
  ).done;
  const after = await graphStats(db);
  const relationships = ['follows', 'purchased', 'viewed', 'rated', 'interestedIn', 'hasInterest'].reduce((sum, key) => sum + Number(after?.[key] ?? 0), 0);
  const service = new LookalikeService(db);
  const seedPool = (await db.query(popularQuery, { limit: int(Math.max(...cases.map((c) => c.seed)) * 2) })).map((row) => row.id);
  const rows: Record<string, string>[] = [];
  for (const { seed: seedSize, size, baseline } of cases) {
    const measure = async (run: (seed: string[]) => Promise<number>) => {
      const times: number[] = [];
      for (let r = 0; r < 6; r += 1) {
        const { training } = splitSeed(seedPool, 1 - seedSize / seedPool.length, createRandom(r, 9));
        const started = performance.now();
        const found = await run(training);
        if (r > 0) times.push(performance.now() - started); // the first run warms the page cache
        if (found < Math.min(size, 1_000)) throw new Error(`only ${found} lookalikes`);
      }
      return times.sort((a, b) => a - b);
    };
    const product = await measure(async (seed) => (await service.lookalike(seed, size)).members.length);
    const perPass = baseline ? await measure((seed) => lookalikePerPass(service, seed, size)) : null;
    rows.push({
      graph: `${(users / 1000).toFixed(0)}K users, ${(relationships / 1e6).toFixed(2)} M rels`,
      seed: seedSize.toLocaleString('en-US'),
      size: size.toLocaleString('en-US'),
      'p50 ms': fmt(percentile(product, 0.5)),
      'p95 ms': fmt(percentile(product, 0.95)),
      'min–max ms': `${fmt(product[0] ?? NaN)}–${fmt(product[product.length - 1] ?? NaN)}`,
      'baseline p50 ms (k + 1 passes)': perPass ? fmt(percentile(perPass, 0.5)) : '–',
      speed_up: perPass ? `${(percentile(perPass, 0.5) / percentile(product, 0.5)).toFixed(2)}×` : '–',
    });
  }
  await database.close();
  return rows;
}

/** Peak transaction memory (bytes) of each statement `work` runs, by name: each replayed under PROFILE. */
async function statementMemory(db: Db, work: () => Promise<unknown>): Promise<Map<string, { bytes: number; count: number; error?: string }>> {
  const statements: { name: string; text: string; params: Record<string, unknown> }[] = [];
  const stop = db.onQuery(({ name, text, params }) => statements.push({ name, text, params }));
  // A statement that fails never reaches the listener: the call's error names it.
  const failure = await work().then(
    () => null,
    (error: unknown) => String((error as Error).message ?? error).slice(0, 100),
  );
  stop();
  const peaks = new Map<string, { bytes: number; count: number; error?: string }>();
  if (failure) peaks.set('(the call failed)', { bytes: Number.NaN, count: 1, error: failure });
  for (const { name, text, params } of statements) {
    const { summary } = await db.driver.executeQuery(`PROFILE ${text}`, params, { database: db.database, routing: 'READ' });
    const bytes = toSafeNumber((summary.profile ? summary.profile.arguments['GlobalMemory'] : 0) as number);
    const seen = peaks.get(name) ?? { bytes: 0, count: 0 };
    peaks.set(name, { bytes: Math.max(seen.bytes, bytes), count: seen.count + 1 });
  }
  return peaks;
}

/** One graph of the memory part: per-statement memory of one call, then 4 calls at once. */
async function memoryOn(db: Db, graph: string, seeds: string[][], size: number): Promise<Record<string, string>[]> {
  const service = new LookalikeService(db);
  const first = seeds[0] ?? [];
  const peaks = await statementMemory(db, () => service.lookalike(first, size));
  const started = performance.now();
  const outcomes = await Promise.allSettled(seeds.slice(0, 4).map((seed) => service.lookalike(seed, size)));
  const wall = performance.now() - started;
  const failures = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [String((outcome.reason as Error).message ?? outcome.reason).slice(0, 120)] : [],
  );
  const concurrent = failures.length === 0 ? `4 of 4 succeeded in ${fmt(wall)} ms` : `${4 - failures.length} of 4 succeeded: ${failures[0]}`;
  return [...peaks]
    .sort((a, b) => (b[1].bytes || Infinity) - (a[1].bytes || Infinity))
    .map(([name, { bytes, count, error }], index) => ({
      graph: index === 0 ? graph : '',
      statement: name,
      runs: String(count),
      'peak tx memory MB': error ?? (bytes / 1_048_576).toFixed(1),
      '4 concurrent calls': index === 0 ? concurrent : '',
    }));
}

async function memory(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase('bench-lookalike-1g', 7695, { NEO4J_LOCAL_HEAP: '1g', NEO4J_LOCAL_PAGECACHE: '1g' });
  const { db } = database;
  const rows: Record<string, string>[] = [];
  const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  if (existsSync(LASTFM)) {
    await wipe(database);
    await runImport(db, config, logger, { source: 'lastfm', dir: LASTFM, batchSize: 5_000, consent: true, tty: false });
    await (
      await deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)
    ).done;
    const seeds = (await db.query(tagSeedsQuery, { target: int(88), limit: int(4) })).map((row) => row.userIds);
    rows.push(...(await memoryOn(db, `Last.fm, tag seeds of ${seeds.map((s) => s.length).join('/')}`, seeds, 1_000)));
  }
  await wipe(database);
  await loadSyntheticGraph(
    db,
    new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 31_000, seed: 2, now: new Date('2026-06-01T00:00:00Z') }),
    config.limits,
    logger,
    undefined,
    10_000,
  );
  await (
    await deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)
  ).done;
  const pool = (await db.query(popularQuery, { limit: int(2_000) })).map((row) => row.id);
  const seeds = [0, 1, 2, 3].map((r) => splitSeed(pool, 0.5, createRandom(r, 9)).training);
  rows.push(...(await memoryOn(db, '31K users, ~1 M rels, seeds of 1,000', seeds, 10_000)));
  process.stdout.write(`lookalike memory at NEO4J_LOCAL_HEAP=1g (the transaction pool is 70% of it, 716.8 MiB):\n${table(rows)}\n`);
  await database.close();
}

async function latencies(): Promise<void> {
  const rows = [
    // The issue's case: a generated graph of ~1 M relationships.
    ...(await latency('bench-lookalike-1m', 7694, 31_000, [{ seed: 1_000, size: 10_000, baseline: true }])),
    // bench:analytics's graph (2.3 M relationships), and a seed read in 4 chunks.
    ...(await latency('bench-analytics', 7691, 70_000, [
      { seed: 1_000, size: 10_000, baseline: true },
      { seed: 20_000, size: 10_000, baseline: false },
    ])),
  ];
  process.stdout.write(
    `lookalike latency (5 runs after one warm-up, seeds from the 2 × seed most active users):\n${table(rows)}\npeak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB\n`,
  );
}

(process.env['BENCH_LOOKALIKE_SKIP_QUALITY'] === '1' ? Promise.resolve() : quality())
  .then(() => (process.env['BENCH_LOOKALIKE_SKIP_LATENCY'] === '1' ? undefined : latencies()))
  .then(() => (process.env['BENCH_LOOKALIKE_SKIP_MEMORY'] === '1' ? undefined : memory()))
  .catch((error: unknown) => {
    process.stderr.write(`bench:lookalike failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
