import type { DateTime } from 'neo4j-driver';
import type { Db } from '../db/db.js';
import { byIdLoader, type LoaderOptions } from '../graphql/grouped-loader.js';
import { identityQueries } from './queries.js';

export interface LinkedIdentity {
  type: string;
  value: string;
  namespace: string | null;
  linkedAt: DateTime;
}

/** Per-request loaders: each user's identities and the ids merged into it, one statement per batch. */
export function createIdentityLoaders(db: Db, options?: LoaderOptions) {
  return {
    identitiesByUserId: byIdLoader<LinkedIdentity[]>(
      async (ids) => new Map((await db.query(identityQueries.identitiesByUserIds, { ids })).map((row) => [row.id, row.identities])),
      options,
    ),
    mergedIdsByUserId: byIdLoader<string[]>(
      async (ids) => new Map((await db.query(identityQueries.mergedIdsByUserIds, { ids })).map((row) => [row.id, row.mergedIds])),
      options,
    ),
  };
}
