/**
 * npm run bench:lookalike — lookalike quality on Last.fm HetRec 2011 and latency at scale.
 *
 * Quality (the issue's protocol): for the 20 most listened artists with 60–400 listeners, the
 * segment is the artist's listeners; listening to that artist is removed from the features
 * (excludeProductIds); a random half seeds the lookalike, the other half is hidden; score =
 * R-precision (hidden members among the top |hidden|), averaged over the 20 segments, for:
 * random, popularity (most active users), each single signal, and the product (all signals,
 * blend chosen on a hold-out of the seed). Caveat: INTERESTED_IN comes from tags users put on
 * artists, including the target artist, so the interest signal keeps a trace of it.
 *
 * Latency: a 1,000-user seed, size 10,000, on the generated graph of bench:analytics
 * (70,000 users, ~1.1 M follows, plus interests and events), p50 over 5 runs.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { PROJECT_ROOT } from '../src/config.js';
import { cypher } from '../src/db/cypher.js';
import { int, toSafeNumber } from '../src/db/values.js';
import { createAppDeps } from '../src/features.js';
import { loadSyntheticGraph } from '../src/ingest/demo.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { runImport } from '../src/ingest/importer.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { createRandom } from '../src/ingest/random.js';
import { LookalikeService, SIGNALS, splitSeed, type Signal } from '../src/lookalike/index.js';
import { openBenchDatabase, table, wipe } from './common.js';

const segmentsQuery = cypher<{ productId: string; name: string; listeners: unknown; userIds: string[] }, { minListeners: ReturnType<typeof int>; maxListeners: ReturnType<typeof int>; limit: ReturnType<typeof int> }>('bench/lastfm-segments');
const popularQuery = cypher<{ id: string }, { limit: ReturnType<typeof int> }>('bench/most-engaged-users');
const LASTFM = process.env['BENCH_LASTFM_DIR'] ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'datasets', 'lastfm-hetrec2011');

const rPrecision = (ranking: readonly string[], hidden: ReadonlySet<string>) => ranking.slice(0, hidden.size).filter((id) => hidden.has(id)).length / hidden.size;

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
    await (await deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)).done;
  }
  const segments = await db.query(segmentsQuery, { minListeners: int(60), maxListeners: int(400), limit: int(20) });
  const popular = (await db.query(popularQuery, { limit: int(2_000) })).map((row) => row.id);
  const [users] = await db.query(ingestQueries.countUsers, {});
  const service = new LookalikeService(db);
  const methods = ['random', 'popularity', ...SIGNALS.map((s) => `only ${s}`), 'product (adaptive blend)'] as const;
  const totals = new Map<string, number>(methods.map((m) => [m, 0]));
  const latencies: number[] = [];
  for (const [index, segment] of segments.entries()) {
    const { training: seed, heldBack } = splitSeed(segment.userIds, 0.5, createRandom(100 + index, 3));
    const hidden = new Set(heldBack);
    const size = Math.max(hidden.size, 100);
    const seedSet = new Set(seed);
    const everyone = Array.from({ length: toSafeNumber(users?.users ?? 0) }, (_, i) => i);
    // Random: the expected R-precision of a random ranking of all non-seed users.
    totals.set('random', (totals.get('random') ?? 0) + hidden.size / (everyone.length - seedSet.size));
    totals.set('popularity', (totals.get('popularity') ?? 0) + rPrecision(popular.filter((id) => !seedSet.has(id)), hidden));
    for (const signal of SIGNALS) {
      const result = await service.lookalike(seed, size, { signals: [signal as Signal], excludeProductIds: [segment.productId] });
      totals.set(`only ${signal}`, (totals.get(`only ${signal}`) ?? 0) + rPrecision(result.members.map((m) => m.userId), hidden));
    }
    const started = performance.now();
    const product = await service.lookalike(seed, size, { excludeProductIds: [segment.productId] });
    latencies.push(performance.now() - started);
    totals.set('product (adaptive blend)', (totals.get('product (adaptive blend)') ?? 0) + rPrecision(product.members.map((m) => m.userId), hidden));
  }
  const rows = methods.map((method) => ({ method, 'R-precision (mean of 20)': ((totals.get(method) ?? 0) / Math.max(1, segments.length)).toFixed(4) }));
  latencies.sort((a, b) => a - b);
  process.stdout.write(`Last.fm HetRec 2011: ${segments.length} segments (${segments.map((s) => `${s.name} ${toSafeNumber(s.listeners as number)}`).join(', ')})\n${table(rows)}\nproduct latency p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms\n\n`);
  await database.close();
}

async function latency(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase('bench-analytics', 7691);
  const { db } = database;
  const [stats] = await db.query(ingestQueries.stats, {});
  const users = Number(stats?.['users'] ?? 0);
  if (users !== 70_000 || Number(stats?.['interestedIn'] ?? 0) === 0) {
    await wipe(database);
    await loadSyntheticGraph(db, new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 70_000, seed: 2, now: new Date('2026-06-01T00:00:00Z') }), config.limits, logger, undefined, 10_000);
  }
  const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  await (await deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)).done;
  const [after] = await db.query(ingestQueries.stats, {});
  const service = new LookalikeService(db);
  const seedPool = (await db.query(popularQuery, { limit: int(20_000) })).map((row) => row.id);
  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const { training } = splitSeed(seedPool, 1 - 1_000 / seedPool.length, createRandom(run, 9));
    const started = performance.now();
    const result = await service.lookalike(training, 10_000);
    times.push(performance.now() - started);
    if (result.members.length < 1_000) throw new Error(`only ${result.members.length} lookalikes`);
  }
  times.sort((a, b) => a - b);
  const relationships = ['follows', 'purchased', 'viewed', 'rated', 'interestedIn', 'hasInterest'].reduce((sum, key) => sum + Number(after?.[key] ?? 0), 0);
  process.stdout.write(`latency: seed 1,000, size 10,000, ${users.toLocaleString('en-US')} users / ${relationships.toLocaleString('en-US')} relationships: p50 ${times[2]?.toFixed(0)} ms, min ${times[0]?.toFixed(0)} ms, max ${times[4]?.toFixed(0)} ms\n`);
  await database.close();
}

quality()
  .then(() => (process.env['BENCH_LOOKALIKE_SKIP_LATENCY'] === '1' ? undefined : latency()))
  .catch((error: unknown) => {
    process.stderr.write(`bench:lookalike failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
