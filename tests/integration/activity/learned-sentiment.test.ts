/**
 * Review sentiment learned from the shop's own ratings (issue 39), end to end: reviews recorded
 * through recordEvents, the TAGS job fitting a model per language that has enough rated reviews
 * of consenting users, every stored review read again with it, new reviews read by it when
 * recorded, and the language going back to its old reading when its rated reviews no longer
 * suffice. Reviews are generated (seeded) with planted opinion words.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, pick } from '../../../src/lib/random.js';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`;
const status = `{ sentimentModels { language source ratedReviews minimumRatedReviews positives negatives accuracy auc fittedAt checkedAt } }`;
const now = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

async function runTags(t: ReturnType<typeof useTestDatabase>): Promise<void> {
  const started = await t.graphql(`mutation { runAnalytics(kinds: [TAGS]) { id } }`);
  expect(started.errors).toBeUndefined();
  const id = started.data?.runAnalytics.id as string;
  for (let waited = 0; waited < 120_000; waited += 100) {
    const job = (await t.graphql(`query ($id: ID!) { analyticsJob(id: $id) { status error } }`, { id })).data?.analyticsJob;
    if (job.status !== 'RUNNING') {
      expect(job).toEqual({ status: 'SUCCEEDED', error: null });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('TAGS job did not finish in 2 minutes');
}

const random = createRandom(11);
const CHINESE = {
  positive: ['很好吃', '送餐很快', '分量足', '味道不错', '服务热情'],
  negative: ['太难吃了', '送得太慢', '太咸了', '凉了', '态度很差'],
  filler: ['米饭', '牛肉面', '饺子', '外卖', '炒饭'],
};
const ENGLISH = { positive: ['lovely', 'works great'], negative: ['flimsy', 'broke quickly'], filler: ['the strap', 'my order'] };

/** A rated review: 5 or 4 stars with positive words, 1 or 2 with negative ones. */
function ratedReview(language: typeof CHINESE, positive: boolean) {
  const opinion = pick(random, positive ? language.positive : language.negative);
  const text = language === CHINESE ? `${pick(random, language.filler)}${opinion}，下次再说` : `${pick(random, language.filler)} ${opinion}, arrived today`;
  return { text, score: positive ? pick(random, [4, 5]) : pick(random, [1, 2]) };
}

describe('review sentiment learned from the shop’s own ratings', () => {
  const t = useTestDatabase();

  it('fits a model per language with enough rated reviews of consenting users, reads every review with it, and drops it when they no longer suffice', async () => {
    await seedCatalog(t);
    // 130 users: u000–u119 consent to profiling, n000–n009 do not (their reviews are never fitted on).
    const consenting = Array.from({ length: 120 }, (_, i) => `u${String(i).padStart(3, '0')}`);
    const withheld = Array.from({ length: 10 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    await seedUsers(t, [
      ...consenting.map((id) => ({ id, displayName: id, consentProfiling: true, consentMarketing: true })),
      ...withheld.map((id) => ({ id, displayName: id, consentProfiling: false, consentMarketing: false })),
    ]);
    // Five Chinese reviews per consenting user (600, 2 in 3 positive), one English each (120), and
    // ten Chinese ones per non-consenting user (100): only the 600 can teach the Chinese model.
    const events: Record<string, unknown>[] = [];
    const at = (i: number) => new Date(now.getTime() - DAY - i * 60_000).toISOString();
    let n = 0;
    for (const userId of consenting) {
      for (let k = 0; k < 5; k += 1)
        events.push({ userId, productId: k % 2 ? 'p-record' : 'p-shoes', kind: 'REVIEW', at: at(n++), ...ratedReview(CHINESE, random() < 2 / 3) });
      events.push({ userId, productId: 'p-record', kind: 'REVIEW', at: at(n++), ...ratedReview(ENGLISH, random() < 0.5) });
    }
    for (const userId of withheld) {
      for (let k = 0; k < 10; k += 1) events.push({ userId, productId: 'p-shoes', kind: 'REVIEW', at: at(n++), ...ratedReview(CHINESE, true) });
    }
    expect((await t.graphql(record, { e: events }, { now })).data?.recordEvents.applied).toBe(events.length);

    // Before any TAGS run: Chinese unread, English from the lexicon, and the API says so.
    const before = (await t.graphql(status)).data?.sentimentModels;
    expect(before).toEqual([
      expect.objectContaining({ language: 'zh', source: 'NONE', ratedReviews: 0, minimumRatedReviews: 500, fittedAt: null, checkedAt: null }),
      expect.objectContaining({ language: 'en', source: 'LEXICON', ratedReviews: 0, fittedAt: null }),
    ]);
    const sources = `MATCH ()-[r:REVIEWED]->() WITH r.sentimentSource AS source, r.sentiment IS NULL AS unread RETURN source, unread, toFloat(count(*)) AS reviews ORDER BY source`;
    expect(await t.cypher(sources)).toEqual([
      { source: 'LEXICON', unread: false, reviews: 120 },
      { source: 'NONE', unread: true, reviews: 700 },
    ]);

    await runTags(t);
    const after = (await t.graphql(status)).data?.sentimentModels;
    const [zh, en] = after;
    expect(zh).toMatchObject({ language: 'zh', source: 'LEARNED', ratedReviews: 600 });
    expect(zh.positives + zh.negatives).toBe(600);
    expect(zh.accuracy).toBeGreaterThan(0.95);
    expect(zh.auc).toBeGreaterThan(0.95);
    expect(zh.fittedAt).not.toBeNull();
    // 120 English rated reviews are too few: the lexicon keeps reading them, and the API says how many there are.
    expect(en).toMatchObject({ language: 'en', source: 'LEXICON', ratedReviews: 120, fittedAt: null, accuracy: null });
    expect(en.checkedAt).not.toBeNull();

    // Every stored Chinese review (the non-consenting users' too: they are read, never fitted on) now reads by the model.
    expect(await t.cypher(sources)).toEqual([
      { source: 'LEARNED', unread: false, reviews: 700 },
      { source: 'LEXICON', unread: false, reviews: 120 },
    ]);
    const signs = await t.cypher<{ agree: number; reviews: number }>(
      `MATCH (:User)-[r:REVIEWED]->() WHERE r.sentimentSource = 'LEARNED'
       RETURN toFloat(sum(CASE WHEN (r.rating >= 4) = (r.sentiment > 0) THEN 1 ELSE 0 END)) AS agree, toFloat(count(*)) AS reviews`,
    );
    expect(signs[0]!.agree / signs[0]!.reviews).toBeGreaterThan(0.95);

    // A new review without a rating is read by the model when recorded, with the words that moved it.
    const fresh = { userId: 'u000', productId: 'p-record', kind: 'REVIEW', at: now.toISOString(), text: '牛肉面太咸了，凉了' };
    expect((await t.graphql(record, { e: [fresh] }, { now })).data?.recordEvents.applied).toBe(1);
    const reviews = await t.graphql(
      `{ product(id: "p-record") { reviews(first: 1) { text rating sentiment sentimentSource sentimentReasons { word weight } } } }`,
    );
    const newest = reviews.data?.product.reviews[0];
    expect(newest).toMatchObject({ text: fresh.text, rating: null, sentimentSource: 'LEARNED' });
    expect(newest.sentiment).toBeLessThan(-0.25);
    expect(newest.sentimentReasons.length).toBeGreaterThan(0);
    expect(newest.sentimentReasons[0].weight).toBeLessThan(0);
    expect(fresh.text).toContain(newest.sentimentReasons[0].word);

    // A second run on the same reviews fits the same model: nothing is read differently.
    const readings = `MATCH (u:User)-[r:REVIEWED]->() RETURN u.id AS user, r.at AS at, r.sentiment AS sentiment ORDER BY user, at`;
    const once = await t.cypher(readings);
    await runTags(t);
    expect(await t.cypher(readings)).toEqual(once);

    // Consent withdrawn by 30 users: 450 rated Chinese reviews are left, too few, so the model
    // (fitted on theirs too) is dropped and Chinese reviews are unread again.
    await t.cypher(`MATCH (u:User) WHERE u.id IN $ids SET u.consentProfiling = false`, { ids: consenting.slice(0, 30) });
    await runTags(t);
    const dropped = (await t.graphql(status)).data?.sentimentModels;
    expect(dropped[0]).toMatchObject({ language: 'zh', source: 'NONE', ratedReviews: 450, fittedAt: null, accuracy: null, positives: null });
    expect(await t.cypher(sources)).toEqual([
      { source: 'LEXICON', unread: false, reviews: 120 },
      { source: 'NONE', unread: true, reviews: 701 },
    ]);
    expect(await t.cypher(`MATCH (m:SentimentModel {language: 'zh'}) RETURN m.weights IS NULL AS gone`)).toEqual([{ gone: true }]);
  }, 180_000);
});
