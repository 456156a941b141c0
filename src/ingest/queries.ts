import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';

type Written = { written: Integer };
/** What an ingest upsert did against the graph as it was (src/ingest/pipeline.ts WriteCounts). */
type Changes = { created: Integer; updated: Integer; unchanged: Integer };
type Tag = { interestId: string; weight: number };

export const ingestQueries = {
  upsertUsers: cypher<Changes, { rows: { id: string; props: Record<string, unknown> }[] }>('ingest/upsert-users'),
  // One upsert per entity: importers write interests and products with the API's statements.
  upsertInterests: cypher<Written, { rows: { id: string; name: string }[] }>('profiles/upsert-interests'),
  upsertProducts: cypher<Written, { rows: { id: string; props: Record<string, unknown>; interests: Tag[] }[]; replaceInterests: false }>(
    'catalog/upsert-products',
  ),
  upsertProductInterests: cypher<Changes, { rows: { productId: string; interestId: string; weight: number }[] }>('ingest/upsert-product-interests'),
  /** `since`: epoch milliseconds (cypher/ingest/upsert-follows.cypher says why not a DateTime). */
  upsertFollows: cypher<Changes, { rows: { followerId: string; followeeId: string; since: number | null; weight: number }[] }>('ingest/upsert-follows'),
  upsertUserInterests: cypher<Changes, { rows: { userId: string; interestId: string; weight: number }[]; now: DateTime }>('ingest/upsert-user-interests'),
  upsertListens: cypher<Changes, { rows: { userId: string; productId: string; count: Integer }[] }>('ingest/upsert-listens'),
  /** recordEvents' own statement (lastActiveAt only moves forward), for the users of staged events after an initial load. */
  touchLastActive: cypher<{ touched: Integer }, { rows: { userId: string; at: number }[] }>('activity/touch-last-active'),
  existingIds: cypher<
    { users: string[]; products: string[]; interests: string[]; identities: string[] },
    { userIds: string[]; productIds: string[]; interestIds: string[]; identityKeys: string[] }
  >('ingest/existing-ids'),
  countUsers: cypher<{ users: Integer }, Record<string, never>>('ingest/count-users'),
  importRunHeartbeat: cypher<{ id: string }, { id: string; now: DateTime }>('ingest/import-run-heartbeat'),
  markAbandonedImportRuns: cypher<{ abandoned: Integer }, { before: DateTime; now: DateTime }>('ingest/mark-abandoned-import-runs'),
  startImportRun: cypher<{ id: string }, { id: string; source: string; location: string; startedAt: DateTime }>('ingest/start-import-run'),
  finishImportRun: cypher<{ id: string }, { id: string; status: string; finishedAt: DateTime; rows: Integer; rejected: Integer }>('ingest/finish-import-run'),
  stats: cypher<Record<string, unknown>, { staleBefore: DateTime }>('ingest/stats'),
  deleteAllRelationships: cypher<never, Record<string, never>>('ingest/delete-all-relationships'),
  deleteAll: cypher<never, Record<string, never>>('ingest/delete-all'),
} as const;
