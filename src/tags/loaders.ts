import type { Db } from '../db/db.js';
import { byIdLoader, type LoaderOptions } from '../graphql/grouped-loader.js';
import { tagQueries } from './queries.js';

/** Per-request loaders for tags: each user's scores and rule tags, one statement per batch. */
export function createTagLoaders(db: Db, options?: LoaderOptions) {
  return {
    byUserId: byIdLoader(async (ids) => new Map((await db.query(tagQueries.tagsByUserIds, { ids })).map((row) => [row.id, row])), options),
  };
}
