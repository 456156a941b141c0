/**
 * The review sentiment models learned from the shop's own ratings (issue 39): fitted per review
 * language by the TAGS run on the newest rated reviews of users who consent to profiling, kept on
 * the graph (one `SentimentModel` node per language, with its fitting time and cross-validated
 * accuracy), and read back by every process that reads reviews (recordEvents, the stream,
 * `reviews reread`). A language with fewer than MIN_RATED_REVIEWS rated reviews, or with one
 * class missing, keeps the lexicon (English) or no sentiment (Chinese), and its node says why.
 * The model itself: src/text/sentiment-model.ts; docs/ALGORITHMS.md, "Sentiment learned from a
 * shop's rated reviews".
 */
import type { Db } from '../db/db.js';
import { int, toIsoString, toNeo4jDateTime, toNullableNumber, toSafeNumber } from '../db/values.js';
import {
  crossValidate,
  fitSentimentModel,
  fromSparse,
  REVIEW_LANGUAGES,
  reviewLanguage,
  toSparse,
  type LabelledReview,
  type ReviewLanguage,
  type SentimentModels,
  type SentimentSource,
  NO_SENTIMENT_MODELS,
} from '../text/index.js';
import { activityQueries } from './queries.js';

/** Fewer rated reviews in a language than this and its sentiment stays as it was (issue 39: "say < 500"). */
export const MIN_RATED_REVIEWS = 500;
/** And at least this many of each class: a model of one class learns nothing but its bias. */
const MIN_PER_CLASS = 25;
/** Reviews a language's model is fitted on, newest first: ~2 s per fit at 20,000 (bench:sentiment), six fits with the cross-validation. */
const MAX_FIT_REVIEWS = 20_000;
/** Rated reviews read per run, all languages together, newest first. */
const MAX_READ_REVIEWS = 200_000;
const CV_FOLDS = 5;

export interface SentimentFit {
  language: ReviewLanguage;
  ratedReviews: number;
  /** null: too few rated reviews (or one class only); the lexicon or nothing reads this language. */
  fitted: { positives: number; negatives: number; accuracy: number; auc: number } | null;
}

type StoredModel = NonNullable<(typeof activityQueries.saveSentimentModel)['_types']>[1]['model'];

/**
 * Fits a model per language and stores it (or removes the one stored, when its reviews no longer
 * suffice). Deterministic: the same reviews give the same weights (seeded folds and order).
 */
export async function fitSentimentModels(db: Db, now: Date): Promise<SentimentFit[]> {
  const byLanguage = new Map<ReviewLanguage, LabelledReview[]>(REVIEW_LANGUAGES.map((language) => [language, []]));
  for (const row of await db.query(activityQueries.ratedReviews, { limit: int(MAX_READ_REVIEWS) })) {
    const reviews = byLanguage.get(reviewLanguage(row.text));
    if (reviews && reviews.length < MAX_FIT_REVIEWS) reviews.push({ text: row.text, positive: row.positive });
  }
  const fits: SentimentFit[] = [];
  for (const [language, reviews] of byLanguage) {
    const positives = reviews.filter((review) => review.positive).length;
    const negatives = reviews.length - positives;
    let stored: StoredModel = null;
    let fitted: SentimentFit['fitted'] = null;
    if (reviews.length >= MIN_RATED_REVIEWS && Math.min(positives, negatives) >= MIN_PER_CLASS) {
      const { accuracy, auc } = crossValidate(reviews, CV_FOLDS);
      const sparse = toSparse(fitSentimentModel(reviews));
      fitted = { positives, negatives, accuracy, auc };
      stored = { ...sparse, buckets: sparse.buckets.map((bucket) => int(bucket)), positives: int(positives), negatives: int(negatives), accuracy, auc };
    }
    await db.mutate(activityQueries.saveSentimentModel, {
      language,
      at: toNeo4jDateTime(now),
      ratedReviews: int(reviews.length),
      minimum: int(MIN_RATED_REVIEWS),
      model: stored,
    });
    fits.push({ language, ratedReviews: reviews.length, fitted });
  }
  return fits;
}

/** Query.sentimentModels: per language, what reads its reviews and why. */
export interface SentimentModelStatus {
  language: ReviewLanguage;
  source: SentimentSource;
  ratedReviews: number;
  minimumRatedReviews: number;
  positives: number | null;
  negatives: number | null;
  accuracy: number | null;
  auc: number | null;
  fittedAt: string | null;
  checkedAt: string | null;
}

/** Every language, also those no TAGS run has looked at yet (0 rated reviews, checkedAt null). */
export async function sentimentModelStatus(db: Db): Promise<SentimentModelStatus[]> {
  const rows = new Map((await db.query(activityQueries.sentimentModelStatus, {})).map((row) => [row.language, row]));
  return REVIEW_LANGUAGES.map((language) => {
    const row = rows.get(language);
    const fitted = row?.fittedAt != null;
    return {
      language,
      source: fitted ? 'LEARNED' : language === 'zh' ? 'NONE' : 'LEXICON',
      ratedReviews: row ? toSafeNumber(row.ratedReviews) : 0,
      minimumRatedReviews: row ? toSafeNumber(row.minimum) : MIN_RATED_REVIEWS,
      positives: toNullableNumber(row?.positives),
      negatives: toNullableNumber(row?.negatives),
      accuracy: row?.accuracy ?? null,
      auc: row?.auc ?? null,
      fittedAt: toIsoString(row?.fittedAt),
      checkedAt: toIsoString(row?.checkedAt),
    };
  });
}

/**
 * The stored models as a process reads reviews with them. Each read first asks the graph which
 * models exist and when they were fitted (a small statement), and loads weights only when that
 * changed: a refit by the TAGS run on any replica is read by the next batch everywhere, and the
 * process keeps no state another replica would need. One cache per Db (the connection pool).
 */
class SentimentModelCache {
  private loaded: { key: string; models: SentimentModels } = { key: '', models: NO_SENTIMENT_MODELS };
  private loading: Promise<SentimentModels> | null = null;

  constructor(private readonly db: Db) {}

  async current(): Promise<SentimentModels> {
    const versions = await this.db.query(activityQueries.sentimentModelVersions, {});
    const key = versions.map((row) => `${row.language}@${toSafeNumber(row.version)}`).join(',');
    if (key === this.loaded.key) return this.loaded.models;
    // Concurrent batches after a refit share one load.
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<SentimentModels> {
    const rows = await this.db.query(activityQueries.sentimentModels, {});
    const models = new Map(
      rows.map((row) => [
        row.language as ReviewLanguage,
        fromSparse({
          buckets: row.buckets.map((bucket) => toSafeNumber(bucket)),
          weights: row.weights,
          lexicon: row.lexicon,
          bias: row.bias,
          positives: toSafeNumber(row.positives),
          negatives: toSafeNumber(row.negatives),
        }),
      ]),
    );
    this.loaded = { key: rows.map((row) => `${row.language}@${toSafeNumber(row.version)}`).join(','), models };
    return models;
  }
}

const caches = new WeakMap<Db, SentimentModelCache>();

/** The sentiment models stored now (none before the first TAGS run that could fit one). */
export function currentSentimentModels(db: Db): Promise<SentimentModels> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SentimentModelCache(db);
    caches.set(db, cache);
  }
  return cache.current();
}
