/**
 * The file and Kafka channels (src/campaigns/file-channel.ts, kafka-channel.ts). Files: one CSV
 * per arm and page, in the segment exports' hashing; a member without an e-mail or phone cannot
 * be matched and becomes a dead letter, never a silent gap; a page delivered again replaces its
 * own file. Kafka: one message per member keyed by its idempotency key on the local broker;
 * every member to contact arrives, and a page sent again is dropped by key.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assignArm } from '../../../src/campaigns/assignment.js';
import { deliverCampaign } from '../../../src/campaigns/delivery.js';
import { deliveryCounts } from '../../../src/campaigns/delivery-counts.js';
import { batchFileName, fileSender } from '../../../src/campaigns/file-channel.js';
import { kafkaSender } from '../../../src/campaigns/kafka-channel.js';
import { campaignChannels, campaignSenders, closeSenders } from '../../../src/campaigns/senders.js';
import { CampaignsService } from '../../../src/campaigns/service.js';
import { loadConfig } from '../../../src/config.js';
import { maskEmail } from '../../../src/graphql/auth.js';
import { createTopic, readAll, useTestKafka } from '../../helpers/kafka.js';
import { pagesOf } from '../../helpers/campaigns.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('campaign channels: files and Kafka', () => {
  const t = useTestDatabase();
  const folders: string[] = [];
  afterAll(async () => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  /** `users` consenting users, every fifth without e-mail or phone; a launched campaign with arms A and B on `channels`. */
  const launched = async (users: number, channels: [string, string]) => {
    await t.cypher(
      `UNWIND range(1, $n) AS i
       CREATE (:User {id: 'u' + right('0000' + i, 5), consentProfiling: true, consentMarketing: true,
                      email: CASE WHEN i % 5 = 0 THEN null ELSE ' User' + i + '@Example.com ' END,
                      phone: CASE WHEN i % 5 = 0 OR i % 2 = 0 THEN null ELSE '+4915112345' + right('000' + i, 3) END})`,
      { n: users },
    );
    const service = new CampaignsService(t.db, { channels, frequencyCap: { contacts: 3, days: 7 } });
    const campaign = await service.create(
      {
        name: 'Reach',
        arms: [
          { name: 'A', share: 0.5, channel: channels[0], template: 'a' },
          { name: 'B', share: 0.4, channel: channels[1], template: 'b' },
        ],
        goal: { kind: 'PURCHASE' as const, withinDays: 7 },
      },
      NOW,
    );
    const ids = Array.from({ length: users }, (_, i) => `u${String(i + 1).padStart(5, '0')}`);
    await service.launch(campaign.id, pagesOf(ids), NOW);
    const full = (await service.byId(campaign.id))!;
    const armOf = (id: string) => assignArm(campaign.id, id, full.shares);
    return { campaign: full, ids, armOf, toContact: ids.filter((id) => armOf(id) !== 'control') };
  };

  it('names every configured channel, and only those', () => {
    const config = loadConfig({ CAMPAIGN_WEBHOOKS: '{"crm": "https://crm.example/hooks"}', CAMPAIGN_KAFKA_TOPICS: 'offers, coupons' });
    expect(campaignChannels(config.campaigns)).toEqual(['webhook:crm', 'kafka:offers', 'kafka:coupons', 'file:google', 'file:meta', 'file:ids']);
    expect(() => loadConfig({ CAMPAIGN_KAFKA_TOPICS: 'offers,bad topic' })).toThrow(/"bad topic" is not/);
    expect(loadConfig({ CAMPAIGN_CHANNEL_COSTS: '{"kafka:offers": 0.002}' }).campaigns.channelCosts).toEqual({ 'kafka:offers': 0.002 });
    expect(() => loadConfig({ CAMPAIGN_CHANNEL_COSTS: '{"crm": 0.01}' })).toThrow(/"crm" does not/);
    expect(() => loadConfig({ CAMPAIGN_CHANNEL_COSTS: '{"webhook:crm": -1}' })).toThrow(/costs ≥ 0/);
    expect(loadConfig({ CAMPAIGN_PAYLOAD_FIELDS: '{"kafka:offers": ["emailSha256"]}' }).campaigns.payloadFields).toEqual({ 'kafka:offers': ['emailSha256'] });
    expect(() => loadConfig({ CAMPAIGN_PAYLOAD_FIELDS: '{"webhook:crm": ["address"]}' })).toThrow(/"webhook:crm" does not/);
    expect(() => loadConfig({ CAMPAIGN_PAYLOAD_FIELDS: '{"file:ids": ["email"]}' })).toThrow(/"file:ids" does not/);
  });

  it('gives a webhook the contact fields configured for it, masked for a role that may not read PII, and none an arm on a file channel reads', async () => {
    const bodies: { members: Record<string, unknown>[] }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(JSON.parse(body) as { members: Record<string, unknown>[] });
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(path.join(tmpdir(), 'campaign-files-'));
    folders.push(dir);
    try {
      const config = loadConfig({
        CAMPAIGN_EXPORT_DIR: dir,
        CAMPAIGN_WEBHOOKS: JSON.stringify({ crm: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` }),
        CAMPAIGN_WEBHOOK_SECRET: 'a-test-secret-of-some-length',
        CAMPAIGN_PAYLOAD_FIELDS: '{"webhook:crm": ["email", "phoneSha256"]}',
      });
      const { campaign, toContact, armOf } = await launched(200, ['file:google', 'webhook:crm']);
      const senders = campaignSenders(config.campaigns, []);
      await deliverCampaign(t.db, campaign, senders, { now: () => NOW, canReadPii: false, pageSize: 100 });
      await closeSenders(senders);

      const members = bodies.flatMap((body) => body.members);
      expect(members.map((member) => member['userId']).sort()).toEqual(toContact.filter((id) => armOf(id) === 'B').sort());
      for (const member of members) {
        const n = Number(String(member['userId']).slice(1));
        // Keys exactly: the file arm's raw e-mail and phone, read for its hashes, are not lent to the webhook.
        expect(Object.keys(member).sort()).toEqual(['email', 'idempotencyKey', 'phoneSha256', 'userId']);
        expect(member['email']).toBe(n % 5 === 0 ? null : maskEmail(` User${n}@Example.com `));
        expect(member['phoneSha256']).toBe(n % 5 === 0 || n % 2 === 0 ? null : sha256(`+4915112345${String(n).padStart(3, '0')}`));
      }
    } finally {
      server.close();
    }
  });

  it('writes one file per arm and page: hashed identifiers or ids, every member once, the unmatchable in dead letters', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'campaign-files-'));
    folders.push(dir);
    const { campaign, toContact, armOf } = await launched(500, ['file:google', 'file:ids']);
    const config = loadConfig({ CAMPAIGN_EXPORT_DIR: dir });
    const senders = campaignSenders(config.campaigns, []);
    const progress = await deliverCampaign(t.db, campaign, senders, { now: () => NOW, canReadPii: false, pageSize: 100 });
    await closeSenders(senders);

    const folder = path.join(dir, campaign.id);
    const files = (await readdir(folder)).sort();
    expect(files.every((name) => /^(A-google|B-ids)-[0-9a-f]{16}\.csv$/.test(name))).toBe(true);
    const rows = new Map<string, string[]>();
    for (const name of files) {
      const [header, ...lines] = (await readFile(path.join(folder, name), 'utf8')).trimEnd().split('\n');
      expect(header).toBe(name.startsWith('A-') ? 'idempotency_key,email_sha256,phone_sha256' : 'idempotency_key,user_id');
      for (const line of lines) {
        const [key, ...rest] = line.split(',');
        expect(rows.has(key as string)).toBe(false);
        rows.set(JSON.parse(key as string) as string, rest);
      }
    }
    // Arm A (Google): hashed, normalised; users without either identifier (every fifth) are dead letters.
    const unmatchable = toContact.filter((id) => armOf(id) === 'A' && Number(id.slice(1)) % 5 === 0);
    expect(unmatchable.length).toBeGreaterThan(0);
    for (const id of toContact) {
      const n = Number(id.slice(1));
      const written = rows.get(`${campaign.id}:${armOf(id)}:${id}`);
      if (armOf(id) === 'B') expect(written).toEqual([JSON.stringify(id)]);
      else if (n % 5 === 0) expect(written).toBeUndefined();
      else expect(written).toEqual([sha256(`user${n}@example.com`), n % 2 === 0 ? '' : sha256(`+4915112345${String(n).padStart(3, '0')}`)]);
    }
    expect(rows.size).toBe(toContact.length - unmatchable.length);
    expect(progress).toEqual({ contacted: rows.size, withdrawn: 0, failed: unmatchable.length });
    const letters = await t.cypher<{ users: string[]; error: string }>(
      'MATCH (d:DeliveryDeadLetter {campaignId: $id}) RETURN d.userIds AS users, d.error AS error',
      {
        id: campaign.id,
      },
    );
    expect(letters.flatMap((letter) => letter.users).sort()).toEqual([...unmatchable].sort());
    expect(letters.every((letter) => letter.error === 'no e-mail or phone to match on')).toBe(true);
    expect(await deliveryCounts(t.db, campaign.id)).toEqual({ pending: 0, contacted: rows.size, failed: unmatchable.length });

    // The first page sent again (as after a crash before it was marked) replaces its own file.
    const firstPage = path.join(folder, batchFileName({ arm: 'B', page: '' }, 'ids'));
    const before = await readFile(firstPage, 'utf8');
    const members = before
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map((cell) => JSON.parse(cell) as string))
      .map(([idempotencyKey, userId]) => ({ idempotencyKey: idempotencyKey as string, userId: userId as string }));
    expect(members.length).toBeGreaterThan(10);
    await fileSender(dir, 'ids')({ campaignId: campaign.id, arm: 'B', template: 'b', page: '', members });
    expect((await readdir(folder)).sort()).toEqual(files);
    expect(await readFile(firstPage, 'utf8')).toBe(before);
  });

  it('sends one message per member keyed by its idempotency key; a page sent again is dropped by key', async () => {
    const { brokers } = await useTestKafka();
    const topic = `campaign-test-${Date.now()}`;
    await createTopic(brokers, topic, 2);
    const { campaign, toContact, armOf } = await launched(400, [`kafka:${topic}`, `kafka:${topic}`]);
    const sender = kafkaSender(brokers, topic, ['emailSha256']);
    const progress = await deliverCampaign(t.db, campaign, { [`kafka:${topic}`]: sender }, { now: () => NOW, canReadPii: false, pageSize: 150 });
    expect(progress).toEqual({ contacted: toContact.length, withdrawn: 0, failed: 0 });
    // As after a crash between sending a page and marking it: the same members once more.
    const resent = toContact.filter((id) => armOf(id) === 'A').slice(0, 50);
    await sender({
      campaignId: campaign.id,
      arm: 'A',
      template: 'a',
      page: '',
      members: resent.map((id) => ({ userId: id, idempotencyKey: `${campaign.id}:${armOf(id)}:${id}` })),
    });
    await sender.close?.();

    const messages = await readAll(brokers, topic, toContact.length + resent.length);
    expect(messages).toHaveLength(toContact.length + resent.length);
    const byKey = new Map(messages.map((message) => [JSON.parse(message.value).idempotencyKey as string, JSON.parse(message.value) as Record<string, string>]));
    expect([...byKey.keys()].sort()).toEqual(toContact.map((id) => `${campaign.id}:${armOf(id)}:${id}`).sort());
    for (const [key, value] of byKey) {
      expect(value).toMatchObject({ campaignId: campaign.id, userId: key.split(':')[2], arm: armOf(key.split(':')[2] as string) });
      expect(value['template']).toBe(value['arm'] === 'A' ? 'a' : 'b');
      // The contact field configured for the topic, and nothing more (the resent page was built without one).
      const n = Number(key.split(':')[2]?.slice(1));
      if (!resent.includes(key.split(':')[2] as string)) expect(value['emailSha256']).toBe(n % 5 === 0 ? null : sha256(`user${n}@example.com`));
      expect(Object.keys(value).sort()).toEqual(
        ['arm', 'campaignId', 'idempotencyKey', 'template', 'userId', ...(resent.includes(key.split(':')[2] as string) ? [] : ['emailSha256'])].sort(),
      );
    }
  }, 120_000);
});
