/**
 * The durable tag refresh queue (src/tags/refresh-queue.ts): requests written in the writes'
 * transactions, coalesced into one refresh, left for another refresher when a process dies, and
 * recordEvents(tagRefresh: QUEUED) answering before its refresh.
 */
import { describe, expect, it } from 'vitest';
import type { ManagedTransaction } from 'neo4j-driver';
import { applyInterestSignals, baseSignal, type InterestSignal, type TagRefreshFailure } from '../../../src/activity/index.js';
import { createLogger } from '../../../src/logger.js';
import { queueTagRefresh, TagRefreshQueue } from '../../../src/tags/index.js';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { resetGraph, useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const silent = createLogger('silent');

describe('the durable tag refresh queue', () => {
  const t = useTestDatabase();

  const request = (ids: string[], signals: InterestSignal[] = []) => t.db.write((tx) => queueTagRefresh(t.db, tx, ids, NOW, signals));
  const foldSignals = (tx: ManagedTransaction, signals: InterestSignal[]) => applyInterestSignals(t.db, tx, signals);
  const pending = async () => Number((await t.cypher('MATCH (r:TagRefreshRequest) RETURN toString(count(r)) AS n'))[0]?.['n']);

  it('refreshes the users of every waiting request once, then deletes the requests', async () => {
    await resetGraph(t.db);
    await request(['a', 'b']);
    await request(['b', 'c']);
    await request(['c', 'd']);
    await request([]); // nothing touched: no request
    expect(await pending()).toBe(3);
    const calls: string[][] = [];
    const queue = new TagRefreshQueue(t.db, {
      refresh: async (ids) => {
        calls.push([...ids].sort());
        return [];
      },
      foldSignals,
      log: silent,
    });
    await queue.drain();
    expect(calls).toEqual([['a', 'b', 'c', 'd']]);
    expect(queue.stats).toEqual({ users: 4, refreshes: 1, requests: 3, failures: 0 });
    expect(await pending()).toBe(0);
    await queue.drain(); // nothing left: no refresh
    expect(queue.stats.refreshes).toBe(1);
  });

  it("leaves a dead refresher's claim until its lease runs out, then another takes it; signals fold once", async () => {
    await resetGraph(t.db);
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'a', displayName: 'A', region: 'North', consentProfiling: true, consentMarketing: true }]);
    const interestOfRecord = (await t.cypher('MATCH (:Product {id: "p-record"})-[:HAS_INTEREST]->(i) RETURN i.id AS id LIMIT 1'))[0]?.['id'];
    expect(interestOfRecord).toBeDefined();
    const engagement = async () =>
      (await t.cypher('MATCH (:User {id: "a"})-[r:INTERESTED_IN]->(:Interest {id: $i}) RETURN r.engagement AS e', { i: interestOfRecord }))[0]?.['e'];
    await request(['a'], [{ userId: 'a', productId: 'p-record', at: NOW, base: baseSignal('PURCHASE', null) }]);
    // The first refresher dies mid-refresh: its scores never get written, so it never finishes.
    const dying = new TagRefreshQueue(t.db, {
      refresh: async () => [{ tag: null, code: 'SERVICE_UNAVAILABLE', message: 'gone' }],
      foldSignals,
      log: silent,
      leaseMs: 3_000,
    });
    // The lease is long enough for the checks before it runs out on a slow machine (300 ms was not).
    await dying.drain();
    const leaseEnds = Date.now() + 3_000; // at the latest: the claim was made before drain returned
    expect(dying.stats).toMatchObject({ refreshes: 1, requests: 1, failures: 1 });
    expect(await pending()).toBe(1);
    // Its fold committed before the refresh failed: the weight moved, and the request kept no signals.
    const folded = await engagement();
    expect(folded).toBeGreaterThan(0);

    const refreshed: string[] = [];
    const next = new TagRefreshQueue(t.db, {
      refresh: async (ids) => {
        refreshed.push(...ids);
        return [];
      },
      foldSignals,
      log: silent,
    });
    await next.drain(); // still held by the dead claim
    expect(refreshed).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, leaseEnds - Date.now()) + 100));
    await next.drain();
    expect(refreshed).toEqual(['a']);
    expect(await pending()).toBe(0);
    expect(await engagement()).toBe(folded); // not folded a second time
  });

  it('finishes a request whose rule tag fails (a retry would fail alike) and counts the failure', async () => {
    await resetGraph(t.db);
    await request(['a']);
    const failure: TagRefreshFailure = { tag: 't', code: 'NOT_FOUND', message: 'segment gone' };
    const queue = new TagRefreshQueue(t.db, { refresh: async () => [failure], foldSignals, log: silent });
    await queue.drain();
    expect(queue.stats).toEqual({ users: 1, refreshes: 1, requests: 1, failures: 1 });
    expect(await pending()).toBe(0);
  });

  it('recordEvents(tagRefresh: QUEUED) answers before the refresh; the request commits with the events', async () => {
    await resetGraph(t.db);
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana', region: 'North', consentProfiling: true, consentMarketing: true }]);
    const tag = await t.graphql(`mutation ($rule: SegmentRuleInput!) { defineTag(name: "buyer", rule: $rule) { name } }`, {
      rule: { event: { kind: 'PURCHASE' } },
    });
    expect(tag.errors).toBeUndefined();
    const buyerTag = () => t.cypher('MATCH (:User {id: "ana"})-[:HAS_TAG]->(:Tag {name: "buyer"}) RETURN "yes" AS tagged');
    const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e, tagRefresh: QUEUED) { applied tagRefreshFailures { tag } } }`;
    // The commit kicks this process's refresher; stop() waits for the refresh it started.
    const queue = t.deps.events.queue;
    expect(queue).not.toBeNull();
    const recorded = await t.graphql(record, { e: [{ userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: '2026-05-20T10:05:00Z', amount: 50 }] });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordEvents).toEqual({ applied: 1, tagRefreshFailures: [] });
    await queue?.stop();
    expect(await buyerTag()).toEqual([{ tagged: 'yes' }]);
    expect(await pending()).toBe(0);

    // A batch refused as a whole queues nothing.
    const refused = await t.graphql(record, { e: [{ userId: 'nobody', productId: 'p-record', kind: 'VIEW', at: '2026-05-20T10:05:00Z' }] });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(await pending()).toBe(0);
  });
});
