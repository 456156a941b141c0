/**
 * npm run bench:sequences — behaviour in order, over the event log, on a generated graph
 * (10,000 users, seed 23; own instance "bench-sequences", port 7713) plus seeded journeys in
 * the last 90 days (view a product, buy it a few days later or not, rate it a day after):
 *  - recordEvents of the journeys (event log included): events/s;
 *  - funnel(VIEW → PURCHASE → RATE in the busiest category, within 7 days, 90-day window):
 *    one statement, p50/p95, against the same funnel computed in Node from the entries
 *    streamed out of the graph (the "export and script it" way), as a ratio, and the two must
 *    agree step by step;
 *  - a sequence rule ("viewed in the category in the last 30 days, did not buy there
 *    afterwards") through previewSegment, against the same computed in Node; sizes must agree;
 *  - purchase propensity (src/tags/propensity-model.ts) on a time split: fitted on features at
 *    now − 28 days (labels: purchases in the 14 days after), judged at now − 14 days on the
 *    next 14 days: ROC AUC against the recency × frequency baseline on the same examples, per
 *    category and per interest (each its own model), and the TAGS run that fits and writes both
 *    for everyone.
 * BENCH_SEQUENCES_USERS changes the graph size; BENCH_SEQUENCES_RUNS the repetitions (default 10).
 */
import type { Integer } from 'neo4j-driver';
import { ActivityService, type ActivityEvent } from '../src/activity/index.js';
import { cypher } from '../src/db/cypher.js';
import { int, toSafeNumber } from '../src/db/values.js';
import { FunnelsService } from '../src/funnels/index.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { compareIds } from '../src/lib/compare-ids.js';
import { createRandom } from '../src/lib/random.js';
import { rocAuc } from '../src/lib/logistic.js';
import { SegmentsService, type SegmentRule } from '../src/segments/index.js';
import { TagsService } from '../src/tags/index.js';
import {
  fitPropensity,
  PROPENSITY_FACTORS,
  PROPENSITY_HISTORY_DAYS,
  propensityExamples,
  recencyFrequencyScore,
  scorePropensity,
  type PropensityModel,
  type PropensityScope,
} from '../src/tags/propensity-model.js';
import { fmt, openBenchDatabase, percentile, table, wipe } from './common.js';

const USERS = Number(process.env['BENCH_SEQUENCES_USERS'] ?? 10_000);
const RUNS = Number(process.env['BENCH_SEQUENCES_RUNS'] ?? 10);
const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const SINCE = new Date(NOW.getTime() - 90 * DAY);
const WITHIN_MS = 7 * DAY;
const SEED = 23;

type Kind = 'VIEW' | 'PURCHASE' | 'RATE';
type LogRow = { userId: string; profiling: boolean; marketing: boolean; kind: Kind; category: string | null; at: Integer };
const benchQueries = {
  window: cypher<LogRow, { kinds: string[]; fromMs: Integer; toMs: Integer }>('bench/event-log-window'),
  products: cypher<{ id: string; category: string | null }, Record<string, never>>('bench/product-categories'),
  countEvents: cypher<{ events: Integer }, Record<string, never>>('bench/count-events'),
};

/** Seeded journeys: 0–3 per user, each a view, then maybe a purchase days later, then maybe a rating. */
function journeys(graph: SyntheticGraph, products: { id: string; category: string | null }[], busiest: string): ActivityEvent[] {
  const inBusiest = products.filter((product) => product.category === busiest);
  const events: ActivityEvent[] = [];
  for (let u = 0; u < USERS; u += 1) {
    const random = createRandom(SEED, 7, u);
    const userId = graph.userId(u);
    for (let j = Math.floor(random() * 4); j > 0; j -= 1) {
      const pool = random() < 0.6 ? inBusiest : products;
      const productId = pool[Math.floor(random() * pool.length)]?.id ?? '';
      const viewedAt = NOW.getTime() - Math.floor(random() * 90 * DAY);
      events.push({ userId, productId, kind: 'VIEW', at: new Date(viewedAt) });
      if (random() < 0.4) {
        const boughtAt = Math.min(NOW.getTime() - 1, viewedAt + Math.floor(random() * random() * 12 * DAY) + 1);
        events.push({ userId, productId, kind: 'PURCHASE', at: new Date(boughtAt), quantity: 1, amount: 20 });
        if (random() < 0.5) events.push({ userId, productId, kind: 'RATE', at: new Date(Math.min(NOW.getTime() - 1, boughtAt + DAY)), score: 4 });
      }
    }
  }
  return events;
}

/** The funnel's rules (cypher/funnels/funnel.cypher) in Node, over streamed entries. */
function funnelInNode(rows: LogRow[], steps: { kind: Kind; category: string }[]): { users: number[]; medians: (number | null)[] } {
  const byUser = new Map<string, { kind: Kind; category: string | null; at: number }[]>();
  for (const row of rows) {
    if (!row.profiling) continue;
    const list = byUser.get(row.userId) ?? [];
    list.push({ kind: row.kind, category: row.category, at: toSafeNumber(row.at) });
    byUser.set(row.userId, list);
  }
  const users = steps.map(() => 0);
  const gaps: number[][] = steps.map(() => []);
  const matches = (event: { kind: Kind; category: string | null }, index: number) =>
    event.kind === steps[index]?.kind && event.category === steps[index]?.category;
  for (const events of byUser.values()) {
    events.sort((a, b) => a.at - b.at);
    const entry = events.find((event) => matches(event, 0) && event.at >= SINCE.getTime() && event.at < NOW.getTime());
    if (!entry) continue;
    const times = [entry.at];
    for (const event of events) {
      if (times.length >= steps.length || event.at <= entry.at || event.at > entry.at + WITHIN_MS) continue;
      if (matches(event, times.length) && event.at > (times.at(-1) ?? 0)) times.push(event.at);
    }
    for (let i = 0; i < times.length; i += 1) {
      users[i] = (users[i] ?? 0) + 1;
      if (i > 0) gaps[i]?.push(((times[i] ?? 0) - (times[i - 1] ?? 0)) / 1000);
    }
  }
  const median = (values: number[]) => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = (sorted.length - 1) / 2; // percentileCont(0.5): the mean of the two middle values
    return ((sorted[Math.floor(middle)] ?? 0) + (sorted[Math.ceil(middle)] ?? 0)) / 2;
  };
  return { users, medians: gaps.map((values, i) => (i === 0 ? null : median(values))) };
}

/** "Viewed in the category in the last 30 days and did not buy there afterwards", reachable users only (as previewSegment counts). */
function viewedNotBoughtInNode(rows: LogRow[], category: string, from: number): number {
  const byUser = new Map<string, { views: number[]; purchases: number[]; reachable: boolean }>();
  for (const row of rows) {
    if (row.category !== category) continue;
    const user = byUser.get(row.userId) ?? { views: [], purchases: [], reachable: row.profiling && row.marketing };
    if (row.kind === 'VIEW' && toSafeNumber(row.at) >= from) user.views.push(toSafeNumber(row.at));
    if (row.kind === 'PURCHASE') user.purchases.push(toSafeNumber(row.at));
    byUser.set(row.userId, user);
  }
  let count = 0;
  for (const user of byUser.values()) {
    if (user.reachable && user.views.some((view) => !user.purchases.some((purchase) => purchase > view))) count += 1;
  }
  return count;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work();
  const ms: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  return ms.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase('bench-sequences', 7713, { PORTRAIT_MIN_BUCKET_SIZE: '1' });
  const { db } = database;
  await wipe(database);
  process.stdout.write(`loading a generated graph of ${fmt(USERS)} users into bench-sequences…\n`);
  const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: USERS, seed: SEED, now: NOW });
  await loadSyntheticGraph(db, graph, config, logger, undefined, 5_000);
  const products = await db.query(benchQueries.products, {});
  const perCategory = new Map<string, number>();
  for (const product of products) if (product.category) perCategory.set(product.category, (perCategory.get(product.category) ?? 0) + 1);
  const busiest = [...perCategory].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))[0]?.[0] ?? '';

  const activity = new ActivityService(db, config.limits);
  const planned = journeys(graph, products, busiest);
  const writeStarted = performance.now();
  let applied = 0;
  for (let from = 0; from < planned.length; from += 5_000) applied += (await activity.recordEvents(planned.slice(from, from + 5_000), NOW)).applied;
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  const [logged] = await db.query(benchQueries.countEvents, {});
  process.stdout.write(
    `journeys: ${fmt(planned.length)} events (${fmt(applied)} applied) in ${writeSeconds.toFixed(1)} s = ${fmt(applied / writeSeconds)} events/s ` +
      `through recordEvents with the event log; the log holds ${fmt(toSafeNumber(logged?.events ?? 0))} entries; busiest category "${busiest}"\n\n`,
  );

  const segments = new SegmentsService(db, async () => ({ now: NOW, influence: null }));
  const funnels = new FunnelsService(db, (rule) => segments.compile(rule, NOW), 1);
  const steps = (['VIEW', 'PURCHASE', 'RATE'] as const).map((kind) => ({ kind, category: busiest }));
  const request = { steps, within: 'P7D', withinMs: WITHIN_MS, since: SINCE, until: NOW, group: null };
  let statements = 0;
  const stop = db.onQuery(() => (statements += 1));
  const answer = await funnels.funnel(request);
  stop();
  const funnelMs = await timed(RUNS, () => funnels.funnel(request));
  let reference = funnelInNode([], steps);
  const referenceMs = await timed(RUNS, async () => {
    const rows = await db.query(benchQueries.window, {
      kinds: ['VIEW', 'PURCHASE', 'RATE'],
      fromMs: int(SINCE.getTime()),
      toMs: int(NOW.getTime() + WITHIN_MS),
    });
    reference = funnelInNode(rows, steps);
  });
  const funnelAgrees =
    answer.steps.every((step, i) => step.users === reference.users[i]) &&
    answer.steps.every((step, i) => (step.medianSecondsFromPrevious ?? -1).toFixed(3) === (reference.medians[i] ?? -1).toFixed(3));

  const rule: SegmentRule = {
    sequence: { first: { kind: 'VIEW', category: busiest }, then: { kind: 'PURCHASE', category: busiest }, thenDid: false, withinDays: 30 },
  };
  const preview = await segments.preview(rule, 10);
  const ruleMs = await timed(RUNS, () => segments.preview(rule, 10));
  let ruleReference = 0;
  const from = NOW.getTime() - 30 * DAY;
  const ruleReferenceMs = await timed(RUNS, async () => {
    const rows = await db.query(benchQueries.window, { kinds: ['VIEW', 'PURCHASE'], fromMs: int(from), toMs: int(NOW.getTime()) });
    ruleReference = viewedNotBoughtInNode(rows, busiest, from);
  });

  const p = (ms: number[], q: number) => percentile(ms, q).toFixed(0);
  process.stdout.write(
    `funnel "${busiest}": ${answer.steps.map((step) => `${step.kind} ${fmt(step.users ?? 0)}`).join(' → ')}; ` +
      `conversion ${answer.steps.map((step) => (step.conversion === null ? '-' : step.conversion.toFixed(3))).join(', ')}; ` +
      `median hours from previous ${answer.steps.map((step) => (step.medianSecondsFromPrevious === null ? '-' : (step.medianSecondsFromPrevious / 3600).toFixed(1))).join(', ')}\n` +
      `sequence rule (viewed in 30 days, did not buy afterwards): ${fmt(preview.size)} reachable users\n\n`,
  );
  process.stdout.write(
    `${table([
      {
        operation: 'funnel, 3 steps (one statement)',
        statements,
        'p50 ms': p(funnelMs, 0.5),
        'p95 ms': p(funnelMs, 0.95),
        'in Node p50 ms': p(referenceMs, 0.5),
        'Node ÷ graph': (percentile(referenceMs, 0.5) / percentile(funnelMs, 0.5)).toFixed(2),
        agree: funnelAgrees ? 'yes' : 'NO',
      },
      {
        operation: 'sequence rule, previewSegment',
        statements: '',
        'p50 ms': p(ruleMs, 0.5),
        'p95 ms': p(ruleMs, 0.95),
        'in Node p50 ms': p(ruleReferenceMs, 0.5),
        'Node ÷ graph': (percentile(ruleReferenceMs, 0.5) / percentile(ruleMs, 0.5)).toFixed(2),
        agree: preview.size === ruleReference ? 'yes' : `NO (${fmt(ruleReference)})`,
      },
    ])}\n\npeak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB; runs: ${RUNS} after one warm-up\n`,
  );

  // Purchase propensity on a time split.
  const tags = new TagsService(db, (rule, now) => segments.compile(rule, now));
  const horizon = 14 * DAY;
  const trainAt = NOW.getTime() - 2 * horizon;
  const judgeAt = NOW.getTime() - horizon;
  const userIds = Array.from({ length: USERS }, (_, u) => graph.userId(u));
  const logs = await tags.loggedEvents(userIds, trainAt - PROPENSITY_HISTORY_DAYS * DAY, NOW.getTime());
  const split = (scope: PropensityScope) => {
    const train = [...logs.values()].flatMap((events) => propensityExamples(events, trainAt, horizon, scope));
    const judge = [...logs.values()].flatMap((events) => propensityExamples(events, judgeAt, horizon, scope));
    const model = fitPropensity(train);
    const labels = judge.map((example) => example.bought);
    const modelAuc = model
      ? rocAuc(
          judge.map((example) => scorePropensity(model, example.factors).probability),
          labels,
        )
      : Number.NaN;
    const baselineAuc = rocAuc(judge.map(recencyFrequencyScore), labels);
    return {
      model,
      row: {
        'per (user, …) engaged in 90 days': scope,
        split: `fit at now − 28 d (${fmt(train.length)} examples, ${fmt(train.filter((example) => example.bought).length)} bought)`,
        'judged at': `now − 14 d (${fmt(judge.length)} examples, ${fmt(labels.filter(Boolean).length)} bought)`,
        'AUC model': modelAuc.toFixed(3),
        'AUC recency × frequency': baselineAuc.toFixed(3),
        'Δ AUC': (modelAuc - baselineAuc).toFixed(3),
      },
    };
  };
  const byCategory = split('category');
  const byInterest = split('interest');
  const weights = (model: PropensityModel | null) =>
    model ? PROPENSITY_FACTORS.map((factor, i) => `${factor} ${(model.weights[i] ?? 0).toFixed(2)}`).join(', ') : 'too few purchases to fit';
  const tagsStarted = performance.now();
  const run = await tags.computeAll(NOW);
  const tagsSeconds = (performance.now() - tagsStarted) / 1000;
  process.stdout.write(
    `\npurchase propensity, next 14 days:\n${table([byCategory.row, byInterest.row])}\n` +
      `weights (standardised factors), category: ${weights(byCategory.model)}\n` +
      `weights, interest: ${weights(byInterest.model)}\n` +
      `TAGS run with both propensities for everyone: ${tagsSeconds.toFixed(1)} s; users scored: ${fmt(run.propensity?.usersScored ?? 0)} per category ` +
      `(model on ${fmt(run.propensity?.examples ?? 0)} examples), ${fmt(run.interestPropensity?.usersScored ?? 0)} per interest ` +
      `(${fmt(run.interestPropensity?.examples ?? 0)} examples)\n`,
  );
  await database.close();
  if (!funnelAgrees || preview.size !== ruleReference) {
    process.stderr.write('the graph and the reference disagree\n');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
