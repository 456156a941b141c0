import type { Db } from '../db/db.js';
import { toNeo4jDateTime } from '../db/values.js';
import { ingestQueries } from './queries.js';

/**
 * Counts by label and type, data freshness and the last import (ingest/stats.cypher). A last
 * import still "running" with no heartbeat for `runStaleAfterMs` reads as abandoned.
 */
export async function graphStats(db: Db, runStaleAfterMs = 600_000): Promise<Record<string, unknown>> {
  const [row] = await db.query(ingestQueries.stats, { staleBefore: toNeo4jDateTime(new Date(Date.now() - runStaleAfterMs)) });
  return row ?? {};
}
