/**
 * How long the event log (cypher/activity/append-event-log.cypher) keeps its entries: every
 * event adds one node, and nothing else removes them. Pruned by each TAGS job (src/tags/jobs.ts);
 * EVENT_LOG_RETENTION_DAYS, default 400 days (a year-on-year funnel still has its year), at least
 * what purchase propensity reads (90 days of history before a 14-day horizon), 0 keeps all.
 */
import type { Db } from '../db/db.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import type { EventKind } from './interest-weights.js';
import { activityQueries } from './queries.js';

const LOGGED_KINDS: readonly EventKind[] = ['VIEW', 'PURCHASE', 'RATE', 'REVIEW'];

/** Entries deleted per transaction and kind: bounded memory and lock time on a large log. */
const PRUNE_BATCH = 10_000;

/** Deletes the entries older than `retentionDays` before `now`; 0 days keeps everything. */
export async function pruneEventLogOlderThan(db: Db, retentionDays: number, now: Date): Promise<{ deleted: number; before: Date | null }> {
  if (retentionDays === 0) return { deleted: 0, before: null };
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  let deleted = 0;
  for (;;) {
    const [row] = await db.mutate(activityQueries.pruneEventLog, { kinds: [...LOGGED_KINDS], before: toNeo4jDateTime(before), limit: int(PRUNE_BATCH) });
    const batch = toSafeNumber(row?.deleted ?? 0);
    deleted += batch;
    if (batch === 0) return { deleted, before };
  }
}
