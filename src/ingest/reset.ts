import type { Db } from '../db/db.js';
import { ingestQueries } from './queries.js';

/**
 * Deletes every node and relationship (the schema stays), relationships first, in bounded
 * transactions, so it works on a server with a small heap whatever the graph's hubs.
 */
export async function deleteAllData(db: Db): Promise<void> {
  await db.autoCommit(ingestQueries.deleteAllRelationships, {});
  await db.autoCommit(ingestQueries.deleteAll, {});
}
