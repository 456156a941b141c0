/**
 * Live counters (`activity(window:)`): what a marketer watches during a campaign. Served from the
 * graph by one statement (cypher/activity/live-activity.cypher) over indexes, so every API
 * replica answers the same, and the stream consumer's writes show up as soon as they commit.
 */
import type { Db } from '../db/db.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { toProduct, type Product } from '../catalog/index.js';
import { activityQueries } from './queries.js';

export const ACTIVITY_WINDOWS = {
  LAST_5_MINUTES: 5 * 60_000,
  LAST_15_MINUTES: 15 * 60_000,
  LAST_HOUR: 3_600_000,
  LAST_24_HOURS: 86_400_000,
  LAST_7_DAYS: 7 * 86_400_000,
} as const;
export type ActivityWindow = keyof typeof ACTIVITY_WINDOWS;

export interface LiveActivity {
  window: ActivityWindow;
  since: Date;
  until: Date;
  activeUsers: number;
  events: { views: number; purchases: number; ratings: number; total: number };
  topProducts: { product: Product; viewers: number; buyers: number; raters: number; score: number }[];
  topInterests: { interest: { id: string; name: string }; score: number; products: number }[];
}

/**
 * The window starts at a minute boundary (the event counters are per minute), so it spans up to
 * a minute more than its name: LAST_15_MINUTES at 10:07:30 counts from 09:52:00.
 */
export async function liveActivity(db: Db, window: ActivityWindow, top: number, now: Date): Promise<LiveActivity> {
  const since = new Date(Math.floor((now.getTime() - ACTIVITY_WINDOWS[window]) / 60_000) * 60_000);
  const [row] = await db.query(activityQueries.liveActivity, { since: toNeo4jDateTime(since), top: int(top) });
  const views = toSafeNumber(row?.views ?? 0);
  const purchases = toSafeNumber(row?.purchases ?? 0);
  const ratings = toSafeNumber(row?.ratings ?? 0);
  return {
    window,
    since,
    until: now,
    activeUsers: toSafeNumber(row?.activeUsers ?? 0),
    events: { views, purchases, ratings, total: views + purchases + ratings },
    topProducts: (row?.topProducts ?? []).map((entry) => ({
      product: toProduct(entry.product),
      viewers: toSafeNumber(entry.viewers),
      buyers: toSafeNumber(entry.buyers),
      raters: toSafeNumber(entry.raters),
      score: entry.score,
    })),
    topInterests: (row?.topInterests ?? []).map((entry) => ({
      interest: { id: entry.interest.id, name: entry.interest.name ?? entry.interest.id },
      score: entry.score,
      products: toSafeNumber(entry.products),
    })),
  };
}
