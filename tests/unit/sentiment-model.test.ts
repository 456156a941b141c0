/**
 * Sentiment learned from rated reviews (src/text/sentiment-model.ts), on generated reviews whose
 * opinion words are planted: the model finds them in English and in Chinese, reads a review it
 * has not seen by them, says which words moved it, and is the same model for the same reviews.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, pick } from '../../src/lib/random.js';
import { crossValidate, fitSentimentModel, readSentiment, reviewTokens, rocAuc, type LabelledReview } from '../../src/text/sentiment-model.js';

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
