/**
 * Delivering a campaign to a webhook (src/campaigns/delivery.ts, webhook.ts). A receiver in
 * this process checks every body's signature and counts idempotency keys. The proof the issue
 * asks for: `profile-graph campaigns deliver` killed with SIGKILL half-way and started again
 * delivers every member to contact exactly once as the receiver sees it (by key), loses none,
 * and sends again at most the page that was in flight. Also: retries through 503s, dead
 * letters for a batch the target refuses, consent withdrawn after the launch.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assignArm } from '../../../src/campaigns/assignment.js';
import { deliverCampaign } from '../../../src/campaigns/delivery.js';
import { completeDueCampaigns } from '../../../src/campaigns/completion.js';
import { deliveryCounts } from '../../../src/campaigns/delivery-counts.js';
import { CampaignsService } from '../../../src/campaigns/service.js';
import { DEFAULT_RETRY, SIGNATURE_HEADER, webhookSender } from '../../../src/campaigns/webhook.js';
import { pagesOf } from '../../helpers/campaigns.js';
import { runCli } from '../../helpers/child-process.js';
import { useTestDatabase } from '../../helpers/test-db.js';
import { testServer } from '../../helpers/test-server.js';

const SECRET = 'a-test-secret-of-some-length';
const NOW = new Date('2026-06-01T00:00:00Z');

interface Receiver {
  url: string;
  keys: string[];
  batches: number;
  badSignatures: number;
  /** How to answer the next request (default 200). */
  answer: () => number;
  server: Server;
}

async function startReceiver(delayMs = 0): Promise<Receiver> {
  const receiver: Receiver = { url: '', keys: [], batches: 0, badSignatures: 0, answer: () => 200, server: createServer() };
  receiver.server.on('request', (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const status = receiver.answer();
      setTimeout(() => {
        if (status === 200) {
          const [t, v1] = String(request.headers[SIGNATURE_HEADER.toLowerCase()] ?? '')
            .split(',')
            .map((part) => part.split('=')[1] ?? '');
          const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest();
          const given = Buffer.from(v1 ?? '', 'hex');
          if (given.length !== expected.length || !timingSafeEqual(given, expected)) receiver.badSignatures += 1;
          const parsed = JSON.parse(body) as { members: { idempotencyKey: string }[] };
          receiver.keys.push(...parsed.members.map((member) => member.idempotencyKey));
          receiver.batches += 1;
        }
        response.statusCode = status;
        response.end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

const DRAFT = {
  name: 'Reach',
  arms: [
    { name: 'A', share: 0.5, channel: 'webhook:crm', template: 'a' },
    { name: 'B', share: 0.4, channel: 'webhook:crm', template: 'b' },
  ],
  goal: { kind: 'PURCHASE' as const, withinDays: 7 },
};

describe('campaign delivery', () => {
  const t = useTestDatabase();
  let receiver: Receiver | null = null;
  afterEach(() => receiver?.server.close());

  const launched = async (users: number) => {
    await t.cypher(`UNWIND range(1, $n) AS i CREATE (:User {id: 'u' + right('0000' + i, 5), consentProfiling: true, consentMarketing: true})`, { n: users });
    const service = new CampaignsService(t.db, { channels: ['webhook:crm'], frequencyCap: { contacts: 3, days: 7 } });
    const campaign = await service.create(DRAFT, NOW);
    const ids = Array.from({ length: users }, (_, i) => `u${String(i + 1).padStart(5, '0')}`);
    await service.launch(campaign.id, pagesOf(ids), NOW);
    const toContact = ids.filter((id) => assignArm(campaign.id, id, campaign.shares) !== 'control');
    return { service, campaign: (await service.byId(campaign.id))!, toContact };
  };

  it('killed with SIGKILL half-way and started again, delivers every member once by key and loses none', async () => {
    receiver = await startReceiver(40);
    const { campaign, toContact } = await launched(6_000);
    const connection = testServer();
    const deliver = () =>
      runCli(['campaigns', 'deliver', campaign.id], {
        ...process.env,
        NEO4J_URI: connection.uri,
        NEO4J_USERNAME: connection.username,
        NEO4J_PASSWORD: connection.password,
        LOG_LEVEL: 'warn',
        CAMPAIGN_WEBHOOKS: JSON.stringify({ crm: receiver!.url }),
        CAMPAIGN_WEBHOOK_SECRET: SECRET,
      });

    const first = deliver();
    let exited: { code: number | null; stderr: string } | null = null;
    void first.done.then((result) => (exited = result));
    while (receiver.batches < 4) {
      if (exited) throw new Error(`the delivery ended before it could be killed: ${JSON.stringify(exited)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const afterKill = await deliveryCounts(t.db, campaign.id);
    expect(afterKill.pending).toBeGreaterThan(0); // it really stopped half-way

    const second = await deliver().done;
    expect(second.code, second.stderr).toBe(0);
    const unique = new Set(receiver.keys);
    const expected = toContact.map((id) => `${campaign.id}:${assignArm(campaign.id, id, campaign.shares)}:${id}`);
    expect([...unique].sort()).toEqual(expected.sort());
    expect(receiver.keys.length - unique.size).toBeLessThanOrEqual(1_000); // at most the page in flight, sent again
    expect(receiver.badSignatures).toBe(0);
    expect(await deliveryCounts(t.db, campaign.id)).toEqual({ pending: 0, contacted: toContact.length, failed: 0 });
  }, 120_000);

  it('retries through 503s, puts a refused batch in the dead letters, and leaves out who withdrew consent', async () => {
    receiver = await startReceiver();
    const { campaign, toContact } = await launched(300);
    await t.cypher(`MATCH (u:User {id: $id}) SET u.consentMarketing = false`, { id: toContact[0] });
    let requests = 0;
    receiver.answer = () => {
      requests += 1;
      return requests <= 2 ? 503 : requests === 3 ? 400 : 200;
    };
    const fast = { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 5 };
    const progress = await deliverCampaign(
      t.db,
      campaign,
      { 'webhook:crm': webhookSender({ url: receiver.url, secret: SECRET }, fast) },
      { now: () => NOW, canReadPii: false, pageSize: 100 },
    );
    // The first batch: 503, 503, then 400 (refused for good) → a dead letter; every later one accepted.
    const [letter] = await t.cypher<{ attempts: number; error: string; users: number }>(
      'MATCH (d:DeliveryDeadLetter {campaignId: $id}) RETURN d.attempts AS attempts, d.error AS error, size(d.userIds) AS users',
      { id: campaign.id },
    );
    expect(Number(letter?.attempts)).toBe(3);
    expect(letter?.error).toMatch(/refused the batch: HTTP 400/);
    expect(progress.failed).toBe(Number(letter?.users));
    expect(progress.withdrawn).toBe(1);
    expect(progress.contacted + progress.failed + progress.withdrawn).toBe(toContact.length);
    expect(new Set(receiver.keys).size).toBe(progress.contacted);
    expect(await deliveryCounts(t.db, campaign.id)).toEqual({ pending: 0, contacted: progress.contacted, failed: progress.failed });
    const [left] = await t.cypher<{ leftOut: string }>('MATCH (:User {id: $id})-[m:IN_CAMPAIGN]->() RETURN m.leftOut AS leftOut', { id: toContact[0] });
    expect(left?.leftOut).toBe('NO_MARKETING_CONSENT');
  });

  it('is DONE once every member is delivered and the goal window has closed, not before', async () => {
    const { service, campaign } = await launched(300);
    const accept = { 'webhook:crm': async () => {} };
    const day = 86_400_000;
    const afterWindow = new Date(NOW.getTime() + 8 * day);
    // Members still pending keep it running, window closed or not.
    expect(await completeDueCampaigns(t.db, afterWindow)).toEqual([]);
    await deliverCampaign(t.db, campaign, accept, { now: () => NOW, canReadPii: false });
    expect((await service.byId(campaign.id))?.status).toBe('RUNNING');
    expect(await completeDueCampaigns(t.db, new Date(NOW.getTime() + 6 * day))).toEqual([]);
    expect(await completeDueCampaigns(t.db, afterWindow)).toEqual([campaign.id]);
    expect(await service.byId(campaign.id)).toMatchObject({ status: 'DONE', doneAt: afterWindow.toISOString() });
    expect(await completeDueCampaigns(t.db, afterWindow)).toEqual([]);
    await expect(deliverCampaign(t.db, (await service.byId(campaign.id))!, accept, { now: () => afterWindow, canReadPii: false })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });

    // Delivered after its window closed: DONE with its last page.
    const late = await service.create(DRAFT, NOW);
    await service.launch(late.id, pagesOf(['u00001', 'u00002', 'u00003']), NOW);
    await deliverCampaign(t.db, (await service.byId(late.id))!, accept, { now: () => afterWindow, canReadPii: false });
    expect((await service.byId(late.id))?.status).toBe('DONE');
  });

  it('stops at the next page when the campaign is cancelled while it is delivered', async () => {
    const { service, campaign } = await launched(1_000);
    let batches = 0;
    const progress = await deliverCampaign(
      t.db,
      campaign,
      {
        'webhook:crm': async () => {
          batches += 1;
          if (batches === 1) await service.cancel(campaign.id, NOW);
        },
      },
      { now: () => NOW, canReadPii: false, pageSize: 100 },
    );
    // The first page's arms were sent (one batch per arm), then no page followed.
    expect(batches).toBeLessThanOrEqual(2);
    expect(progress.contacted).toBeLessThanOrEqual(100);
    expect((await deliveryCounts(t.db, campaign.id)).pending).toBeGreaterThan(700);
  });
});
