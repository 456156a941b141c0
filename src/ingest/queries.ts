import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';

type Written = { written: Integer };

export const ingestQueries = {
  upsertUsers: cypher<Written, { rows: { id: string; props: Record<string, unknown> }[] }>('ingest/upsert-users'),
  upsertInterests: cypher<Written, { rows: { id: string; name: string }[] }>('ingest/upsert-interests'),
  upsertProducts: cypher<
    Written,
    { rows: { id: string; props: Record<string, unknown>; interests: { interestId: string; weight: number }[] }[] }
  >('ingest/upsert-products'),
  upsertFollows: cypher<Written, { rows: { followerId: string; followeeId: string; since: DateTime; weight: number }[] }>(
    'ingest/upsert-follows',
  ),
  upsertUserInterests: cypher<Written, { rows: { userId: string; interestId: string; weight: number }[]; now: DateTime }>(
    'ingest/upsert-user-interests',
  ),
  countUsers: cypher<{ users: Integer }, Record<string, never>>('ingest/count-users'),
} as const;
