import { describe, expect, it } from 'vitest';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied ignored } }`;
const live = `query ($w: ActivityWindow, $top: Int) { activity(window: $w, top: $top) {
  window since activeUsers events { views purchases ratings total }
  topProducts { product { id } viewers buyers raters score } topInterests { interest { id } score products } } }`;

describe('activity(window:) live counters', () => {
  const t = useTestDatabase();
  const now = new Date('2026-06-01T12:00:30Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

  it('counts events, active users and what people engage with in the window, once each', async () => {
    await seedCatalog(t);
    await seedUsers(
      t,
      ['ana', 'bo', 'cy', 'dee'].map((id) => ({ id, displayName: id })),
    );
    const events = [
      // In the last 15 minutes: ana views the record twice and buys it, bo views it, cy rates the shoes.
      { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: ago(10) },
      { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: ago(2) },
      { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: ago(1) },
      { userId: 'bo', productId: 'p-record', kind: 'VIEW', at: ago(5) },
      { userId: 'cy', productId: 'p-shoes', kind: 'RATE', at: ago(3), score: 4 },
      // Earlier in the hour and the week: dee runs.
      { userId: 'dee', productId: 'p-shoes', kind: 'VIEW', at: ago(40) },
      { userId: 'dee', productId: 'p-shoes', kind: 'PURCHASE', at: ago(3 * 24 * 60) },
    ];
    expect((await t.graphql(record, { e: events })).data?.recordEvents).toEqual({ applied: 7, ignored: 0 });
    // A redelivered batch (the stream after a crash) is not new activity.
    expect((await t.graphql(record, { e: events })).data?.recordEvents).toEqual({ applied: 0, ignored: 7 });

    const recent = (await t.graphql(live, { w: 'LAST_15_MINUTES' }, { now })).data?.activity;
    expect(recent.window).toBe('LAST_15_MINUTES');
    expect(recent.since).toBe('2026-06-01T11:45:00.000Z');
    expect(recent.activeUsers).toBe(3);
    expect(recent.events).toEqual({ views: 3, purchases: 1, ratings: 1, total: 5 });
    expect(recent.topProducts).toEqual([
      { product: { id: 'p-record' }, viewers: 2, buyers: 1, raters: 0, score: 7 },
      { product: { id: 'p-shoes' }, viewers: 0, buyers: 0, raters: 1, score: 1 },
    ]);
    expect(recent.topInterests).toEqual([
      { interest: { id: 'jazz' }, score: 7, products: 1 },
      { interest: { id: 'vinyl' }, score: 3.5, products: 1 },
      { interest: { id: 'running' }, score: 1, products: 1 },
    ]);

    const hour = (await t.graphql(live, { w: 'LAST_HOUR', top: 1 }, { now })).data?.activity;
    expect(hour.activeUsers).toBe(4);
    expect(hour.events.total).toBe(6);
    expect(hour.topProducts).toEqual([{ product: { id: 'p-record' }, viewers: 2, buyers: 1, raters: 0, score: 7 }]);
    expect(hour.topInterests).toHaveLength(1);

    const week = (await t.graphql(live, { w: 'LAST_7_DAYS' }, { now })).data?.activity;
    expect(week.events).toEqual({ views: 4, purchases: 2, ratings: 1, total: 7 });
    expect(week.topProducts.find((entry: { product: { id: string } }) => entry.product.id === 'p-shoes')).toEqual({
      product: { id: 'p-shoes' },
      viewers: 1,
      buyers: 1,
      raters: 1,
      score: 7,
    });
  });

  it('is empty, not an error, when nothing happened; refuses a bad top', async () => {
    const quietResult = await t.graphql(live, {}, { now });
    expect(quietResult.errors).toBeUndefined();
    const quiet = quietResult.data?.activity;
    expect(quiet).toMatchObject({ window: 'LAST_15_MINUTES', activeUsers: 0, events: { total: 0 }, topProducts: [], topInterests: [] });
    expect(errorCode(await t.graphql(live, { top: 0 }, { now }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(live, { top: 101 }, { now }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(live, { w: 'LAST_YEAR' }, { now }))).toBe('BAD_USER_INPUT');
  });
});
