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
 * 3. Delivery to a webhook receiver on loopback in this process (signature checked, keys counted):
 *    members/s (goal ≥ 20,000/s), peak RSS, and at the receiver 0 missing and 0 duplicate keys.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assignArm } from '../src/campaigns/assignment.js';
import { deliverCampaign } from '../src/campaigns/delivery.js';
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

async function launchAndDeliver(): Promise<Record<string, string | number>[]> {
  const { database } = await openBenchDatabase('bench-campaigns', 7716, { NEO4J_LOCAL_HEAP: '2g', NEO4J_LOCAL_PAGECACHE: '2g' });
  const peak = trackPeakMemory();
  const received = new Set<string>();
  let duplicates = 0;
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
      for (const member of (JSON.parse(body) as { members: { idempotencyKey: string }[] }).members) {
        if (received.has(member.idempotencyKey)) duplicates += 1;
        received.add(member.idempotencyKey);
      }
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
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
    const service = new CampaignsService(database.db, { channels: ['webhook:bench'], frequencyCap: { contacts: 3, days: 7 } });
    const campaign = await service.create(
      {
        name: 'bench',
        arms: [
          { name: 'A', share: 0.45, channel: 'webhook:bench', template: 'a' },
          { name: 'B', share: 0.45, channel: 'webhook:bench', template: 'b' },
        ],
        goal: { kind: 'PURCHASE', withinDays: 7 },
      },
      new Date(),
    );
    const launchStarted = performance.now();
    await service.launch(
      campaign.id,
      (async function* () {
        for (let start = 0; start < USERS; start += 10_000) yield ids.slice(start, start + 10_000);
      })(),
      new Date(),
    );
    const launchSeconds = (performance.now() - launchStarted) / 1000;
    const launched = await service.byId(campaign.id);
    const deliveryStarted = performance.now();
    const progress = await deliverCampaign(database.db, launched, { 'webhook:bench': webhookSender({ url, secret: SECRET }) }, { now: () => new Date() });
    const deliverySeconds = (performance.now() - deliveryStarted) / 1000;
    const expected = ids.filter((id) => assignArm(campaign.id, id, launched?.shares ?? []) !== 'control').length;
    return [
      {
        figure: `launch of ${fmt(USERS)} members (assignment, suppression, memberships written)`,
        value: `${launchSeconds.toFixed(1)} s`,
        goal: '≤ 10 s at 100,000',
      },
      {
        figure: `delivery to a loopback webhook: ${fmt(progress.contacted)} members`,
        value: `${fmt(Math.round(progress.contacted / deliverySeconds))}/s`,
        goal: '≥ 20,000/s',
      },
      {
        figure: 'at the receiver: missing / duplicate keys / bad signatures',
        value: `${expected - received.size} / ${duplicates} / ${badSignatures}`,
        goal: '0 / 0 / 0',
      },
      { figure: 'peak RSS of this process (receiver included)', value: `${fmt(peak())} MB`, goal: '—' },
    ];
  } finally {
    server.close();
    await database.close();
  }
}

async function main(): Promise<void> {
  process.stdout.write(`# bench:campaigns\n\n## Calibration by simulation\n\n${table(calibration())}\n\n`);
  // BENCH_CAMPAIGN_USERS=0: the calibration alone, no database.
  if (USERS > 0) process.stdout.write(`## Launch and delivery (${fmt(USERS)} users)\n\n${table(await launchAndDeliver())}\n`);
}

await main();
