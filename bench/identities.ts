/**
 * bench:identities — identity resolution at import speed, and merges (issue 15), on its own
 * instance "bench-identities" (port 7703):
 *  - the same stream of new events (views and purchases of 20,000 users, in batches of 5,000
 *    as imports write them) keyed by user id and keyed by each user's cookie, alternating
 *    rounds so warm-up favours neither; events/s and the ratio (goal ≤ 1.3×);
 *  - mergeUsers of two users with 10,000 relationships each, half their products and
 *    neighbours shared (goal ≤ 1 s), and the statements it costs.
 */
import type { Integer } from 'neo4j-driver';
import { ActivityService, type ActivityEvent } from '../src/activity/index.js';
import { cypher } from '../src/db/cypher.js';
import { int, toNeo4jDateTime } from '../src/db/values.js';
import { IdentitiesService, identityPolicy } from '../src/identities/index.js';
import { createRandom } from '../src/lib/random.js';
import { fmt, openBenchDatabase, percentile, table, wipe } from './common.js';

const USERS = 20_000;
const PRODUCTS = 3_000;
const EVENTS = Number(process.env['BENCH_IDENTITIES_EVENTS'] ?? 50_000);
const ROUNDS = Number(process.env['BENCH_IDENTITIES_ROUNDS'] ?? 3);
const MERGES = Number(process.env['BENCH_IDENTITIES_MERGES'] ?? 5);
const BATCH = 5_000;
const NOW = new Date('2026-06-01T00:00:00Z');

const benchQueries = {
  fixture: cypher<{ users: Integer; products: Integer }, { from: Integer; to: Integer; products: Integer; now: ReturnType<typeof toNeo4jDateTime> }>(
    'bench/identity-fixture',
  ),
  mergePair: cypher<{ id: string; relationships: Integer }, { a: string; b: string; each: Integer; now: ReturnType<typeof toNeo4jDateTime> }>(
    'bench/merge-pair',
  ),
};

async function main(): Promise<void> {
  const { config, database } = await openBenchDatabase('bench-identities', 7703);
  const { db } = database;
  await wipe(database);
  process.stdout.write(`loading ${fmt(USERS)} users with a cookie each and ${fmt(PRODUCTS)} products…\n`);
  for (let from = 0; from < USERS; from += BATCH) {
    await db.mutate(benchQueries.fixture, { from: int(from), to: int(Math.min(USERS, from + BATCH)), products: int(PRODUCTS), now: toNeo4jDateTime(NOW) });
  }
  const policy = identityPolicy(config.identities);
  const activity = new ActivityService(db, { ...config.limits, maxBatchSize: BATCH }, async () => [], new IdentitiesService(db, policy));

  // One seeded stream of (user, product, kind); each round gives it new instants so every event is new.
  const random = createRandom(15);
  const stream = Array.from({ length: EVENTS }, () => ({
    user: Math.floor(random() * USERS),
    product: Math.floor(random() * PRODUCTS),
    kind: random() < 0.8 ? ('VIEW' as const) : ('PURCHASE' as const),
  }));
  const events = (round: number, byIdentity: boolean): ActivityEvent[] =>
    stream.map((event, index) => ({
      userId: byIdentity ? null : `bu-${event.user}`,
      identities: byIdentity ? [{ type: 'COOKIE_ID', value: `bc-${event.user}` }] : null,
      productId: `bp-${event.product}`,
      kind: event.kind,
      at: new Date(NOW.getTime() - 30 * 86_400_000 + round * 3_600_000 + index),
    }));
  const run = async (round: number, byIdentity: boolean) => {
    const all = events(round, byIdentity);
    const started = performance.now();
    for (let from = 0; from < all.length; from += BATCH) await activity.recordEvents(all.slice(from, from + BATCH), NOW);
    return all.length / ((performance.now() - started) / 1000);
  };
  await run(0, false); // warm-up: caches, plans, the JIT
  const byId: number[] = [];
  const byCookie: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Alternate which goes first, so neither always runs on the warmer cache.
    if (round % 2 === 1) {
      byId.push(await run(round * 2, false));
      byCookie.push(await run(round * 2 + 1, true));
    } else {
      byCookie.push(await run(round * 2 + 1, true));
      byId.push(await run(round * 2, false));
    }
  }
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  const ratio = median(byId) / median(byCookie);

  // Merges of heavy pairs: a fresh pair each run.
  const identities = new IdentitiesService(db, policy);
  let statements = 0;
  const mergeMs: number[] = [];
  let relationships = 0;
  for (let run = 0; run < MERGES + 1; run += 1) {
    const [a, b] = await db.mutate(benchQueries.mergePair, { a: `heavy-a${run}`, b: `heavy-b${run}`, each: int(10_000), now: toNeo4jDateTime(NOW) });
    relationships = Math.min(Number(a?.relationships ?? 0), Number(b?.relationships ?? 0));
    const stop = db.onQuery(() => (statements = run === 0 ? statements + 1 : statements));
    const started = performance.now();
    await identities.merge(`heavy-a${run}`, `heavy-b${run}`, NOW);
    if (run > 0) mergeMs.push(performance.now() - started); // run 0 warms up
    stop();
  }
  mergeMs.sort((x, y) => x - y);
  const peakMb = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(
    `\n${table([
      {
        operation: `${fmt(EVENTS)} events keyed by user id, batches of ${fmt(BATCH)}`,
        result: `${fmt(median(byId))} events/s`,
        spread: `${fmt(Math.min(...byId))}–${fmt(Math.max(...byId))}`,
        goal: '–',
      },
      {
        operation: 'the same events keyed by a cookie (known identity)',
        result: `${fmt(median(byCookie))} events/s`,
        spread: `${fmt(Math.min(...byCookie))}–${fmt(Math.max(...byCookie))}`,
        goal: `≤ 1.3× slower: ${ratio.toFixed(2)}× ${ratio <= 1.3 ? 'met' : 'MISSED'}`,
      },
      {
        operation: `mergeUsers, two users with ≥ ${fmt(relationships)} relationships each`,
        result: `p50 ${percentile(mergeMs, 0.5).toFixed(0)} ms, max ${Math.max(...mergeMs).toFixed(0)} ms`,
        spread: `${statements} statements`,
        goal: `≤ 1,000 ms: ${percentile(mergeMs, 0.5) <= 1_000 ? 'met' : 'MISSED'}`,
      },
    ])}\n(${ROUNDS} rounds of each event stream after a warm-up, medians; ${MERGES} merges after a warm-up; peak RSS ${fmt(peakMb)} MB)\n`,
  );
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
