import { describe, expect, it } from 'vitest';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const DAY = 86_400_000;
const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`;

async function runTags(t: ReturnType<typeof useTestDatabase>): Promise<Record<string, unknown>> {
  const started = await t.graphql(`mutation { runAnalytics(kinds: [TAGS]) { id } }`);
  expect(started.errors).toBeUndefined();
  const id = started.data?.runAnalytics.id as string;
  let job: Record<string, unknown> = {};
  for (let waited = 0; waited < 60_000; waited += 100) {
    job = (await t.graphql(`query ($id: ID!) { analyticsJob(id: $id) { status error eventLogEntriesDeleted } }`, { id })).data?.analyticsJob;
    if (job['status'] !== 'RUNNING') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return job;
}

describe('event log retention (EVENT_LOG_RETENTION_DAYS)', () => {
  const t = useTestDatabase({ EVENT_LOG_RETENTION_DAYS: '120' });

  it('deletes, on each TAGS job, the log entries older than the retention and nothing else', async () => {
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'ana', consentProfiling: true, consentMarketing: true }]);
    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const events = [
      { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: ago(200) },
      { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: ago(130) },
      { userId: 'ana', productId: 'p-shoes', kind: 'REVIEW', at: ago(150), text: 'Comfortable shoes.' },
      { userId: 'ana', productId: 'p-shoes', kind: 'VIEW', at: ago(100) },
      { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: ago(1) },
    ];
    expect((await t.graphql(record, { e: events })).data?.recordEvents.applied).toBe(5);
    const counts = async () => {
      const [row] = await t.cypher<Record<string, { toNumber(): number }>>(
        `RETURN COUNT { (:Event) } AS entries, COUNT { ()-[:DID]->() } AS did, COUNT { ()-[:REVIEWED]->() } AS reviews, COUNT { ()-[:PURCHASED]->() } AS purchases`,
      );
      return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, value.toNumber()]));
    };
    expect(await counts()).toEqual({ entries: 5, did: 5, reviews: 1, purchases: 1 });

    expect(await runTags(t)).toEqual({ status: 'SUCCEEDED', error: null, eventLogEntriesDeleted: 3 });
    // The log entries go; what the events left in the profile (the review, the purchase) stays.
    expect(await counts()).toEqual({ entries: 2, did: 2, reviews: 1, purchases: 1 });
    const kept = await t.cypher<{ kind: string }>(`MATCH (e:Event) RETURN e.kind AS kind ORDER BY e.at`);
    expect(kept.map((row) => row.kind)).toEqual(['VIEW', 'VIEW']);

    expect(await runTags(t)).toMatchObject({ status: 'SUCCEEDED', eventLogEntriesDeleted: 0 });
  });
});
