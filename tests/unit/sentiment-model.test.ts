/**
 * Sentiment learned from rated reviews (src/text/sentiment-model.ts), on generated reviews whose
 * opinion words are planted: the model finds them in English and in Chinese, reads a review it
 * has not seen by them, says which words moved it, and is the same model for the same reviews.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, pick } from '../../src/lib/random.js';
import { readReview } from '../../src/text/read-review.js';
import {
  crossValidate,
  fitSentimentModel,
  fromSparse,
  readSentiment,
  reviewTokens,
  rocAuc,
  toSparse,
  type LabelledReview,
} from '../../src/text/sentiment-model.js';

const random = createRandom(5);
const english = (n: number): LabelledReview[] =>
  Array.from({ length: n }, (_, i) => {
    const positive = i % 2 === 0;
    const opinion = pick(random, positive ? ['lovely', 'superb', 'works great', 'glad I bought'] : ['flimsy', 'useless', 'broke quickly', 'waste of money']);
    const filler = pick(random, ['the case', 'this kettle', 'my order', 'the strap', 'delivery']);
    return { text: `${filler} ${opinion}, arrived on ${pick(random, ['monday', 'friday'])}`, positive };
  });
const chinese = (n: number): LabelledReview[] =>
  Array.from({ length: n }, (_, i) => {
    const positive = i % 3 !== 0;
    const opinion = pick(random, positive ? ['很好吃', '送餐很快', '分量足', '味道不错'] : ['不好吃', '送得太慢', '太咸了', '凉了']);
    return { text: `${pick(random, ['米饭', '牛肉面', '饺子', '外卖'])}${opinion}，${pick(random, ['下次', '这次', '今天'])}`, positive };
  });

describe('learned review sentiment', () => {
  it('tokenises Chinese with jieba words and character n-grams, other text with words, bigrams and trigrams', () => {
    expect(reviewTokens('不好吃')).toEqual(expect.arrayContaining(['c:不', 'c:不好', 'c:好吃']));
    expect(reviewTokens('Not good')).toEqual(expect.arrayContaining(['w:not', 'w:good', 'b:not good', 't:^no']));
  });

  it('learns the planted opinion words in English and Chinese and reads unseen reviews by them', () => {
    for (const reviews of [english(400), chinese(600)]) {
      const { accuracy, auc } = crossValidate(reviews, 5);
      expect(accuracy).toBeGreaterThan(0.95);
      expect(auc).toBeGreaterThan(0.97);
    }
    const model = fitSentimentModel(chinese(600));
    const reading = readSentiment(model, '饺子太咸了，凉了');
    expect(reading.score).toBeLessThan(0);
    expect(reading.reasons.length).toBeGreaterThan(0);
    expect(reading.reasons[0]?.weight).toBeLessThan(0);
    expect(readSentiment(model, '牛肉面味道不错').score).toBeGreaterThan(0);
  });

  it('is the same model for the same reviews, and needs both classes', () => {
    const reviews = english(200);
    expect(fitSentimentModel(reviews).weights).toEqual(fitSentimentModel(reviews).weights);
    expect(() => fitSentimentModel(reviews.filter((review) => review.positive))).toThrow(/both classes/);
  });

  it('stores as the buckets it uses and reads back the same model', () => {
    const model = fitSentimentModel(chinese(300));
    const sparse = toSparse(model);
    expect(sparse.buckets.length).toBeGreaterThan(10);
    expect(sparse.buckets.length).toBeLessThan(model.weights.length / 10);
    expect(fromSparse(sparse)).toEqual(model);
    expect(() => fromSparse({ ...sparse, weights: sparse.weights.slice(1) })).toThrow(/buckets/);
  });

  it('reads a review with the model of its language (LEARNED, with reasons), else the lexicon (English) or nothing (Chinese)', () => {
    const models = new Map([['zh' as const, fitSentimentModel(chinese(600))]]);
    const learned = readReview('饺子太咸了，凉了', models);
    expect(learned.sentimentSource).toBe('LEARNED');
    expect(learned.sentiment).toBeLessThan(0);
    expect(learned.sentimentReasons.length).toBe(learned.sentimentReasonWeights.length);
    expect(learned.sentimentReasonWeights[0]).toBeLessThan(0);
    expect(learned.keywords).toContain('饺子');
    expect(readReview('饺子太咸了，凉了')).toMatchObject({ sentiment: null, sentimentSource: 'NONE', sentimentReasons: [] });
    // English has no model here: the lexicon reads it, as before.
    expect(readReview('Terrible sound, awful pressing.', models)).toMatchObject({ sentimentSource: 'LEXICON', sentimentReasons: [] });
    expect(readReview('Terrible sound, awful pressing.', models).sentiment).toBeLessThan(-0.25);
  });

  it('never gives a number as a reason (a phone number written into a review stays out)', () => {
    const model = fitSentimentModel(english(400).map((review, i) => (i % 2 === 0 ? review : { ...review, text: `${review.text} call 13812345678` })));
    const reading = readSentiment(model, 'flimsy strap, call 13812345678', 10);
    expect(reading.reasons.length).toBeGreaterThan(0);
    expect(reading.reasons.every((reason) => !/\d/.test(reason.token))).toBe(true);
  });

  it('computes ROC AUC as the rank statistic, ties counting half', () => {
    expect(
      rocAuc([
        { score: 0.9, positive: true },
        { score: 0.1, positive: false },
      ]),
    ).toBe(1);
    expect(
      rocAuc([
        { score: 0.5, positive: true },
        { score: 0.5, positive: false },
      ]),
    ).toBe(0.5);
    // Positives at 0.2, 0.6, 0.9 against a negative at 0.4: two of three pairs ranked right.
    expect(
      rocAuc([
        { score: 0.2, positive: true },
        { score: 0.4, positive: false },
        { score: 0.6, positive: true },
        { score: 0.9, positive: true },
      ]),
    ).toBeCloseTo(2 / 3, 12);
  });
});
