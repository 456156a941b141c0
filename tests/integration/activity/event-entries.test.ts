/**
 * One event pipeline (src/event-pipeline/) behind every way events arrive: the same events sent
 * through the recordEvents mutation (its refresh before the answer or queued), the stream's writer
 * and a CSV import end in the same graph:
 * events, interest weights, identities resolved, scores and rule tags refreshed. Only the clock
 * readings of the write itself (when a tag was refreshed, when an import ran) may differ.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/activity/index.js';
import { runImport } from '../../../src/ingest/importer.js';
import { createLogger } from '../../../src/logger.js';
import { graphEventWriter } from '../../../src/streams/index.js';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { dumpGraph } from '../../helpers/graph-dump.js';
import { resetGraph, useTestDatabase } from '../../helpers/test-db.js';

const EVENTS: ActivityEvent[] = [
  { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: new Date('2026-05-20T10:00:00Z') },
  { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: new Date('2026-05-20T10:05:00Z'), quantity: 2, amount: 50 },
  { userId: 'bo', productId: 'p-shoes', kind: 'RATE', at: new Date('2026-05-21T09:00:00Z'), score: 4 },
  { userId: 'bo', productId: 'p-record', kind: 'REVIEW', at: new Date('2026-05-21T09:30:00Z'), score: 5, text: 'Wonderful pressing, quiet vinyl.' },
  // Keyed by an identity cy holds: resolved to cy inside the write.
  {
    userId: null,
    productId: 'p-shoes',
    kind: 'PURCHASE',
    at: new Date('2026-05-22T12:00:00Z'),
    amount: 120,
    identities: [{ type: 'EMAIL', value: 'CY@example.com' }],
  },
  // A replay of the first purchase changes nothing.
  { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: new Date('2026-05-20T10:05:00Z'), quantity: 2, amount: 50 },
];

const RECORD = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied ignored tagRefreshFailures { tag } } }`;

function eventsCsv(events: readonly ActivityEvent[]): string {
  const quote = (value: unknown) => (value == null ? '' : `"${String(value).replace(/"/g, '""')}"`);
  const rows = events.map((event) => {
    const identity = event.identities?.[0];
    return [
      event.userId,
      identity?.type,
      identity?.value,
      event.productId,
      event.kind,
      event.at.toISOString(),
      event.score,
      event.quantity,
      event.amount,
      event.text,
    ]
      .map(quote)
      .join(',');
  });
  return ['userId,identityType,identityValue,productId,kind,at,score,quantity,amount,text', ...rows].join('\n') + '\n';
}

describe('every event entry writes through the one pipeline', () => {
  const t = useTestDatabase();

  /** Users, catalogue, an identity, a rule tag (so refreshes run): the graph each entry starts from. */
  const setUp = async () => {
    await resetGraph(t.db);
    await seedCatalog(t);
    await seedUsers(t, [
      { id: 'ana', displayName: 'Ana', region: 'North', consentProfiling: true, consentMarketing: true },
      { id: 'bo', displayName: 'Bo', region: 'South', consentProfiling: true, consentMarketing: true },
      { id: 'cy', displayName: 'Cy', region: 'North', consentProfiling: true, consentMarketing: true },
    ]);
    const linked = await t.graphql(`mutation { linkIdentities(userId: "cy", identities: [{ type: EMAIL, value: "cy@example.com" }]) { user { id } } }`);
    expect(linked.errors).toBeUndefined();
    const tag = await t.graphql(`mutation ($rule: SegmentRuleInput!) { defineTag(name: "buyer", rule: $rule) { name } }`, {
      rule: { event: { kind: 'PURCHASE' } },
    });
    expect(tag.errors).toBeUndefined();
  };

  /** The graph, with the clock readings of the write itself (after the test began) set aside. */
  const snapshot = async (since: Date) => {
    const dump = await dumpGraph(t.db);
    const mask = (line: string) =>
      line.replace(/"DateTime:([^"]+)"/g, (whole, text: string) => (new Date(text).getTime() >= since.getTime() - 1_000 ? '"DateTime:<write clock>"' : whole));
    return { nodes: dump.nodes.map(mask).sort(), relationships: dump.relationships.map(mask).sort() };
  };

  it('recordEvents, the stream and a CSV import end in the same graph, tags refreshed', async () => {
    const started = new Date();

    await setUp();
    const api = await t.graphql(RECORD, { e: EVENTS.map((event) => ({ ...event, at: event.at.toISOString() })) });
    expect(api.errors).toBeUndefined();
    expect(api.data?.recordEvents).toMatchObject({ applied: 5, ignored: 1, tagRefreshFailures: [] });
    const throughApi = await snapshot(started);
    // The refresh ran: every buyer carries the rule tag.
    expect(await t.cypher('MATCH (u:User)-[:HAS_TAG]->(:Tag {name: "buyer"}) RETURN u.id AS id ORDER BY id')).toEqual([{ id: 'ana' }, { id: 'cy' }]);

    // The same mutation with its refresh queued: equal once the queue has run.
    await setUp();
    const queued = await t.graphql(RECORD.replace('recordEvents(events: $e)', 'recordEvents(events: $e, tagRefresh: QUEUED)'), {
      e: EVENTS.map((event) => ({ ...event, at: event.at.toISOString() })),
    });
    expect(queued.data?.recordEvents).toMatchObject({ applied: 5, ignored: 1, tagRefreshFailures: [] });
    await t.deps.events.settle(new Date());
    expect(await snapshot(started)).toEqual(throughApi);

    await setUp();
    const writer = graphEventWriter(t.deps);
    expect(await writer(EVENTS)).toMatchObject({ applied: 5, ignored: 1 });
    await writer.drain();
    expect(await snapshot(started)).toEqual(throughApi);

    await setUp();
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-event-entries-'));
    writeFileSync(path.join(dir, 'events.csv'), eventsCsv(EVENTS));
    const summary = await runImport(t.db, t.config, createLogger('silent'), {
      source: 'csv',
      dir,
      batchSize: 100,
      consent: false,
      rejectsPath: path.join(dir, 'rejects.csv'),
      tty: false,
    });
    expect(summary.steps.find((step) => step.file === 'events.csv')).toMatchObject({ rows: 6, rejected: 0 });
    expect(await snapshot(started)).toEqual(throughApi);
  });
});
