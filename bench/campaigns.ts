/**
 * npm run bench:campaigns — issue 38: are the campaign statistics calibrated, and how fast do
 * launch and delivery go?
 *
 * 1. Calibration by simulation (no database): BENCH_CAMPAIGN_RUNS seeded campaigns (default
 *    2,000; the Monte Carlo error of a coverage is then ±0.5 %) of two arms with a planted uplift: how often the 95 % Newcombe interval and the
 *    always-valid (mSPRT) interval cover it (goal 93–97 % for the fixed-horizon one, ≥ 95 % for
 *    the always-valid one); and under no effect, read every day for 14 days, how often each
 *    test declares a winner at some look (goal ≤ 5 % for the always-valid test; the fixed-horizon
 *    test peeked daily is printed beside it, as the peer it replaces).
 * 2. Launch: BENCH_CAMPAIGN_USERS users (default 100,000) in the bench's own Neo4j ("bench-campaigns",
 *    port 7716), launched to three arms (goal: ≤ 10 s at 100,000).
 * 3. Delivery of the same audience through each channel, one campaign per channel: a webhook
 *    receiver on loopback in this process (signature checked, keys counted), a Kafka topic on the
 *    local broker (instance bench-campaigns, port 19294; or KAFKA_BROKERS) read back to the end,
 *    and id files in a temporary folder: members/s (goal ≥ 20,000/s), peak RSS, and at each
 *    receiver 0 missing and 0 duplicate keys.
 * 4. Killed and restarted: one more webhook campaign to the same audience, delivered by the CLI
 *    (`campaigns deliver`) in a child process that is sent SIGKILL once the receiver holds half
 *    its members, then run again: every member arrives (0 missing), and what came twice (the
 *    page in flight) is dropped by its idempotency key.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Consumer, stringDeserializers } from '@platformatic/kafka';
import { assignArm } from '../src/campaigns/assignment.js';
import { deliverCampaign } from '../src/campaigns/delivery.js';
import { fileSender } from '../src/campaigns/file-channel.js';
import { kafkaSender } from '../src/campaigns/kafka-channel.js';
import { closeSenders } from '../src/campaigns/senders.js';
import { loadConfig } from '../src/config.js';
import { startLocalKafka } from '../src/local-kafka/server.js';
import { pagesOf } from '../tests/helpers/campaigns.js';
import { runCli } from '../tests/helpers/child-process.js';
import { createTopic } from '../tests/helpers/kafka.js';
import { CampaignsService } from '../src/campaigns/service.js';
import { differenceVariance, mixtureSequentialTest, newcombeDifference, normalQuantile } from '../src/campaigns/statistics.js';
import { SIGNATURE_HEADER, webhookSender } from '../src/campaigns/webhook.js';
import { trackPeakMemory } from '../src/ingest/importer.js';
import { createRandom } from '../src/lib/random.js';
import { fmt, markBenchOwned, openBenchDatabase, table, wipe } from './common.js';

const RUNS = Number(process.env['BENCH_CAMPAIGN_RUNS'] ?? 2_000);
const USERS = Number(process.env['BENCH_CAMPAIGN_USERS'] ?? 100_000);
const SECRET = 'bench-campaigns-secret';

/** Binomial(n, p) by the normal approximation with continuity (n·p ≥ 50 here), clamped to [0, n]. */
function binomial(random: () => number, n: number, p: number): number {
  const draw = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, random()))));
  return Math.min(n, Math.max(0, draw));
}

function calibration(): Record<string, string | number>[] {
  const base = 0.05;
  const uplift = 0.01;
  const perDay = 2_000; // users per arm per day
  const days = 14;
  const z = normalQuantile(0.975);
  // The mixture's scale: effects of about 20 % of the base rate (Johari et al. pick τ from the effects expected).
  const tau2 = (0.2 * base) ** 2;
  let covered = 0;
  let coveredAlwaysValid = 0;
  let peekedFixed = 0;
  let peekedAlwaysValid = 0;
  let finalFixed = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const random = createRandom(run + 1);
    // An effect: one look at the end.
    const n = perDay * days;
    const treatment = { converted: binomial(random, n, base + uplift), assigned: n };
    const control = { converted: binomial(random, n, base), assigned: n };
    const interval = newcombeDifference(treatment, control);
    if (interval.low <= uplift && uplift <= interval.high) covered += 1;
    const difference = treatment.converted / n - control.converted / n;
    const sequential = mixtureSequentialTest(difference, differenceVariance(treatment, control), tau2);
    if (sequential.interval.low <= uplift && uplift <= sequential.interval.high) coveredAlwaysValid += 1;
    // No effect, read every day.
    const a = { converted: 0, assigned: 0 };
    const b = { converted: 0, assigned: 0 };
    let rejectedFixed = false;
    let rejectedAlwaysValid = false;
    for (let day = 1; day <= days; day += 1) {
      a.converted += binomial(random, perDay, base);
      b.converted += binomial(random, perDay, base);
      a.assigned += perDay;
      b.assigned += perDay;
      const variance = differenceVariance(a, b);
      const d = a.converted / a.assigned - b.converted / b.assigned;
      if (Math.abs(d) > z * Math.sqrt(variance)) {
        rejectedFixed = true;
        if (day === days) finalFixed += 1;
      }
      if (mixtureSequentialTest(d, variance, tau2).pValue < 0.05) rejectedAlwaysValid = true;
    }
    if (rejectedFixed) peekedFixed += 1;
    if (rejectedAlwaysValid) peekedAlwaysValid += 1;
  }
  const pct = (count: number) => `${((100 * count) / RUNS).toFixed(1)} %`;
  return [
    { figure: `coverage of the planted uplift, Newcombe 95 % (${RUNS} runs)`, value: pct(covered), goal: '93–97 %' },
    { figure: 'coverage, always-valid (mSPRT) interval', value: pct(coveredAlwaysValid), goal: '≥ 95 %' },
    { figure: 'no effect, read daily for 14 days: always-valid test rejects', value: pct(peekedAlwaysValid), goal: '≤ 5 %' },
    { figure: 'no effect, read daily: fixed-horizon test rejects (the peer)', value: pct(peekedFixed), goal: '— (inflated)' },
    { figure: 'no effect, read once at day 14: fixed-horizon test rejects', value: pct(finalFixed), goal: '≈ 5 %' },
  ];
}

/** A campaign of arms A and B (45 % each) on `channel`, launched to `ids`: the launch's seconds and who is to be contacted. */
async function launchTo(service: CampaignsService, channel: string, ids: string[]) {
  const campaign = await service.create(
    {
      name: `bench ${channel}`,
      arms: [
        { name: 'A', share: 0.45, channel, template: 'a' },
        { name: 'B', share: 0.45, channel, template: 'b' },
      ],
      goal: { kind: 'PURCHASE', withinDays: 7 },
    },
    new Date(),
  );
  const started = performance.now();
  await service.launch(campaign.id, pagesOf(ids), new Date());
  const seconds = (performance.now() - started) / 1000;
  const launched = await service.byId(campaign.id);
  const expected = new Set(
    ids
      .filter((id) => assignArm(campaign.id, id, launched?.shares ?? []) !== 'control')
      .map((id) => `${campaign.id}:${assignArm(campaign.id, id, launched?.shares ?? [])}:${id}`),
  );
  return { launched, seconds, expected };
}

/** Keys of every message on the topic, read back until `expected` arrived or 60 s passed without one. */
async function readKeys(brokers: readonly string[], topic: string, expected: number): Promise<{ keys: Set<string>; messages: number }> {
  const consumer = new Consumer({
    groupId: `bench-campaigns-${Date.now()}`,
    clientId: 'bench-campaigns-reader',
    bootstrapBrokers: [...brokers],
    deserializers: stringDeserializers,
    maxWaitTime: 200,
  });
  const keys = new Set<string>();
  let messages = 0;
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    let last = Date.now();
    const idle = setInterval(() => {
      if (Date.now() - last > 60_000) void stream.close();
    }, 1_000);
    for await (const message of stream) {
      keys.add(message.key);
      messages += 1;
      last = Date.now();
      if (messages >= expected) break;
    }
    clearInterval(idle);
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  return { keys, messages };
}

async function launchAndDeliver(): Promise<Record<string, string | number>[]> {
  const { logger, database } = await openBenchDatabase('bench-campaigns', 7716, { NEO4J_LOCAL_HEAP: '2g', NEO4J_LOCAL_PAGECACHE: '2g' });
  const peak = trackPeakMemory();
  // Keys per campaign as the receiver saw them, and how many arrived again (dropped by key).
  const received = new Map<string, { keys: Set<string>; repeats: number }>();
  const receivedFor = (campaignId: string) => {
    let seen = received.get(campaignId);
    if (!seen) received.set(campaignId, (seen = { keys: new Set(), repeats: 0 }));
    return seen;
  };
  let badSignatures = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const [t, v1] = String(request.headers[SIGNATURE_HEADER.toLowerCase()] ?? '')
        .split(',')
        .map((part) => part.split('=')[1] ?? '');
      if (createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex') !== v1) badSignatures += 1;
      const batch = JSON.parse(body) as { campaignId: string; members: { idempotencyKey: string }[] };
      const seen = receivedFor(batch.campaignId);
      for (const member of batch.members) {
        if (seen.keys.has(member.idempotencyKey)) seen.repeats += 1;
        seen.keys.add(member.idempotencyKey);
      }
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const exportDir = await mkdtemp(path.join(tmpdir(), 'bench-campaign-files-'));
  try {
    await wipe(database);
    const ids = Array.from({ length: USERS }, (_, i) => `u${String(i).padStart(7, '0')}`);
    for (let start = 0; start < USERS; start += 50_000) {
      await database.db.mutate(
        { name: 'bench/campaign-users', text: 'UNWIND $ids AS id CREATE (:User {id: id, consentProfiling: true, consentMarketing: true})' },
        { ids: ids.slice(start, start + 50_000) },
      );
    }
    await markBenchOwned(database);
    // The local broker (instance bench-campaigns), or KAFKA_BROKERS.
    const kafkaConfig = loadConfig({ KAFKA_LOCAL_INSTANCE: 'bench-campaigns', KAFKA_LOCAL_PORT: '19294', KAFKA_LOCAL_PARTITIONS: '4', ...process.env });
    const brokers = kafkaConfig.localKafka ? (await startLocalKafka(kafkaConfig.localKafka, logger)).brokers : kafkaConfig.kafka.brokers;
    const topic = `bench-campaigns-${Date.now()}`;
    await createTopic(brokers, topic, 4);
    // Three campaigns to the same users, one per channel; the cap must let each contact them.
    const service = new CampaignsService(database.db, {
      channels: ['webhook:bench', `kafka:${topic}`, 'file:ids'],
      frequencyCap: { contacts: 10, days: 7 },
    });
    const senders = {
      'webhook:bench': webhookSender({ url, secret: SECRET }),
      [`kafka:${topic}`]: kafkaSender(brokers, topic),
      'file:ids': fileSender(exportDir, 'ids'),
    };
    const rows: Record<string, string | number>[] = [];
    for (const channel of Object.keys(senders)) {
      const { launched, seconds, expected } = await launchTo(service, channel, ids);
      rows.push({
        figure: `${channel}: launch of ${fmt(USERS)} members (assignment, suppression, memberships written)`,
        value: `${seconds.toFixed(1)} s`,
        goal: '≤ 10 s at 100,000',
      });
      const deliveryStarted = performance.now();
      const progress = await deliverCampaign(database.db, launched, senders, { now: () => new Date(), canReadPii: false });
      const deliverySeconds = (performance.now() - deliveryStarted) / 1000;
      rows.push({
        figure: `${channel}: delivery of ${fmt(progress.contacted)} members`,
        value: `${fmt(Math.round(progress.contacted / deliverySeconds))}/s`,
        goal: '≥ 20,000/s',
      });
      let got: { keys: Set<string>; extra: number; bad: number };
      if (channel === 'webhook:bench') {
        const seen = receivedFor(launched?.id ?? '');
        got = { keys: seen.keys, extra: seen.repeats, bad: badSignatures };
      } else if (channel.startsWith('kafka:')) {
        const read = await readKeys(brokers, topic, expected.size);
        got = { keys: read.keys, extra: read.messages - read.keys.size, bad: 0 };
      } else {
        const folder = path.join(exportDir, launched?.id ?? '');
        const keys = new Set<string>();
        let lines = 0;
        for (const name of await readdir(folder)) {
          for (const line of (await readFile(path.join(folder, name), 'utf8')).trimEnd().split('\n').slice(1)) {
            keys.add(JSON.parse(line.split(',')[0] as string) as string);
            lines += 1;
          }
        }
        got = { keys, extra: lines - keys.size, bad: 0 };
      }
      const missing = [...expected].filter((key) => !got.keys.has(key)).length;
      rows.push({
        figure: `${channel}: at the receiver, missing / duplicate keys${channel.startsWith('webhook') ? ' / bad signatures' : ''}`,
        value: `${missing} / ${got.extra}${channel.startsWith('webhook') ? ` / ${got.bad}` : ''}`,
        goal: '0 / 0',
      });
    }
    await closeSenders(senders);
    rows.push(...(await killedAndRestarted(service, ids, url, receivedFor)));
    rows.push({ figure: 'peak RSS of this process (receivers included)', value: `${fmt(peak())} MB`, goal: '—' });
    return rows;
  } finally {
    server.close();
    await rm(exportDir, { recursive: true, force: true });
    await database.close();
  }
}

/**
 * The CLI's delivery of a webhook campaign killed with SIGKILL half-way, then run again: what the
 * receiver holds at the end. The child finds the bench's Neo4j already running (or NEO4J_URI)
 * and leaves it so.
 */
async function killedAndRestarted(
  service: CampaignsService,
  ids: string[],
  url: string,
  receivedFor: (campaignId: string) => { keys: Set<string>; repeats: number },
): Promise<Record<string, string | number>[]> {
  const { launched, expected } = await launchTo(service, 'webhook:bench', ids);
  const campaignId = launched?.id ?? '';
  const deliver = () =>
    runCli(['campaigns', 'deliver', campaignId], {
      NEO4J_LOCAL_INSTANCE: 'bench-campaigns',
      NEO4J_LOCAL_BOLT_PORT: '7716',
      ...process.env,
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'false',
      CAMPAIGN_WEBHOOKS: JSON.stringify({ bench: url }),
      CAMPAIGN_WEBHOOK_SECRET: SECRET,
    });
  const seen = receivedFor(campaignId);
  const started = performance.now();
  const first = deliver();
  let exited = false;
  void first.done.then(() => (exited = true));
  while (seen.keys.size < expected.size / 2 && !exited) await new Promise((resolve) => setTimeout(resolve, 20));
  first.child.kill('SIGKILL');
  const killed = await first.done;
  if (killed.signal !== 'SIGKILL') throw new Error(`the delivery ended before it could be killed (exit ${killed.code}): ${killed.stderr}`);
  const atKill = seen.keys.size;
  const second = await deliver().done;
  if (second.code !== 0) throw new Error(`the restarted delivery failed (exit ${second.code}): ${second.stderr}`);
  const seconds = (performance.now() - started) / 1000;
  const missing = [...expected].filter((key) => !seen.keys.has(key)).length;
  return [
    {
      figure: `webhook, killed (SIGKILL) at ${fmt(atKill)} of ${fmt(expected.size)} members, restarted: missing / extra keys as the receiver keeps them`,
      value: `${missing} / ${seen.keys.size - expected.size + missing}`,
      goal: '0 / 0',
    },
    { figure: 'webhook, killed and restarted: members sent again (the page in flight, dropped by key)', value: fmt(seen.repeats), goal: '≤ 1,000' },
    { figure: 'webhook, killed and restarted: both runs, CLI start-up included', value: `${fmt(Math.round(expected.size / seconds))}/s`, goal: '—' },
  ];
}

async function main(): Promise<void> {
  process.stdout.write(`# bench:campaigns\n\n## Calibration by simulation\n\n${table(calibration())}\n\n`);
  // BENCH_CAMPAIGN_USERS=0: the calibration alone, no database.
  if (USERS > 0) process.stdout.write(`## Launch and delivery (${fmt(USERS)} users)\n\n${table(await launchAndDeliver())}\n`);
}

await main();
