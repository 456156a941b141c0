import { describe, expect, it } from 'vitest';
import { readReview } from '../../src/text/read-review.js';
import { sentimentLabel } from '../../src/text/sentiment-label.js';

describe('readReview', () => {
  it('reads the sign of what a review says, negation included', () => {
    expect(readReview('Wonderful record, the sound is excellent.').sentiment).toBeGreaterThan(0.25);
    expect(readReview('Terrible sound, awful pressing.').sentiment).toBeLessThan(-0.25);
    expect(readReview('Not bad at all.').sentiment).toBeGreaterThan(0);
    expect(readReview('It is a record.').sentiment).toBe(0);
  });

  it('keeps nouns as keywords, most frequent first, and no opinions, numbers or contact details', () => {
    expect(readReview('The sleeve is torn, the sleeve is bent, but the sound is fine.').keywords.slice(0, 2)).toEqual(['sleeve', 'sound']);
    const { keywords } = readReview('Lovely product, the colour is great. Mail me at a.b@example.com or 07700 900123.');
    expect(keywords).toEqual(expect.arrayContaining(['product', 'color']));
    expect(keywords).not.toContain('lovely');
    expect(keywords.every((word) => /^\p{L}+$/u.test(word))).toBe(true);
    expect(readReview(Array.from({ length: 20 }, (_, i) => `topic${'abcdefghijklmnopqrst'[i]}word`).join(' ')).keywords.length).toBeLessThanOrEqual(5);
  });

  it('takes the keywords of Chinese text from its nouns (jieba), not one token per run of characters', () => {
    const { keywords, sentiment } = readReview('这款耳机音质很好，电池续航也不错，就是价格有点贵。我的邮箱是 bob@example.com，电话13812345678。');
    expect(keywords.slice(0, 3)).toEqual(['耳机', '音质', '电池']);
    expect(keywords.every((word) => /^\p{Script=Han}{2,}$/u.test(word))).toBe(true);
    // No Chinese sentiment lexicon yet: not read (null), rather than a neutral guess.
    expect(sentiment).toBeNull();
    expect(readReview('物流很快，屏幕清晰，屏幕也大。').keywords.slice(0, 1)).toEqual(['屏幕']);
  });

  it('labels a mean sentiment', () => {
    expect([0.25, 0.1, -0.25, null].map(sentimentLabel)).toEqual(['SATISFIED', 'NEUTRAL', 'DETRACTOR', null]);
  });
});
