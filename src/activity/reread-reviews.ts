/**
 * Re-reads stored reviews with the current reader (src/text/read-review.ts). A review's
 * sentiment and keywords are read once, when it is recorded, so a reader that changes leaves
 * the reviews recorded before as the old reader read them: Chinese reviews recorded before
 * keywords came from jieba and Chinese sentiment was left unread kept English-model keywords
 * and a neutral 0 that pulled every mean toward zero. `profile-graph reviews reread` brings
 * them to what recording them today would store.
 *
 * Idempotent and resumable: only reviews whose reading differs are written, a page of users per
 * transaction; an interrupted run is re-run, and a second run writes nothing. Text, rating and
 * time never change. Derived tags (`sentiment`, `topics`) follow on the next TAGS run.
 */
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { readReview } from '../text/index.js';
import { activityQueries } from './queries.js';

/** Users per page (and per write transaction): a page's reviews are read in memory. */
const USERS_PER_PAGE = 1_000;

export interface RereadReport {
  users: number;
  reviews: number;
  /** Reviews whose sentiment or keywords the reader now reads differently (written). */
  changed: number;
}

const sameKeywords = (a: readonly string[] | null, b: readonly string[]) => a != null && a.length === b.length && a.every((word, index) => word === b[index]);

/** `onPage` hears the users done so far after each page (a progress bar). */
export async function rereadReviews(db: Db, onPage: (usersDone: number) => void = () => {}, usersPerPage = USERS_PER_PAGE): Promise<RereadReport> {
  const report: RereadReport = { users: 0, reviews: 0, changed: 0 };
  for (let afterId = ''; ;) {
    const page = await db.query(activityQueries.reviewsPage, { afterId, limit: int(usersPerPage) });
    const last = page.at(-1);
    if (!last) return report;
    const rows = page.flatMap(({ userId, reviews }) =>
      reviews.flatMap((review) => {
        const reading = readReview(review.text);
        if (reading.sentiment === review.sentiment && sameKeywords(review.keywords, reading.keywords)) return [];
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
