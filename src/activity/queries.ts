import type { UserMap } from '../profiles/index.js';
import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { EpochMillis } from '../db/values.js';
import type { ProductMap } from '../catalog/index.js';

/** `at` in epoch milliseconds: the activity statements pass times as numbers (cypher/activity/record-views.cypher). */
type Fresh = { userId: string; productId: string; at: Integer };

/** How a review's sentiment was read, as REVIEWED stores it (src/text/read-review.ts); absent on reviews read before it was stored. */
type StoredReading = { sentimentSource: string | null; sentimentReasons: string[] | null; sentimentReasonWeights: number[] | null };

/** What the reader writes (cypher/activity/record-reviews.cypher, write-review-readings.cypher). */
type Reading = { sentiment: number | null; sentimentSource: string; sentimentReasons: string[]; sentimentReasonWeights: number[]; keywords: string[] };

export const activityQueries = {
  missingReferences: cypher<{ missingUsers: string[]; redirects: [string, string][]; missingProducts: string[] }, { userIds: string[]; productIds: string[] }>(
    'activity/missing-references',
  ),
  recordPurchases: cypher<Fresh, { rows: { userId: string; productId: string; at: number; quantity: Integer; amount: number | null }[] }>(
    'activity/record-purchases',
  ),
  recordViews: cypher<Fresh, { rows: { userId: string; productId: string; ats: number[] }[] }>('activity/record-views'),
  recordRatings: cypher<Fresh & { score: Integer }, { rows: { userId: string; productId: string; ratings: { at: number; score: Integer }[] }[] }>(
    'activity/record-ratings',
  ),
  touchLastActive: cypher<{ touched: Integer }, { rows: { userId: string; at: number }[] }>('activity/touch-last-active'),
  applyInterestSignals: cypher<{ written: Integer }, { signals: { userId: string; productId: string; at: number; base: number }[]; halfLifeMs: number }>(
    'activity/apply-interest-signals',
  ),
  recordReviews: cypher<
    { userId: string; productId: string; at: Integer; rating: Integer | null },
    { rows: ({ userId: string; productId: string; at: number; text: string; rating: Integer | null } & Reading)[] }
  >('activity/record-reviews'),
  reviewsByProductIds: cypher<
    { productId: string; user: UserMap; text: string; rating: Integer | null; sentiment: number | null; keywords: string[]; at: Integer } & StoredReading,
    { productIds: string[]; limit: Integer }
  >('activity/reviews-by-product-ids'),
  topicsByProductIds: cypher<{ productId: string; topic: string; reviews: Integer; sentiment: number | null }, { productIds: string[]; limit: Integer }>(
    'activity/topics-by-product-ids',
  ),
  reviewSentimentByUserIds: cypher<
    {
      userId: string;
      mean: number | null;
      reviews: Integer;
      topics: string[];
      byInterest: { interestId: string; interestName: string; mean: number | null; reviews: Integer }[];
      sources: ({ productId: string; text: string; rating: Integer | null; sentiment: number | null; keywords: string[]; at: Integer } & StoredReading)[];
    },
    { userIds: string[] }
  >('activity/review-sentiment-by-user-ids'),
  reviewsPage: cypher<
    { userId: string; reviews: ({ productId: string; at: Integer; text: string; sentiment: number | null; keywords: string[] | null } & StoredReading)[] },
    { afterId: string; limit: Integer }
  >('activity/reviews-page'),
  writeReviewReadings: cypher<{ written: Integer }, { rows: ({ userId: string; productId: string; at: number } & Reading)[] }>(
    'activity/write-review-readings',
  ),
  countReviewers: cypher<{ users: Integer }, Record<string, never>>('activity/count-reviewers'),
  ratedReviews: cypher<{ text: string; positive: boolean }, { limit: Integer }>('activity/rated-reviews'),
  saveSentimentModel: cypher<
    { language: string },
    {
      language: string;
      at: DateTime;
      ratedReviews: Integer;
      minimum: Integer;
      model: {
        buckets: Integer[];
        weights: number[];
        lexicon: number;
        bias: number;
        positives: Integer;
        negatives: Integer;
        accuracy: number;
        auc: number;
      } | null;
    }
  >('activity/save-sentiment-model'),
  sentimentModelVersions: cypher<{ language: string; version: Integer }, Record<string, never>>('activity/sentiment-model-versions'),
  sentimentModels: cypher<
    { language: string; version: Integer; buckets: Integer[]; weights: number[]; lexicon: number; bias: number; positives: Integer; negatives: Integer },
    Record<string, never>
  >('activity/sentiment-models'),
  sentimentModelStatus: cypher<
    {
      language: string;
      checkedAt: DateTime;
      ratedReviews: Integer;
      minimum: Integer;
      fittedAt: DateTime | null;
      positives: Integer | null;
      negatives: Integer | null;
      accuracy: number | null;
      auc: number | null;
    },
    Record<string, never>
  >('activity/sentiment-model-status'),
  pruneEventLog: cypher<{ deleted: Integer }, { kinds: string[]; before: DateTime; limit: Integer }>('activity/prune-event-log'),
  appendEventLog: cypher<never, { events: { userId: string; productId: string; kind: string; at: number }[] }>('activity/append-event-log'),
  countByMinute: cypher<{ minutes: Integer }, { minutes: { at: number; views: Integer; purchases: Integer; ratings: Integer }[] }>('activity/count-by-minute'),
  liveActivity: cypher<
    {
      activeUsers: Integer;
      views: Integer;
      purchases: Integer;
      ratings: Integer;
      topProducts: { product: ProductMap; viewers: Integer; buyers: Integer; raters: Integer; score: number }[];
      topInterests: { interest: { id: string; name: string | null }; score: number; products: Integer }[];
    },
    { since: DateTime; top: Integer }
  >('activity/live-activity'),
  purchasesByUserIds: cypher<
    { userId: string; product: ProductMap; at: EpochMillis; quantity: Integer | null; amount: number | null },
    { userIds: string[]; afterAt: DateTime | null; afterProductId: string | null; limit: Integer }
  >('activity/purchases-by-user-ids'),
  purchaseCountsByUserIds: cypher<{ userId: string; total: Integer }, { userIds: string[] }>('activity/purchase-counts-by-user-ids'),
} as const;
