import { describe, expect, it } from 'vitest';
import { parseEventMessage } from '../../../src/streams/event-message.js';
import { relationshipCount, seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied ignored } }`;
const reviews = `{ product(id: "p-record") { reviews(first: 5) { user { id } text rating at } } }`;
const now = new Date('2026-06-01T12:00:00Z');

describe('reviews (recordEvents kind REVIEW)', () => {
  const t = useTestDatabase();

  it('stores what users wrote once per event, shows the newest first, masks contact details for roles without PII, and forgets with consent', async () => {
    await seedCatalog(t);
    await seedUsers(
      t,
      ['ana', 'bo'].map((id) => ({ id, displayName: id, consentProfiling: true, consentMarketing: true })),
    );
    const events = [
      { userId: 'ana', productId: 'p-record', kind: 'REVIEW', at: '2026-05-20T10:00:00Z', text: 'Warm pressing, quiet surfaces.', score: 5 },
      {
        userId: 'bo',
        productId: 'p-record',
        kind: 'REVIEW',
        at: '2026-05-28T10:00:00Z',
        text: 'Arrived warped. Call me on +44 7700 900123 or bo.smith@example.com',
      },
    ];
    expect((await t.graphql(record, { e: events }, { now })).data?.recordEvents).toEqual({ applied: 2, ignored: 0 });
    const relationships = await relationshipCount(t);
    expect((await t.graphql(record, { e: events }, { now })).data?.recordEvents).toEqual({ applied: 0, ignored: 2 });
    expect(await relationshipCount(t)).toBe(relationships);

    const admin = (await t.graphql(reviews)).data?.product.reviews;
    expect(admin).toEqual([
      { user: { id: 'bo' }, text: events[1]?.text, rating: null, at: '2026-05-28T10:00:00.000Z' },
      { user: { id: 'ana' }, text: events[0]?.text, rating: 5, at: '2026-05-20T10:00:00.000Z' },
    ]);
    const analyst = (await t.graphql(reviews, undefined, { role: 'analyst' })).data?.product.reviews;
    expect(analyst[0].text).toBe('Arrived warped. Call me on +44********23 or b***@example.com');
    expect(analyst[1].text).toBe(events[0]?.text);
    // A learned reading's reasons are words of the text: one inside the masked e-mail address goes with it.
    await t.cypher(
      `MATCH (:User {id: 'bo'})-[r:REVIEWED]->() SET r.sentimentSource = 'LEARNED', r.sentimentReasons = ['warped', 'smith'], r.sentimentReasonWeights = [-0.4, -0.1]`,
    );
    const reasons = `{ product(id: "p-record") { reviews(first: 1) { sentimentSource sentimentReasons { word weight } } } }`;
    expect((await t.graphql(reasons)).data?.product.reviews[0]).toEqual({
      sentimentSource: 'LEARNED',
      sentimentReasons: [
        { word: 'warped', weight: -0.4 },
        { word: 'smith', weight: -0.1 },
      ],
    });
    expect((await t.graphql(reasons, undefined, { role: 'analyst' })).data?.product.reviews[0].sentimentReasons).toEqual([{ word: 'warped', weight: -0.4 }]);

    // Reviews are events: segment rules and funnels see them.
    const preview = await t.graphql(`{ previewSegment(rule: {event: {kind: REVIEW, category: "music"}}) { size } }`, undefined, { now });
    expect(preview.data?.previewSegment.size).toBe(2);

    // Withdrawn consent hides the text at once; deleting the user deletes it.
    await t.graphql(`mutation { upsertUsers(input: [{id: "bo", displayName: "bo", consentProfiling: false}]) { created } }`);
    expect((await t.graphql(reviews)).data?.product.reviews.map((review: { user: { id: string } }) => review.user.id)).toEqual(['ana']);
    expect((await t.graphql(`mutation { deleteUser(id: "ana") { deletedUserId } }`)).errors).toBeUndefined();
    const [left] = await t.cypher<{ n: { toNumber(): number } }>('MATCH ()-[r:REVIEWED]->() RETURN count(r) AS n');
    expect(left?.n.toNumber()).toBe(1);
  });

  it('reads sentiment and keywords from each review: topics per product, a label per user with its source reviews, tags and rules', async () => {
    await seedCatalog(t);
    await seedUsers(
      t,
      ['fan', 'critic', 'quiet'].map((id) => ({ id, displayName: id, consentProfiling: true, consentMarketing: true })),
    );
    const events = [
      {
        userId: 'fan',
        productId: 'p-record',
        kind: 'REVIEW',
        at: '2026-05-20T10:00:00Z',
        text: 'Wonderful record, the sound is excellent and the sleeve is beautiful.',
      },
      { userId: 'fan', productId: 'p-shoes', kind: 'REVIEW', at: '2026-05-21T10:00:00Z', text: 'Great shoes, I love them.' },
      { userId: 'critic', productId: 'p-record', kind: 'REVIEW', at: '2026-05-22T10:00:00Z', text: 'Terrible sound, awful pressing, the sleeve was damaged.' },
    ];
    expect((await t.graphql(record, { e: events }, { now })).data?.recordEvents.applied).toBe(3);
    const product = (await t.graphql(`{ product(id: "p-record") { reviews { user { id } sentiment keywords } topics { topic reviews sentiment } } }`)).data
      ?.product;
    const byUser = Object.fromEntries(product.reviews.map((review: { user: { id: string }; sentiment: number }) => [review.user.id, review.sentiment]));
    expect(byUser['fan']).toBeGreaterThan(0.25);
    expect(byUser['critic']).toBeLessThan(-0.25);
    expect(product.reviews.find((review: { user: { id: string } }) => review.user.id === 'fan').keywords).toEqual(expect.arrayContaining(['sound', 'sleeve']));
    // Both reviews talk about the sound and the sleeve; the topic's sentiment is their mean.
    const sound = product.topics.find((topic: { topic: string }) => topic.topic === 'sound');
    expect(sound).toMatchObject({ reviews: 2 });
    expect(sound.sentiment).toBeCloseTo((byUser['fan'] + byUser['critic']) / 2, 6);
    expect(product.topics[0].reviews).toBe(2);

    const user = async (id: string) =>
      (
        await t.graphql(
          `query ($id: ID!) { user(id: $id) { reviewSentiment { sentiment label reviews topics byInterest { interest { id } sentiment reviews } sources { product { id } sentiment } } tags { name value } } }`,
          { id },
        )
      ).data?.user;
    const fan = await user('fan');
    expect(fan.reviewSentiment).toMatchObject({ label: 'SATISFIED', reviews: 2 });
    expect(fan.reviewSentiment.sources.map((source: { product: { id: string } }) => source.product.id).sort()).toEqual(['p-record', 'p-shoes']);
    expect(fan.reviewSentiment.byInterest.map((entry: { interest: { id: string } }) => entry.interest.id).sort()).toEqual(['jazz', 'running', 'vinyl']);
    expect(fan.tags).toEqual(expect.arrayContaining([{ name: 'sentiment', value: 'SATISFIED' }]));
    const critic = await user('critic');
    expect(critic.reviewSentiment.label).toBe('DETRACTOR');
    expect(critic.tags).toEqual(expect.arrayContaining([{ name: 'sentiment', value: 'DETRACTOR' }]));
    expect((await user('quiet')).reviewSentiment).toBeNull();

    const members = async (rule: Record<string, unknown>) =>
      (
        await t.graphql(`query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule) { sample { id } } }`, { rule }, { now })
      ).data?.previewSegment.sample.map((entry: { id: string }) => entry.id);
    expect(await members({ reviewSentiment: { min: 0.25 } })).toEqual(['fan']);
    expect(await members({ reviewSentiment: { max: -0.25 } })).toEqual(['critic']);
    expect(errorCode(await t.graphql(`{ previewSegment(rule: {reviewSentiment: {min: 2}}) { size } }`))).toBe('BAD_USER_INPUT');
    // Who wrote about the sound, and who complained about it.
    expect(await members({ reviewTopic: { topic: 'Sound' } })).toEqual(['critic', 'fan']);
    expect(await members({ reviewTopic: { topic: 'sound', max: -0.25 } })).toEqual(['critic']);
    expect(await members({ reviewTopic: { topic: 'shoes', max: -0.25 } })).toEqual([]);
    for (const bad of ['{topic: "  "}', '{topic: "sound", min: -2}']) {
      expect(errorCode(await t.graphql(`{ previewSegment(rule: {reviewTopic: ${bad}}) { size } }`))).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps the text of Chinese reviews as written and their nouns as topics; their sentiment is unread, not neutral', async () => {
    await seedCatalog(t);
    await seedUsers(
      t,
      ['li', 'wang'].map((id) => ({ id, displayName: id, consentProfiling: true, consentMarketing: true })),
    );
    const texts = ['鞋子质量很好，颜色也漂亮。', '质量一般，鞋子偏小。'];
    const events = texts.map((text, index) => ({
      userId: ['li', 'wang'][index],
      productId: 'p-shoes',
      kind: 'REVIEW',
      at: `2026-05-2${index}T10:00:00Z`,
      text,
    }));
    expect((await t.graphql(record, { e: events }, { now })).data?.recordEvents.applied).toBe(2);
    const product = (await t.graphql(`{ product(id: "p-shoes") { reviews { text sentiment } topics { topic reviews sentiment } } }`)).data?.product;
    expect(product.reviews.map((review: { text: string }) => review.text).sort()).toEqual([...texts].sort());
    expect(product.reviews.map((review: { sentiment: number | null }) => review.sentiment)).toEqual([null, null]);
    expect(product.topics.slice(0, 2)).toEqual([
      { topic: '质量', reviews: 2, sentiment: null },
      { topic: '鞋子', reviews: 2, sentiment: null },
    ]);
    // li also wrote an English review: her mean is that one's alone, and wang (Chinese only) has none.
    const english = { userId: 'li', productId: 'p-record', kind: 'REVIEW', at: '2026-05-25T10:00:00Z', text: 'Wonderful record, excellent sound.' };
    expect((await t.graphql(record, { e: [english] }, { now })).data?.recordEvents.applied).toBe(1);
    const summary = async (id: string) =>
      (await t.graphql(`query ($id: ID!) { user(id: $id) { reviewSentiment { sentiment label reviews } tags { name value } } }`, { id })).data?.user;
    const englishReviews = (await t.graphql(`{ product(id: "p-record") { reviews { sentiment } } }`)).data?.product.reviews;
    expect((await summary('li')).reviewSentiment).toEqual({ sentiment: englishReviews[0].sentiment, label: 'SATISFIED', reviews: 2 });
    const wang = await summary('wang');
    expect(wang.reviewSentiment).toEqual({ sentiment: null, label: null, reviews: 1 });
    expect(wang.tags.map((tag: { name: string }) => tag.name)).not.toContain('sentiment');
    const neutralOrBetter = await t.graphql(`{ previewSegment(rule: {reviewSentiment: {min: -0.25}}) { sample { id } } }`, undefined, { now });
    expect(neutralOrBetter.data?.previewSegment.sample).toEqual([{ id: 'li' }]);
    const rule = { reviewTopic: { topic: '颜色' } };
    const preview = await t.graphql(`query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule) { sample { id } } }`, { rule }, { now });
    expect(preview.data?.previewSegment.sample).toEqual([{ id: 'li' }]);
  });

  it('refuses a review without text, text on other kinds, over-long text and bad ratings, naming no text, writing nothing', async () => {
    await seedCatalog(t);
    await seedUsers(t, [{ id: 'ana', displayName: 'ana', consentProfiling: true }]);
    const secret = 'my address is 12 Secret Lane';
    const before = await relationshipCount(t);
    for (const event of [
      { kind: 'REVIEW', text: '   ' },
      // Zero-width spaces, a joiner and a BOM: invisible, and trim() keeps them.
      { kind: 'REVIEW', text: '\u200b\u200b\u200d\ufeff\u200b' },
      { kind: 'REVIEW' },
      { kind: 'VIEW', text: secret },
      { kind: 'REVIEW', text: `${secret} ${'x'.repeat(5_000)}` },
      { kind: 'REVIEW', text: secret, score: 6 },
    ]) {
      const refused = await t.graphql(record, { e: [{ userId: 'ana', productId: 'p-record', at: '2026-05-20T10:00:00Z', ...event }] }, { now });
      expect(errorCode(refused), JSON.stringify(event).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(refused.errors)).not.toContain('Secret Lane');
    }
    expect(await relationshipCount(t)).toBe(before);
    for (const field of ['reviews', 'topics'] as const) {
      for (const first of [0, 101]) {
        const result = await t.graphql(`query ($first: Int) { product(id: "p-record") { ${field}(first: $first) { __typename } } }`, { first });
        expect(result.errors?.map((error) => [error.extensions?.['code'], error.message])).toEqual([
          ['BAD_USER_INPUT', `first must be between 1 and 100; got ${first}.`],
        ]);
      }
    }
  });

  it('come through the stream in the same shape', () => {
    const parsed = parseEventMessage(
      Buffer.from(JSON.stringify({ userId: 'ana', productId: 'p-record', kind: 'REVIEW', at: 1_780_000_000_000, text: 'Good.', score: 4 })),
    );
    expect(parsed).toMatchObject({ ok: true, event: { kind: 'REVIEW', text: 'Good.', score: 4 } });
  });
});
