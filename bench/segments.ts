/**
 * npm run bench:segments — the marketer's profile at scale, on a generated graph of ~1 M
 * relationships (31,000 users, seed 2; own instance "bench-segments", port 7702):
 *  - the full tags job (value tiers, churn risk, one rule tag) over everyone;
 *  - previewSegment for a 3-clause rule (region AND interest weight ≥ 0.5 AND ≥ 2 purchases in
 *    60 days) against the same rule written by hand in Cypher, same run, p50/p95 over runs;
 *  - a portrait (every part) of a 10,000-member segment and of a 10,000-user list;
 *  - recordEvents of 1,000 events with the tags refresh it triggers, and the refresh alone;
 *  - statements per operation (constant whatever the group size).
 * BENCH_SEGMENTS_USERS changes the graph size; BENCH_SEGMENTS_RUNS the repetitions (default 15).
 */
import type { Integer } from 'neo4j-driver';
import { ActivityService, type ActivityEvent } from '../src/activity/index.js';
import { cypher } from '../src/db/cypher.js';
import type { Db } from '../src/db/db.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../src/db/values.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { graphStats } from '../src/ingest/stats.js';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { PortraitsService } from '../src/portraits/index.js';
import { SegmentsService, type SegmentRule } from '../src/segments/index.js';
import { TagsService } from '../src/tags/index.js';
import { fmt, openBenchDatabase, percentile, table, wipe } from './common.js';

const USERS = Number(process.env['BENCH_SEGMENTS_USERS'] ?? 31_000);
const RUNS = Number(process.env['BENCH_SEGMENTS_RUNS'] ?? 15);
const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

const benchQueries = {
  handWritten: cypher<
    { matched: Integer; reachable: Integer; sample: string[] },
    { region: string; interestId: string; minWeight: number; since: ReturnType<typeof toNeo4jDateTime>; atLeast: Integer; sampleSize: Integer }
  >('bench/hand-written-preview'),
  picks: cypher<{ region: string; interestId: string }, Record<string, never>>('bench/rule-picks'),
  users: cypher<{ id: string }, { limit: Integer }>('bench/users-page'),
  products: cypher<{ id: string }, { limit: Integer }>('bench/product-ids'),
};

/** Runs `work` `runs` times after one warm-up; sorted latencies in ms and the statements of one run. */
async function timed(db: Db, runs: number, work: (run: number) => Promise<unknown>): Promise<{ ms: number[]; statements: number }> {
  await work(-1);
  let statements = 0;
  const stop = db.onQuery(() => (statements += 1));
  await work(-2);
  stop();
  const ms: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work(run);
    ms.push(performance.now() - started);
  }
  return { ms: ms.sort((a, b) => a - b), statements };
}

const p = (ms: number[], q: number) => percentile(ms, q).toFixed(0);

async function main(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase('bench-segments', 7702);
  const { db } = database;
  const stats = await graphStats(db);
  if (Number(stats?.['users'] ?? 0) !== USERS || Number(stats?.['purchased'] ?? 0) === 0) {
    await wipe(database);
    process.stdout.write(`loading a generated graph of ${fmt(USERS)} users into bench-segments…\n`);
    await loadSyntheticGraph(db, new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: USERS, seed: 2, now: NOW }), config, logger, undefined, 10_000);
  }
  const after = await graphStats(db);
  const relationships = ['follows', 'purchased', 'viewed', 'rated', 'interestedIn', 'hasInterest'].reduce((sum, key) => sum + Number(after?.[key] ?? 0), 0);
  process.stdout.write(`graph: ${fmt(Number(after?.['users']))} users, ${fmt(relationships)} relationships\n\n`);

  const segments = new SegmentsService(db, async () => ({ now: NOW, influence: null }));
  const tags = new TagsService(db, (rule, now) => segments.compile(rule, now));
  const [picks] = await db.query(benchQueries.picks, {});
  if (!picks) throw new Error('the generated graph has no regions or interests');
  const rule: SegmentRule = {
    and: [
      { attribute: { attribute: 'REGION', equals: picks.region } },
      { interest: { interestId: picks.interestId, minWeight: 0.5 } },
      { event: { kind: 'PURCHASE', atLeast: 2, withinDays: 60 } },
    ],
  };
  const rows: Record<string, string | number>[] = [];

  // The full tags job, with one rule tag defined (the same 3-clause rule).
  await db.mutate(cypher<{ deleted: Integer }, { name: string }>('tags/delete-tag'), { name: 'bench rule' });
  await tags.define('bench rule', rule, 'bench:segments', NOW);
  const jobStarted = performance.now();
  const run = await tags.computeAll(NOW);
  const jobMs = performance.now() - jobStarted;
  rows.push({
    operation: `full tags job (${fmt(run.usersScored)} users, ${fmt(run.buyers)} buyers, ${run.ruleTags} rule tag)`,
    p50: jobMs.toFixed(0),
    p95: '–',
    'vs hand-written': '–',
    statements: '–',
    goal: '–',
  });

  // previewSegment against the same rule by hand.
  const preview = await timed(db, RUNS, () => segments.preview(rule, 10));
  const handParams = {
    region: picks.region,
    interestId: picks.interestId,
    minWeight: 0.5,
    since: toNeo4jDateTime(new Date(NOW.getTime() - 60 * DAY)),
    atLeast: int(2),
    sampleSize: int(10),
  };
  const hand = await timed(db, RUNS, () => db.query(benchQueries.handWritten, handParams));
  const [ours, theirs] = await Promise.all([segments.preview(rule, 10), db.query(benchQueries.handWritten, handParams)]);
  const same = ours.size === toSafeNumber(theirs[0]?.reachable ?? -1) && ours.sample.map((u) => u.id).join() === (theirs[0]?.sample ?? []).join();
  const ratio = percentile(preview.ms, 0.5) / percentile(hand.ms, 0.5);
  rows.push({
    operation: `previewSegment, 3 clauses (${fmt(ours.size)} reachable; same answer as by hand: ${same ? 'yes' : 'NO'})`,
    p50: p(preview.ms, 0.5),
    p95: p(preview.ms, 0.95),
    'vs hand-written': `${ratio.toFixed(2)}×`,
    statements: preview.statements,
    goal: `p50 ≤ 300 ms, ≤ 1.5×: ${percentile(preview.ms, 0.5) <= 300 && ratio <= 1.5 ? 'met' : 'MISSED'}`,
  });
  rows.push({
    operation: 'the same rule, hand-written Cypher',
    p50: p(hand.ms, 0.5),
    p95: p(hand.ms, 0.95),
    'vs hand-written': '1.00×',
    statements: hand.statements,
    goal: '–',
  });

  // Portraits of 10,000 members: a stored segment and a list (a lookalike's members).
  const memberIds = (await db.query(benchQueries.users, { limit: int(10_000) })).map((row) => row.id);
  const saved = await segments.save(
    'bench 10k',
    'IMPORTED',
    {},
    [],
    0,
    memberIds.map((userId) => ({ userId, score: 1 })),
  );
  for (const [label, group] of [
    ['segment', { rule: { segment: { segmentId: saved.id } }, reachableOnly: true }],
    ['user list', { rule: { userIds: memberIds }, reachableOnly: false }],
  ] as const) {
    let size = 0;
    const portrait = await timed(db, Math.max(3, Math.floor(RUNS / 3)), async () => {
      // A fresh service per run, as per request: nothing cached between runs.
      const service = new PortraitsService(
        db,
        (r) => segments.compile(r),
        async () => null,
        config.portraits.minBucketSize,
        NOW,
      );
      const parts = await Promise.all([
        service.size(group),
        ...['GENDER', 'AGE_BAND', 'REGION', 'OCCUPATION', 'LIFECYCLE', 'VALUE_TIER', 'CHURN_RISK'].map((d) => service.distribution(group, d as 'GENDER')),
        service.traits(group, 'INTERESTS', 10),
        service.traits(group, 'PRODUCTS', 10),
        service.traits(group, 'CATEGORIES', 10),
      ]);
      size = parts[0] as number;
    });
    rows.push({
      operation: `portrait of a ${fmt(size)}-member ${label} (every part)`,
      p50: p(portrait.ms, 0.5),
      p95: p(portrait.ms, 0.95),
      'vs hand-written': '–',
      statements: portrait.statements,
      goal: `≤ 1,000 ms: ${percentile(portrait.ms, 0.5) <= 1_000 ? 'met' : 'MISSED'}`,
    });
  }
  await segments.delete(saved.id);

  // 1,000 events through recordEvents, with and without the tags refresh they trigger.
  const products = (await db.query(benchQueries.products, { limit: int(500) })).map((row) => row.id);
  const eventUsers = memberIds.slice(0, 1_000);
  const batch = (run: number): ActivityEvent[] =>
    eventUsers.map((userId, index) => ({
      userId,
      productId: products[(index * 7 + run * 13 + 1_000) % products.length] ?? '',
      kind: 'PURCHASE',
      // A new instant per run and event: every run writes 1,000 new purchases.
      at: new Date(NOW.getTime() - 3_600_000 + (run + 10) * 1_000 + index),
      amount: 25,
    }));
  let refreshMs: number[] = [];
  const withRefresh = new ActivityService(db, { ...config.limits, maxBatchSize: 10_000 }, async (ids) => {
    const started = performance.now();
    const failures = await tags.refreshUsers(ids, NOW);
    refreshMs.push(performance.now() - started);
    return failures;
  });
  const plain = new ActivityService(db, { ...config.limits, maxBatchSize: 10_000 });
  const runs = Math.max(3, Math.floor(RUNS / 3));
  const recorded = await timed(db, runs, (r) => withRefresh.recordEvents(batch(r + 100), NOW));
  refreshMs = refreshMs.slice(-runs).sort((a, b) => a - b);
  const bare = await timed(db, runs, (r) => plain.recordEvents(batch(r + 200), NOW));
  rows.push({
    operation: '1,000 events, recordEvents + tags refresh',
    p50: p(recorded.ms, 0.5),
    p95: p(recorded.ms, 0.95),
    'vs hand-written': '–',
    statements: recorded.statements,
    goal: '–',
  });
  rows.push({
    operation: '  of which the tags refresh (1,000 users)',
    p50: p(refreshMs, 0.5),
    p95: p(refreshMs, 0.95),
    'vs hand-written': '–',
    statements: '–',
    goal: `≤ 1,000 ms: ${percentile(refreshMs, 0.5) <= 1_000 ? 'met' : 'MISSED'}`,
  });
  rows.push({
    operation: '1,000 events, recordEvents alone',
    p50: p(bare.ms, 0.5),
    p95: p(bare.ms, 0.95),
    'vs hand-written': '–',
    statements: bare.statements,
    goal: '–',
  });

  process.stdout.write(`${table(rows)}\n(ms; ${RUNS} runs for previews, ${runs} for portraits and events, after a warm-up)\n`);
  await database.close();
}

await main();
