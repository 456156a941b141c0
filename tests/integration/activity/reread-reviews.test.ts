import { describe, expect, it } from 'vitest';
import { rereadReviews } from '../../../src/activity/index.js';
import { NO_SENTIMENT_MODELS } from '../../../src/text/index.js';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`;
const now = new Date('2026-06-01T12:00:00Z');
const readings = `MATCH (u:User)-[r:REVIEWED]->() RETURN u.id AS user, r.sentiment AS sentiment, r.keywords AS keywords, r.text AS text ORDER BY user`;

describe('re-reading stored reviews (profile-graph reviews reread)', () => {
  const t = useTestDatabase();

  it('brings reviews read by an older reader to what recording them now stores, page by page, and a second run writes nothing', async () => {
    await seedCatalog(t);
    await seedUsers(
      t,
      ['ana', 'bo', 'cy', 'dee'].map((id) => ({ id, displayName: id, consentProfiling: true, consentMarketing: true })),
    );
    const events = [
      { userId: 'ana', productId: 'p-record', kind: 'REVIEW', at: '2026-05-20T10:00:00Z', text: 'Warm pressing, quiet surfaces. I love it.' },
      { userId: 'bo', productId: 'p-record', kind: 'REVIEW', at: '2026-05-21T10:00:00Z', text: '物流很快，但是质量一般，客服态度不好。' },
      { userId: 'dee', productId: 'p-record', kind: 'REVIEW', at: '2026-05-22T10:00:00Z', text: 'Terrible sleeve, scratched vinyl.' },
    ];
    expect((await t.graphql(record, { e: events }, { now })).data?.recordEvents.applied).toBe(3);
    const today = await t.cypher(readings);

    // What an older reader stored: a Chinese review read as neutral with the English model's
    // keywords, an English one before a keyword change.
    await t.cypher(`MATCH (:User {id: 'bo'})-[r:REVIEWED]->() SET r.sentiment = 0.0, r.keywords = ['物流很快']`);
    await t.cypher(`MATCH (:User {id: 'dee'})-[r:REVIEWED]->() SET r.keywords = []`);
    expect(await t.cypher(readings)).not.toEqual(today);

    const pages: number[] = [];
    const report = await rereadReviews(t.db, NO_SENTIMENT_MODELS, (users) => pages.push(users), 1);
    expect(report).toEqual({ users: 3, reviews: 3, changed: 2 });
    expect(pages).toEqual([1, 2, 3]); // one user with reviews per page: cy, without any, is skipped
    expect(await t.cypher(readings)).toEqual(today);
    const bo = (await t.cypher<{ sentiment: number | null; keywords: string[] }>(readings))[1];
    expect(bo?.sentiment).toBeNull();
    expect(bo?.keywords).toContain('质量');

    expect(await rereadReviews(t.db, NO_SENTIMENT_MODELS)).toEqual({ users: 3, reviews: 3, changed: 0 });
  });
});
