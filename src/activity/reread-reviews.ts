/**
 * Re-reads stored reviews with the current reader (src/text/read-review.ts) and the sentiment
 * models stored now (./sentiment-models.ts). A review's sentiment and keywords are read once,
 * when it is recorded, so a reader or a model that changes leaves the reviews recorded before as
 * they were read then. The TAGS run calls this after it fits the models; `profile-graph reviews
 * reread` does it by hand (after an upgrade changed the reader): both bring every review to what
 * recording it today would store.
 *
 * Idempotent and resumable: only reviews whose reading differs are written, a page of users per
 * transaction; an interrupted run is re-run, and a second run writes nothing. Text, rating and
 * time never change. Derived tags (`sentiment`, `topics`) follow on the next TAGS run.
 */
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { readReview, type ReviewReading, type SentimentModels } from '../text/index.js';
import { activityQueries } from './queries.js';

/** Users with reviews per page (and per write transaction): a page's reviews are read in memory. */
const USERS_PER_PAGE = 1_000;

export interface RereadReport {
  users: number;
  reviews: number;
  /** Reviews whose sentiment or keywords the reader now reads differently (written). */
  changed: number;
}

const sameList = <T>(a: readonly T[] | null, b: readonly T[]) => a != null && a.length === b.length && a.every((item, index) => item === b[index]);

function sameReading(
  stored: {
    sentiment: number | null;
    sentimentSource: string | null;
    sentimentReasons: string[] | null;
    sentimentReasonWeights: number[] | null;
    keywords: string[] | null;
  },
  reading: ReviewReading,
): boolean {
  return (
    stored.sentiment === reading.sentiment &&
    stored.sentimentSource === reading.sentimentSource &&
    sameList(stored.sentimentReasons, reading.sentimentReasons) &&
    sameList(stored.sentimentReasonWeights, reading.sentimentReasonWeights) &&
    sameList(stored.keywords, reading.keywords)
  );
}

/** `onPage` hears the users done so far after each page (a progress bar). */
export async function rereadReviews(
  db: Db,
  models: SentimentModels,
  onPage: (usersDone: number) => void = () => {},
  usersPerPage = USERS_PER_PAGE,
): Promise<RereadReport> {
  const report: RereadReport = { users: 0, reviews: 0, changed: 0 };
  for (let afterId = ''; ;) {
    const page = await db.query(activityQueries.reviewsPage, { afterId, limit: int(usersPerPage) });
    const last = page.at(-1);
    if (!last) return report;
    const rows = page.flatMap(({ userId, reviews }) =>
      reviews.flatMap((review) => {
        const reading = readReview(review.text, models);
        if (sameReading(review, reading)) return [];
        return [{ userId, productId: review.productId, at: toSafeNumber(review.at), ...reading }];
      }),
    );
    if (rows.length > 0) {
      const [written] = await db.mutate(activityQueries.writeReviewReadings, { rows });
      report.changed += toSafeNumber(written?.written ?? 0);
    }
    report.users += page.length;
    report.reviews += page.reduce((sum, { reviews }) => sum + reviews.length, 0);
    onPage(report.users);
    if (page.length < usersPerPage) return report;
    afterId = last.userId;
  }
}

/** Users with at least one review (the total a progress bar counts to). */
export async function countReviewers(db: Db): Promise<number> {
  const [row] = await db.query(activityQueries.countReviewers, {});
  return toSafeNumber(row?.users ?? 0);
}
