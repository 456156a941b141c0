/**
 * Review sentiment learned from a shop's own rated reviews (issue 39): a logistic regression
 * over hashed word and character n-grams. Tokens: jieba's words for Chinese text (jieba-wasm,
 * with its HMM for words outside the dictionary) plus character uni- and bigrams, which carry
 * negation (不好) and words jieba splits; for other text, lower-cased word unigrams and bigrams
 * plus character trigrams within words. Features are hashed (FNV-1a) into 2^18 buckets so the
 * model is a fixed 1 MB whatever the vocabulary, counted once per review and L2-normalised
 * (the usual setup for linear text classifiers: Joachims 1998; Weinberger et al., "Feature
 * hashing for large scale multitask learning", ICML 2009). Fitted by AdaGrad on the log loss
 * with an L2 penalty, in seeded order, so the same reviews give the same model.
 *
 * A prediction keeps its reasons: the tokens whose weights moved its score most, each with its
 * sign, so a marketer can see why a review reads as negative.
 */
import { createRequire } from 'node:module';
import type * as JiebaModule from 'jieba-wasm';
import { createRandom } from '../lib/random.js';
import { hasChineseText } from './chinese-keywords.js';
import { lexiconSentiment } from './english-model.js';

type Jieba = typeof JiebaModule;
let jieba: Jieba | null = null;

/** log2 of the hashed feature space. */
const HASH_BITS = 18;
const BUCKETS = 1 << HASH_BITS;

/** The languages a model is fitted per: Chinese (text with Han characters) and everything else, read as English. */
export const REVIEW_LANGUAGES = ['zh', 'en'] as const;
export type ReviewLanguage = (typeof REVIEW_LANGUAGES)[number];

export function reviewLanguage(text: string): ReviewLanguage {
  return hasChineseText(text) ? 'zh' : 'en';
}

export interface LabelledReview {
  text: string;
  positive: boolean;
}

export interface SentimentModel {
  /** One weight per hashed bucket. */
  weights: Float32Array;
  /** The lexicon score's weight. */
  lexicon: number;
  bias: number;
  /** Reviews it was fitted on, by class. */
  positives: number;
  negatives: number;
}

export interface FitOptions {
  epochs?: number;
  /** L2 penalty per example and step. */
  l2?: number;
  learningRate?: number;
  seed?: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const HAN = /\p{Script=Han}/u;

/** The tokens a review's features come from, in order (duplicates kept: reasons read them). */
export function reviewTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const tokens: string[] = [];
  if (hasChineseText(lower)) {
    jieba ??= createRequire(import.meta.url)('jieba-wasm') as Jieba;
    const words = jieba.cut(lower, true).filter((word) => /[\p{L}\p{N}]/u.test(word));
    tokens.push(...words.map((word) => `w:${word}`));
    const characters = [...lower].filter((character) => HAN.test(character));
    tokens.push(...characters.map((character) => `c:${character}`));
    for (let i = 1; i < characters.length; i += 1) tokens.push(`c:${characters[i - 1]}${characters[i]}`);
    return tokens;
  }
  const words = lower.match(WORD) ?? [];
  tokens.push(...words.map((word) => `w:${word}`));
  for (let i = 1; i < words.length; i += 1) tokens.push(`b:${words[i - 1]} ${words[i]}`);
  for (const word of words) {
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i += 1) tokens.push(`t:${padded.slice(i, i + 3)}`);
  }
  return tokens;
}

/** FNV-1a, 32 bits, of a token, folded into the bucket range. */
function bucketOf(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & (BUCKETS - 1);
}

/**
 * A review as features: distinct buckets, each 1/√n (binary, L2-normalised), and the lexicon's
 * score of it (src/text/read-review.ts; 0 where it has none, as for Chinese), one dense input
 * whose weight is learned like the others: a few hundred rated reviews teach fewer words than a
 * lexicon knows, and the model learns how far to trust it.
 */
interface Features {
  buckets: Int32Array;
  value: number;
  lexicon: number;
}

function featuresOf(text: string, tokens: readonly string[], lexicon = lexiconSentiment(text) ?? 0): Features {
  const buckets = Int32Array.from(new Set(tokens.map(bucketOf)));
  return { buckets, value: buckets.length === 0 ? 0 : 1 / Math.sqrt(buckets.length), lexicon };
}

interface Example {
  features: Features;
  label: 0 | 1;
}

const toExamples = (reviews: readonly LabelledReview[]): Example[] =>
  reviews.map((review) => ({ features: featuresOf(review.text, reviewTokens(review.text)), label: review.positive ? 1 : 0 }));

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Fits the model; reviews of both classes are needed. */
export function fitSentimentModel(reviews: readonly LabelledReview[], options: FitOptions = {}): SentimentModel {
  return fitExamples(toExamples(reviews), options);
}

function fitExamples(data: readonly Example[], options: FitOptions): SentimentModel {
  const positives = data.filter((example) => example.label === 1).length;
  if (positives === 0 || positives === data.length) throw new Error('a sentiment model needs rated reviews of both classes');
  const epochs = options.epochs ?? 8;
  const l2 = options.l2 ?? 1e-6;
  const rate = options.learningRate ?? 0.5;
  const weights = new Float32Array(BUCKETS);
  const squares = new Float32Array(BUCKETS).fill(1e-8);
  // The bias starts at the classes' log odds, so a skewed shop does not spend epochs finding it.
  let bias = Math.log(positives / (data.length - positives));
  let biasSquares = 1e-8;
  let lexicon = 0;
  let lexiconSquares = 1e-8;
  const random = createRandom(options.seed ?? 7);
  const order = data.map((_, index) => index);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const { features, label } = data[index] as (typeof data)[number];
      let z = bias + lexicon * features.lexicon;
      for (const bucket of features.buckets) z += (weights[bucket] as number) * features.value;
      const error = sigmoid(z) - label;
      const lexiconGradient = error * features.lexicon;
      lexiconSquares += lexiconGradient * lexiconGradient;
      lexicon -= (rate * lexiconGradient) / Math.sqrt(lexiconSquares);
      for (const bucket of features.buckets) {
        const gradient = error * features.value + l2 * (weights[bucket] as number);
        squares[bucket] = (squares[bucket] as number) + gradient * gradient;
        weights[bucket] = (weights[bucket] as number) - (rate * gradient) / Math.sqrt(squares[bucket] as number);
      }
      biasSquares += error * error;
      bias -= (rate * error) / Math.sqrt(biasSquares);
    }
  }
  return { weights, lexicon, bias, positives, negatives: data.length - positives };
}

export interface SentimentReading {
  /** P(positive). */
  probability: number;
  /** 2p − 1: the −1 … 1 scale the lexicon's scores use. */
  score: number;
  /** The tokens that moved the score most, strongest first: positive pulls up, negative down. */
  reasons: { token: string; weight: number }[];
}

/** Reads one review; `reasons` tokens drop their kind prefix (w:, c:, b:, t:). */
export function readSentiment(model: SentimentModel, text: string, reasons = 3, lexicon?: number): SentimentReading {
  const tokens = reviewTokens(text);
  const features = featuresOf(text, tokens, lexicon);
  const probability = probabilityOf(model, features);
  // A token's pull is its bucket's weight (once, as features count each bucket once); characters
  // and trigrams explain less to a reader than words, so words and bigrams are preferred.
  const pulls = new Map<string, number>();
  for (const token of tokens) {
    if (!(token.startsWith('w:') || token.startsWith('b:'))) continue;
    // A number explains nothing to a reader, and a phone number written into a review must not surface as a reason.
    if (/\p{N}/u.test(token)) continue;
    pulls.set(token.slice(2), (model.weights[bucketOf(token)] as number) * features.value);
  }
  const strongest = [...pulls]
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, reasons)
    .map(([token, weight]) => ({ token, weight }));
  return { probability, score: 2 * probability - 1, reasons: strongest };
}

function probabilityOf(model: SentimentModel, features: Features): number {
  let z = model.bias + model.lexicon * features.lexicon;
  for (const bucket of features.buckets) z += (model.weights[bucket] as number) * features.value;
  return sigmoid(z);
}

/** Area under the ROC curve of scores against labels (the rank statistic; ties count half). */
export function rocAuc(scored: readonly { score: number; positive: boolean }[]): number {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && (sorted[j] as (typeof sorted)[number]).score === (sorted[i] as (typeof sorted)[number]).score) j += 1;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k += 1) {
      if ((sorted[k] as (typeof sorted)[number]).positive) {
        rankSum += rank;
        positives += 1;
      }
    }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** k-fold cross-validation in seeded folds: accuracy (score ≥ 0 reads positive) and ROC AUC over the held-out reviews. */
export function crossValidate(reviews: readonly LabelledReview[], folds = 5, options: FitOptions = {}): { accuracy: number; auc: number } {
  // Each review is tokenised and hashed once, not once per fold.
  const data = toExamples(reviews);
  const random = createRandom(options.seed ?? 7);
  const foldOf = data.map(() => Math.floor(random() * folds));
  const scored: { score: number; positive: boolean }[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const model = fitExamples(
      data.filter((_, index) => foldOf[index] !== fold),
      options,
    );
    data.forEach((example, index) => {
      if (foldOf[index] === fold) scored.push({ score: 2 * probabilityOf(model, example.features) - 1, positive: example.label === 1 });
    });
  }
  const correct = scored.filter((item) => item.score >= 0 === item.positive).length;
  return { accuracy: correct / scored.length, auc: rocAuc(scored) };
}

/** A model as the graph stores it: the buckets with a weight, and their weights (most of the 2^18 are never touched). */
export interface SparseSentimentModel {
  buckets: number[];
  weights: number[];
  lexicon: number;
  bias: number;
  positives: number;
  negatives: number;
}

export function toSparse(model: SentimentModel): SparseSentimentModel {
  const buckets: number[] = [];
  const weights: number[] = [];
  model.weights.forEach((weight, bucket) => {
    if (weight === 0) return;
    buckets.push(bucket);
    weights.push(weight);
  });
  return { buckets, weights, lexicon: model.lexicon, bias: model.bias, positives: model.positives, negatives: model.negatives };
}

export function fromSparse(stored: SparseSentimentModel): SentimentModel {
  if (stored.buckets.length !== stored.weights.length)
    throw new Error(`a stored sentiment model has ${stored.buckets.length} buckets and ${stored.weights.length} weights`);
  const weights = new Float32Array(BUCKETS);
  stored.buckets.forEach((bucket, index) => {
    weights[bucket] = stored.weights[index] as number;
  });
  return { weights, lexicon: stored.lexicon, bias: stored.bias, positives: stored.positives, negatives: stored.negatives };
}
