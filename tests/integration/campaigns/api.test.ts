/**
 * Campaigns through GraphQL: draft, launch to a saved segment or a list of ids, read the
 * arms and the launch's counts; every bad input answered with its code, writes refused to a
 * read-only key, webhook channels only from configuration.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id status arms { name share control channel template } goal { kind withinDays } launch { notFound } } }`;
const LAUNCH = `mutation ($id: ID!, $audience: CampaignAudienceInput!) {
  launchCampaign(id: $id, audience: $audience) { id status launchedAt launch { assigned { arm users } leftOut { reason users } notFound } } }`;
const draft = (channel = 'webhook:crm') => ({
  name: 'Spring launch',
  arms: [{ name: 'A', share: 0.9, channel, template: 'spring-a' }],
  goal: { kind: 'PURCHASE', withinDays: 7 },
});
const code = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.['code'];

describe('campaigns API', () => {
  const exportDir = mkdtempSync(path.join(tmpdir(), 'campaign-api-files-'));
  const t = useTestDatabase({ CAMPAIGN_WEBHOOKS: '{"crm": "http://127.0.0.1:9/hooks", "erp": "http://127.0.0.1:9/erp"}', CAMPAIGN_EXPORT_DIR: exportDir });

  it('drafts, launches to a saved segment and to listed ids, and reports who was assigned and left out', async () => {
    await t.cypher(`UNWIND range(1, 40) AS i CREATE (:User {id: 'u' + i, consentProfiling: true, consentMarketing: i > 4})`);
    await t.cypher(`CREATE (s:Segment {id: 's1', name: 'imported', kind: 'IMPORTED', settings: '{}', seedSize: 0, size: 30, createdAt: datetime()})
                    WITH s UNWIND range(1, 30) AS i MATCH (u:User {id: 'u' + i}) CREATE (s)-[:INCLUDES {rank: i, score: 1.0}]->(u)`);
    expect((await t.graphql(`{ campaignChannels }`)).data?.campaignChannels).toEqual(['webhook:crm', 'webhook:erp', 'file:google', 'file:meta', 'file:ids']);

    const created = await t.graphql(CREATE, { input: draft() });
    expect(created.errors).toBeUndefined();
    const campaign = created.data?.createCampaign;
    expect(campaign).toMatchObject({ status: 'DRAFT', goal: { kind: 'PURCHASE', withinDays: 7 }, launch: null });
    expect(campaign.arms).toEqual([
      { name: 'control', share: 0.1, control: true, channel: null, template: null },
      { name: 'A', share: 0.9, control: false, channel: 'webhook:crm', template: 'spring-a' },
    ]);

    const launched = await t.graphql(LAUNCH, { id: campaign.id, audience: { segmentId: 's1' } });
    expect(launched.errors).toBeUndefined();
    const launch = launched.data?.launchCampaign;
    expect(launch.status).toBe('RUNNING');
    expect(launch.launchedAt).toEqual(expect.any(String));
    expect(launch.launch.leftOut).toEqual([{ reason: 'NO_MARKETING_CONSENT', users: 4 }]);
    expect(launch.launch.assigned.reduce((sum: number, arm: { users: number }) => sum + arm.users, 0)).toBe(26);
    expect(launch.launch.notFound).toBe(0);
    expect(code(await t.graphql(LAUNCH, { id: campaign.id, audience: { segmentId: 's1' } }))).toBe('CONFLICT');

    // The history is part of the profile: the arm, or why the user was left out.
    const HISTORY = `query ($ids: [ID!]!) { users(first: 10, filter: {ids: $ids}) { nodes { id campaigns { campaign { id name } arm leftOut assignedAt contactedAt deliveryFailed } } } }`;
    const history = await t.graphql(HISTORY, { ids: ['u2', 'u20', 'u39'] });
    expect(history.errors).toBeUndefined();
    const byId = new Map(history.data?.users.nodes.map((node: { id: string; campaigns: unknown[] }) => [node.id, node.campaigns]));
    expect(byId.get('u2')).toEqual([
      {
        campaign: { id: campaign.id, name: 'Spring launch' },
        arm: null,
        leftOut: 'NO_MARKETING_CONSENT',
        assignedAt: expect.any(String),
        contactedAt: null,
        deliveryFailed: false,
      },
    ]);
    expect(byId.get('u20')).toEqual([
      {
        campaign: { id: campaign.id, name: 'Spring launch' },
        arm: expect.stringMatching(/^(control|A)$/),
        leftOut: null,
        assignedAt: expect.any(String),
        contactedAt: null,
        deliveryFailed: false,
      },
    ]);
    expect(byId.get('u39')).toEqual([]); // not in the segment

    // Campaigns in segment rules: an arm's members, and nobody contacted yet (no delivery ran).
    const PREVIEW = `query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule, sampleSize: 0) { size } }`;
    const size = async (rule: unknown) => (await t.graphql(PREVIEW, { rule })).data?.previewSegment.size;
    const control = launch.launch.assigned.find((arm: { arm: string }) => arm.arm === 'control')?.users ?? 0;
    expect(await size({ campaign: { campaignId: campaign.id, arm: 'control' } })).toBe(control);
    expect(await size({ campaign: { campaignId: campaign.id } })).toBe(26);
    expect(await size({ campaign: { contacted: true } })).toBe(0);
    await t.cypher(`MATCH (:User {id: 'u20'})-[m:IN_CAMPAIGN]->() SET m.contactedAt = datetime() - duration({days: 20})`);
    expect(await size({ campaign: { contacted: true } })).toBe(1);
    expect(await size({ campaign: { contacted: true, withinDays: 14 } })).toBe(0);
    expect(await size({ and: [{ campaign: { campaignId: campaign.id } }, { not: { campaign: { contacted: true, withinDays: 30 } } }] })).toBe(25);

    const second = (await t.graphql(CREATE, { input: draft('webhook:erp') })).data?.createCampaign;
    const listed = await t.graphql(LAUNCH, { id: second.id, audience: { userIds: ['u35', 'u36', 'gone'] } });
    expect(listed.data?.launchCampaign.launch).toMatchObject({ leftOut: [], notFound: 1 });
  });

  it('answers bad input with codes, and refuses writes to a read-only key', async () => {
    expect(code(await t.graphql(CREATE, { input: { ...draft(), arms: [{ name: 'A', share: 0.5, channel: 'webhook:crm', template: 't' }] } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(code(await t.graphql(CREATE, { input: draft('webhook:http://evil.example') }))).toBe('BAD_USER_INPUT');
    expect(code(await t.graphql(CREATE, { input: draft() }, { role: 'analyst' }))).toBe('FORBIDDEN');
    const id = (await t.graphql(CREATE, { input: draft() })).data?.createCampaign.id;
    expect(code(await t.graphql(LAUNCH, { id, audience: {} }))).toBe('BAD_USER_INPUT');
    expect(code(await t.graphql(LAUNCH, { id, audience: { segmentId: 's1', userIds: ['u1'] } }))).toBe('BAD_USER_INPUT');
    expect(code(await t.graphql(LAUNCH, { id, audience: { userIds: [] } }))).toBe('BAD_USER_INPUT');
    expect(code(await t.graphql(LAUNCH, { id, audience: { segmentId: 'no-such-segment' } }))).toBe('NOT_FOUND');
    expect(code(await t.graphql(LAUNCH, { id, audience: { userIds: ['u1'] } }, { role: 'analyst' }))).toBe('FORBIDDEN');
    expect((await t.graphql(`query ($id: ID!) { campaign(id: $id) { status } }`, { id })).data?.campaign.status).toBe('DRAFT');
  });

  it('lists campaigns newest first, shows delivery progress, and cancels a running campaign once', async () => {
    await t.cypher(`UNWIND range(1, 30) AS i CREATE (:User {id: 'u' + i, consentProfiling: true, consentMarketing: true})`);
    expect((await t.graphql(CREATE, { input: { ...draft(), name: 'first' } })).errors).toBeUndefined();
    const second = (await t.graphql(CREATE, { input: { ...draft(), name: 'second' } })).data?.createCampaign.id as string;
    expect((await t.graphql(LAUNCH, { id: second, audience: { userIds: Array.from({ length: 30 }, (_, i) => `u${i + 1}`) } })).errors).toBeUndefined();

    const list = await t.graphql(`{ all: campaigns { name status delivery { pending contacted failed } } running: campaigns(status: RUNNING) { name } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data?.all.map((c: { name: string }) => c.name)).toEqual(['second', 'first']);
    expect(list.data?.all[1].delivery).toBeNull(); // a draft
    const delivery = list.data?.all[0].delivery;
    expect(delivery.contacted + delivery.failed).toBe(0);
    expect(delivery.pending).toBeGreaterThan(20); // all but the control
    expect(list.data?.running).toEqual([{ name: 'second' }]);

    const CANCEL = `mutation ($id: ID!) { cancelCampaign(id: $id) { status } }`;
    expect(code(await t.graphql(CANCEL, { id: second }, { role: 'analyst' }))).toBe('FORBIDDEN');
    expect((await t.graphql(CANCEL, { id: second })).data?.cancelCampaign.status).toBe('CANCELLED');
    expect(code(await t.graphql(CANCEL, { id: second }))).toBe('CONFLICT');
    expect(code(await t.graphql(CANCEL, { id: 'no-such-campaign' }))).toBe('NOT_FOUND');
    expect((await t.graphql(`{ campaigns(status: CANCELLED) { name } }`)).data?.campaigns).toEqual([{ name: 'second' }]);
    expect(code(await t.graphql(`{ campaigns(first: -1) { name } }`))).toBe('BAD_USER_INPUT');
  });

  it('delivers from the API in the background, one process at a time, and shows the progress', async () => {
    await t.cypher(`UNWIND range(1, 600) AS i CREATE (:User {id: 'u' + i, consentProfiling: true, consentMarketing: true})`);
    const created = await t.graphql(CREATE, { input: draft('file:ids') });
    const id = created.data?.createCampaign.id as string;
    const DELIVER = `mutation ($id: ID!) { deliverCampaign(id: $id) { id status } }`;
    expect(code(await t.graphql(DELIVER, { id }))).toBe('CONFLICT'); // a draft is not delivered
    expect(code(await t.graphql(DELIVER, { id: 'no-such-campaign' }))).toBe('NOT_FOUND');
    expect((await t.graphql(LAUNCH, { id, audience: { userIds: Array.from({ length: 600 }, (_, i) => `u${i + 1}`) } })).errors).toBeUndefined();
    expect(code(await t.graphql(DELIVER, { id }, { role: 'analyst' }))).toBe('FORBIDDEN');

    const started = await t.graphql(DELIVER, { id });
    expect(started.errors).toBeUndefined();
    expect(started.data?.deliverCampaign.status).toBe('RUNNING');
    // While the first holds the lease, a second is refused (unless the first has finished already).
    const second = await t.graphql(DELIVER, { id });
    const DELIVERY = `query ($id: ID!) { campaign(id: $id) { delivery { pending contacted failed running } } }`;
    if (second.errors) expect(code(second)).toBe('CONFLICT');
    await expect
      .poll(async () => (await t.graphql(DELIVERY, { id })).data?.campaign.delivery, { timeout: 30_000, interval: 100 })
      .toMatchObject({ pending: 0, failed: 0, running: false });
    const [members] = await t.cypher<{ treated: number }>(`MATCH ()-[m:IN_CAMPAIGN]->(:Campaign {id: $id}) WHERE m.arm = 'A' RETURN count(m) AS treated`, {
      id,
    });
    expect((await t.graphql(DELIVERY, { id })).data?.campaign.delivery.contacted).toBe(Number(members?.treated));
    const lines = readdirSync(path.join(exportDir, id)).flatMap((name) =>
      readFileSync(path.join(exportDir, id, name), 'utf8')
        .trim()
        .split('\n')
        .slice(1),
    );
    expect(lines.length).toBe(Number(members?.treated));
    // Asked again with nothing pending: it takes the lease, finds nobody, and lets go.
    expect((await t.graphql(DELIVER, { id })).errors).toBeUndefined();

    // A webhook campaign here has no CAMPAIGN_WEBHOOK_SECRET: refused before anything is sent, lease let go.
    const hook = (await t.graphql(CREATE, { input: draft('webhook:crm') })).data?.createCampaign.id as string;
    expect((await t.graphql(LAUNCH, { id: hook, audience: { userIds: ['u1', 'u2', 'u3'] } })).errors).toBeUndefined();
    const refused = await t.graphql(DELIVER, { id: hook });
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/CAMPAIGN_WEBHOOK_SECRET is not set/);
    expect((await t.graphql(DELIVERY, { id: hook })).data?.campaign.delivery).toMatchObject({ contacted: 0, running: false });
  });

  it('launches to a KOL set: the users Query.kolSet chooses with the same arguments', async () => {
    await loadSyntheticGraph(t.db, new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 150, seed: 3, now: new Date() }), t.config, createLogger('silent'));
    const id = (await t.graphql(CREATE, { input: draft('file:ids') })).data?.createCampaign.id as string;
    // Before the INFLUENCE job has chosen one, there is no KOL set to launch to, and the error says what fills it.
    const early = await t.graphql(LAUNCH, { id, audience: { kolSet: { k: 5 } } });
    expect(code(early)).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0]?.message).toMatch(/no KOL set yet.*INFLUENCE/);
    expect((await (await t.deps.analytics.start(['INFLUENCE'], 'inprocess', 1)).done).status).toBe('SUCCEEDED');
    const chosen = await t.graphql(`{ kolSet(k: 5) { members { user { id consentMarketing } } } }`);
    expect(chosen.errors).toBeUndefined();
    const members = chosen.data?.kolSet.members as { user: { id: string; consentMarketing: boolean } }[];
    expect(members).toHaveLength(5);
    const launched = await t.graphql(LAUNCH, { id, audience: { kolSet: { k: 5 } } });
    expect(launched.errors).toBeUndefined();
    const report = launched.data?.launchCampaign.launch as { assigned: { users: number }[]; leftOut: { users: number }[] };
    const assigned = report.assigned.reduce((sum, arm) => sum + arm.users, 0);
    expect(assigned).toBe(members.filter((member) => member.user.consentMarketing).length);
    expect(assigned + report.leftOut.reduce((sum, reason) => sum + reason.users, 0)).toBe(5);
    const [inCampaign] = await t.cypher<{ ids: string[] }>(`MATCH (u:User)-[:IN_CAMPAIGN]->(:Campaign {id: $id}) RETURN collect(u.id) AS ids`, { id });
    expect([...(inCampaign?.ids ?? [])].sort()).toEqual(members.map((member) => member.user.id).sort());
    expect(code(await t.graphql(LAUNCH, { id, audience: { kolSet: { k: 5 }, userIds: ['u1'] } }))).toBe('BAD_USER_INPUT');
  }, 60_000);
});
