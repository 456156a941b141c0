import type DataLoader from 'dataloader';
import { toProduct, type Product } from '../catalog/index.js';
import type { Db } from '../db/db.js';
import { int, toIsoString, toNeo4jDateTime, toNullableNumber, toSafeNumber } from '../db/values.js';
import { byIdLoader, groupBy, groupedLoader } from '../graphql/grouped-loader.js';
import type { LoaderOptions } from '../graphql/grouped-loader.js';
import { toUser, type User } from '../profiles/index.js';
import { SENTIMENT_SOURCES, type SentimentSource } from '../text/index.js';
import { activityQueries } from './queries.js';

export interface Purchase {
  product: Product;
  at: string;
  quantity: number;
  amount: number | null;
}

export interface Review {
  user: User;
  productId: string;
  /** As written: masked per role by the resolver. */
  text: string;
  rating: number | null;
  /** −1 … 1, read when recorded; null: text nothing could read (Chinese without a model). */
  sentiment: number | null;
  sentimentSource: SentimentSource;
  /** A learned reading's reasons, strongest first: as stored, before masking. */
  sentimentReasons: { word: string; weight: number }[];
  keywords: string[];
  at: string;
}

/** How a stored review's sentiment was read; reviews recorded before the source was stored read as the lexicon read them. */
function storedReading(row: {
  sentiment: number | null;
  sentimentSource: string | null;
  sentimentReasons: string[] | null;
  sentimentReasonWeights: number[] | null;
}): Pick<Review, 'sentimentSource' | 'sentimentReasons'> {
  const source = SENTIMENT_SOURCES.find((known) => known === row.sentimentSource) ?? (row.sentiment === null ? 'NONE' : 'LEXICON');
  const weights = row.sentimentReasonWeights ?? [];
  return { sentimentSource: source, sentimentReasons: (row.sentimentReasons ?? []).map((word, index) => ({ word, weight: weights[index] ?? 0 })) };
}

export interface ReviewTopic {
  topic: string;
  reviews: number;
  /** Over the reviews naming it whose sentiment was read; null: none was. */
  sentiment: number | null;
}

/** A user's reviews summed up (cypher/activity/review-sentiment-by-user-ids.cypher); sources without their user. */
export interface UserReviewSentiment {
  /** Over the reviews whose sentiment was read; null: none was. */
  sentiment: number | null;
  reviews: number;
  topics: string[];
  byInterest: { interest: { id: string; name: string }; sentiment: number | null; reviews: number }[];
  sources: Omit<Review, 'user'>[];
}

export type PurchasePageArgs = { after: [string, string] | null; limit: number };

export interface ActivityLoaders {
  /** Fetches limit+1 purchases per user so the page knows whether more exist. */
  purchasesByUserId: DataLoader<{ id: string; args: PurchasePageArgs }, Purchase[], string>;
  purchaseCount: DataLoader<string, number | null>;
  /** The newest `limit` reviews per product, by consenting users. */
  reviewsByProductId: DataLoader<{ id: string; args: { limit: number } }, Review[], string>;
  topicsByProductId: DataLoader<{ id: string; args: { limit: number } }, ReviewTopic[], string>;
  reviewSentimentByUserId: DataLoader<string, UserReviewSentiment | null>;
}

export function createActivityLoaders(db: Db, options?: LoaderOptions): ActivityLoaders {
  return {
    purchasesByUserId: groupedLoader(
      async (userIds, { after, limit }) => {
        const rows = await db.query(activityQueries.purchasesByUserIds, {
          userIds,
          afterAt: after ? toNeo4jDateTime(new Date(after[0])) : null,
          afterProductId: after?.[1] ?? null,
          limit: int(limit + 1),
        });
        return groupBy(
          rows,
          (row) => row.userId,
          (row): Purchase => ({
            product: toProduct(row.product),
            at: toIsoString(row.at) ?? '',
            quantity: toNullableNumber(row.quantity) ?? 1,
            amount: row.amount,
          }),
        );
      },
      () => [],
      options,
    ),
    reviewsByProductId: groupedLoader(
      async (productIds, { limit }) => {
        const rows = await db.query(activityQueries.reviewsByProductIds, { productIds, limit: int(limit) });
        return groupBy(
          rows,
          (row) => row.productId,
          (row): Review => ({
            user: toUser(row.user),
            productId: row.productId,
            text: row.text,
            rating: toNullableNumber(row.rating),
            sentiment: row.sentiment,
            ...storedReading(row),
            keywords: row.keywords,
            at: toIsoString(row.at) ?? '',
          }),
        );
      },
      () => [],
      options,
    ),
    topicsByProductId: groupedLoader(
      async (productIds, { limit }) => {
        const rows = await db.query(activityQueries.topicsByProductIds, { productIds, limit: int(limit) });
        return groupBy(
          rows,
          (row) => row.productId,
          (row): ReviewTopic => ({ topic: row.topic, reviews: toSafeNumber(row.reviews), sentiment: row.sentiment }),
        );
      },
      () => [],
      options,
    ),
    reviewSentimentByUserId: byIdLoader(async (userIds) => {
      const rows = await db.query(activityQueries.reviewSentimentByUserIds, { userIds });
      return new Map(
        rows.map((row) => [
          row.userId,
          {
            sentiment: row.mean,
            reviews: toSafeNumber(row.reviews),
            topics: row.topics,
            byInterest: row.byInterest.map((entry) => ({
              interest: { id: entry.interestId, name: entry.interestName },
              sentiment: entry.mean,
              reviews: toSafeNumber(entry.reviews),
            })),
            sources: row.sources.map((source) => ({
              productId: source.productId,
              text: source.text,
              rating: toNullableNumber(source.rating),
              sentiment: source.sentiment,
              ...storedReading(source),
              keywords: source.keywords,
              at: toIsoString(source.at) ?? '',
            })),
          },
        ]),
      );
    }, options),
    purchaseCount: byIdLoader(async (userIds) => {
      const rows = await db.query(activityQueries.purchaseCountsByUserIds, { userIds });
      return new Map(rows.map((row) => [row.userId, toSafeNumber(row.total)]));
    }, options),
  };
}
