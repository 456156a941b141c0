/**
 * npm run bench:stream — events from a Kafka topic into the graph (docs/STREAMS.md), against
 * the direct recordEvents path, on a synthetic graph of BENCH_STREAM_USERS users (default
 * 10,000) in Neo4j instance bench-stream (port 7712) and a local broker of its own
 * (instance bench-stream, port 19292, 4 partitions), or NEO4J_URI / KAFKA_BROKERS.
 *
 * 1. direct: BENCH_STREAM_EVENTS events (default 100,000: 70 % views, 20 % purchases,
 *    10 % ratings, on random users and products) written by the stream's own writer
 *    (graphEventWriter, i.e. ActivityService.recordEvents) in MAX_BATCH_SIZE batches, one after
 *    the other: the most the graph takes through that code path.
 * 2. stream backlog: as many new events already on a topic; a consumer is started and timed
 *    until every offset is committed. Sustained events/s, and its ratio to (1).
 * 3. lag under load: a producer sends BENCH_STREAM_RATE events/s (default 10,000, the goal),
 *    then 60 % of the backlog's rate (a load the graph keeps up with), for BENCH_STREAM_SECONDS
 *    (default 30) each while a consumer runs; every 50 ms one of them is a
 *    probe, a view by a user no other event touches, stamped with its send time, and a poller
 *    asks the API `user(id) { lastActiveAt }` over HTTP every 20 ms. A probe's lag is the time
 *    from its send to the first answer that shows it (poll interval included).
 * 4. live counters: `activity(window: LAST_15_MINUTES)` right after, whose window holds the
 *    whole load: the cost of the dashboard's counters at the busiest.
 * events/s is what the graph applied (all events over first send → last commit); the path
 * names the rate offered.
 * Goal (issue 19): ≥ 10,000 events/s sustained, lag p99 ≤ 2 s.
 */
import { Producer } from '@platformatic/kafka';
import { buildApiServer, listenApi } from '../src/api.js';
import { loadConfig } from '../src/config.js';
import { createAppDeps } from '../src/deps.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { toSafeNumber } from '../src/db/values.js';
import { startLocalKafka } from '../src/local-kafka/server.js';
import { EventStreamConsumer, graphEventWriter } from '../src/streams/index.js';
import type { ActivityEvent } from '../src/activity/index.js';
import { createRandom } from '../src/lib/random.js';
// Topics as the tests make them: returned once every partition's leader serves it (a produce to a
// fresh topic failed at once otherwise, seen here as "Producing messages failed" / Out of bounds).
import { createTopic } from '../tests/helpers/kafka.js';
import { freePort } from '../tests/helpers/net.js';
import type { Logger } from '../src/logger.js';
import { fmt, openBenchDatabase, percentile, table, wipe } from './common.js';

const intEnv = (name: string, fallback: number) => Math.max(1, Number.parseInt(process.env[name] ?? '', 10) || fallback);
const USERS = intEnv('BENCH_STREAM_USERS', 10_000);
const EVENTS = intEnv('BENCH_STREAM_EVENTS', 100_000);
const RATE = intEnv('BENCH_STREAM_RATE', 10_000);
const SECONDS = intEnv('BENCH_STREAM_SECONDS', 30);
const PROBE_EVERY_MS = 50;
const POLL_EVERY_MS = 20;
const SEED = 19;

interface EventJson {
  userId: string;
  productId: string;
  kind: 'VIEW' | 'PURCHASE' | 'RATE';
  at: number;
  quantity?: number;
  score?: number;
}

/** Random events on users 1… (user 0 is the lag probe's alone), distinct instants so none is a replay. */
function eventMaker(graph: SyntheticGraph, stream: number) {
  const random = createRandom(SEED, stream, 0);
  let tick = 0;
  return (at: number): EventJson => {
    tick += 1;
    const userId = graph.userId(1 + Math.floor(random() * (USERS - 1)));
    const productId = graph.productId(Math.floor(random() * graph.productCount));
    const roll = random();
    // Views of one pair need distinct instants to count twice: the tick keeps them apart.
    const when = at + (tick % 1_000) / 1_000;
    if (roll < 0.7) return { userId, productId, kind: 'VIEW', at: Math.floor(when) };
    if (roll < 0.9) return { userId, productId, kind: 'PURCHASE', at: Math.floor(when), quantity: 1 + Math.floor(random() * 3) };
    return { userId, productId, kind: 'RATE', at: Math.floor(when), score: 1 + Math.floor(random() * 5) };
  };
}

const toEvent = (json: EventJson): ActivityEvent => ({ ...json, at: new Date(json.at), userId: json.userId, identities: null });

async function produce(producer: Producer, topic: string, events: readonly EventJson[]): Promise<void> {
  await producer.send({
    messages: events.map((event) => ({ topic, key: Buffer.from(event.userId), value: Buffer.from(JSON.stringify(event)) })),
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

interface LagSetup {
  producer: Producer;
  url: string;
  graph: SyntheticGraph;
  brokers: readonly string[];
  writer: ReturnType<typeof graphEventWriter>;
  logger: Logger;
  consumerOptions: { brokers: readonly string[]; groupId: string; maxBatchSize: number; lingerMs: number };
  directRate: number;
  run: string;
}

/** Produces `rate` events/s for SECONDS on a topic of its own while a consumer applies them; probes the lag through the API. */
async function measureLag(setup: LagSetup, rate: number, stream: number) {
  const { producer, url, graph, brokers, writer, logger, consumerOptions } = setup;
  const topic = `bench-events-${setup.run}-live-${rate}`;
  await createTopic(brokers, topic, 4);
  const live = new EventStreamConsumer({ ...consumerOptions, topic }, writer, logger);
  await live.start();
  const probeUser = graph.userId(0);
  const pending: { at: number; sentAt: number }[] = [];
  const lags: number[] = [];
  let producing = true;
  let stopPollingBy = Infinity;
  const poller = (async () => {
    while (pending.length > 0 || producing) {
      if (!producing && Date.now() > stopPollingBy) break;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($id: ID!) { user(id: $id) { lastActiveAt } }', variables: { id: probeUser } }),
      });
      const body = (await response.json()) as { data?: { user?: { lastActiveAt?: string | null } } };
      const seen = Date.parse(body.data?.user?.lastActiveAt ?? '') || 0;
      const answeredAt = performance.now();
      while (pending.length > 0 && (pending[0]?.at ?? Infinity) <= seen) lags.push(answeredAt - (pending.shift()?.sentAt ?? answeredAt));
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  })();
  const makeLive = eventMaker(graph, stream);
  const ticks = Math.round((SECONDS * 1000) / PROBE_EVERY_MS);
  const perTick = Math.max(1, Math.round((rate * PROBE_EVERY_MS) / 1000));
  const sends: Promise<void>[] = [];
  const started = performance.now();
  for (let tick = 0; tick < ticks; tick += 1) {
    // Probes are a millisecond apart at least, so each is told apart by lastActiveAt.
    const now = Math.max(Date.now(), (pending.at(-1)?.at ?? 0) + 1);
    const events: EventJson[] = Array.from({ length: perTick - 1 }, () => makeLive(now));
    events.push({ userId: probeUser, productId: graph.productId(0), kind: 'VIEW', at: now });
    pending.push({ at: now, sentAt: performance.now() });
    sends.push(produce(producer, topic, events));
    const next = started + (tick + 1) * PROBE_EVERY_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(sends);
  const offered = (ticks * perTick) / ((performance.now() - started) / 1000);
  const caughtUp = await waitFor(() => live.stats.messages >= ticks * perTick, 120_000);
  // What the graph took: every event applied, over the time from the first send to the last commit.
  const applied = live.stats.messages / ((performance.now() - started) / 1000);
  producing = false;
  stopPollingBy = Date.now() + 10_000;
  await poller;
  await live.stop();
  const sorted = [...lags].sort((a, b) => a - b);
  return {
    seen: lags.length,
    probes: ticks,
    stats: live.stats,
    row: {
      path: `Kafka → graph at ${fmt(offered)}/s offered${caughtUp ? '' : ', FELL BEHIND'}`,
      events: fmt(live.stats.messages),
      'events/s': fmt(applied),
      ratio: (applied / setup.directRate).toFixed(2),
      'lag p50 ms': fmt(percentile(sorted, 0.5)),
      'lag p99 ms': fmt(percentile(sorted, 0.99)),
    },
  };
}

/** The live counters a marketer watches, asked right after the load (their window holds all of it). */
async function timeLiveCounters(url: string): Promise<{ medianMs: number; events: number; activeUsers: number }> {
  const times: number[] = [];
  let answer: { events: number; activeUsers: number } = { events: 0, activeUsers: 0 };
  for (let request = 0; request < 5; request += 1) {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ activity(window: LAST_15_MINUTES) { activeUsers events { total } topProducts { product { id } score } topInterests { interest { id } score } } }',
      }),
    });
    const body = (await response.json()) as { data?: { activity?: { activeUsers: number; events: { total: number } } } };
    times.push(performance.now() - started);
    answer = { events: body.data?.activity?.events.total ?? 0, activeUsers: body.data?.activity?.activeUsers ?? 0 };
  }
  return {
    medianMs: percentile(
      [...times].sort((a, b) => a - b),
      0.5,
    ),
    ...answer,
  };
}

async function main(): Promise<void> {
  const { database, logger, config } = await openBenchDatabase('bench-stream', 7712, {
    PORT: String(await freePort()),
    API_KEYS: '',
    ALLOW_NO_API_KEYS: 'true',
  });
  const kafkaConfig = loadConfig({ KAFKA_LOCAL_INSTANCE: 'bench-stream', KAFKA_LOCAL_PORT: '19292', KAFKA_LOCAL_PARTITIONS: '4', ...process.env });
  const brokers = kafkaConfig.localKafka ? (await startLocalKafka(kafkaConfig.localKafka, logger)).brokers : kafkaConfig.kafka.brokers;
  const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: USERS, seed: SEED, now: new Date() });
  await wipe(database);
  process.stdout.write(`loading ${fmt(USERS)} synthetic users…\n`);
  await loadSyntheticGraph(database.db, graph, config, logger);
  const [count] = await database.db.query(ingestQueries.countUsers, {});
  const deps = createAppDeps(database.db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  const writer = graphEventWriter(deps);
  const batchSize = config.limits.maxBatchSize;
  const run = Date.now().toString(36);
  const rows: Record<string, string | number>[] = [];
  process.stdout.write(`graph: ${fmt(toSafeNumber(count?.users ?? 0))} users, ${fmt(graph.productCount)} products; batches of ${fmt(batchSize)}\n`);

  // Warm-up (not measured): the first batches after a load pay for cold pages and query planning.
  const makeWarmUp = eventMaker(graph, 9);
  for (let batch = 0; batch < 3; batch += 1) {
    const at = Date.now() - 86_400_000;
    await writer(Array.from({ length: batchSize }, (_, index) => toEvent(makeWarmUp(at + index))));
  }

  // 1. Direct.
  const makeDirect = eventMaker(graph, 1);
  const base = Date.now();
  const direct = Array.from({ length: EVENTS }, (_, index) => toEvent(makeDirect(base + index)));
  let started = performance.now();
  for (let from = 0; from < direct.length; from += batchSize) await writer(direct.slice(from, from + batchSize));
  const directRate = EVENTS / ((performance.now() - started) / 1000);
  rows.push({ path: 'recordEvents, direct', events: fmt(EVENTS), 'events/s': fmt(directRate), ratio: '1.00', 'lag p50 ms': '', 'lag p99 ms': '' });

  // 2. Backlog through the topic.
  const producer = new Producer({ clientId: 'bench-stream-producer', bootstrapBrokers: [...brokers], acks: 1, retries: 10, retryDelay: 300 });
  const backlogTopic = `bench-events-${run}-backlog`;
  await createTopic(brokers, backlogTopic, 4);
  const makeBacklog = eventMaker(graph, 2);
  started = performance.now();
  for (let from = 0; from < EVENTS; from += 5_000) {
    const base2 = Date.now();
    await produce(
      producer,
      backlogTopic,
      Array.from({ length: Math.min(5_000, EVENTS - from) }, (_, index) => makeBacklog(base2 + from + index)),
    );
  }
  const produceRate = EVENTS / ((performance.now() - started) / 1000);
  const consumerOptions = { brokers, groupId: `bench-${run}`, maxBatchSize: batchSize, lingerMs: 100 };
  const backlog = new EventStreamConsumer({ ...consumerOptions, topic: backlogTopic }, writer, logger);
  started = performance.now();
  await backlog.start();
  const drained = await waitFor(() => backlog.stats.messages >= EVENTS, 600_000);
  const streamRate = backlog.stats.messages / ((performance.now() - started) / 1000);
  await backlog.stop();
  rows.push({
    path: `Kafka topic → graph (backlog${drained ? '' : ', TIMED OUT'})`,
    events: fmt(backlog.stats.messages),
    'events/s': fmt(streamRate),
    ratio: (streamRate / directRate).toFixed(2),
    'lag p50 ms': '',
    'lag p99 ms': '',
  });

  // 3. Lag at a steady rate, read through the API: at the goal's rate, and at 60 % of what the backlog ran at.
  const front = await listenApi(buildApiServer(deps), deps);
  const lag = { producer, url: front.url, graph, brokers, writer, logger, consumerOptions, directRate, run };
  const lagRuns = [await measureLag(lag, RATE, 3), await measureLag(lag, Math.max(100, Math.round(0.6 * streamRate)), 4)];
  rows.push(...lagRuns.map((lagRun) => lagRun.row));
  const counters = await timeLiveCounters(front.url);
  await producer.close();
  await front.close(1_000);
  const probes = lagRuns.map((lagRun) => `${fmt(lagRun.seen)} of ${fmt(lagRun.probes)}`).join(', ');
  const deadLettered = backlog.stats.deadLettered + lagRuns.reduce((sum, lagRun) => sum + lagRun.stats.deadLettered, 0);
  const retries = backlog.stats.retries + lagRuns.reduce((sum, lagRun) => sum + lagRun.stats.retries, 0);
  process.stdout.write(
    `\n${table(rows)}\n\nproducer (acks=1, batches of 5,000): ${fmt(produceRate)} events/s; lag probes seen: ${probes}; ` +
      `dead letters: ${fmt(deadLettered)}; retries: ${fmt(retries)}; ` +
      `peak RSS of this process (API, consumer, producer): ${fmt(process.resourceUsage().maxRSS / 1024)} MiB\n` +
      `activity(window: LAST_15_MINUTES) right after (${fmt(counters.events)} events, ${fmt(counters.activeUsers)} active users in the window): ` +
      `median ${fmt(counters.medianMs)} ms over 5 requests\n` +
      `goal: ≥ 10,000 events/s sustained, lag p99 ≤ 2,000 ms\n`,
  );
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
