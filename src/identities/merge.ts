/**
 * Merging two users into one, inside a transaction the caller owns (mergeUsers runs it alone;
 * recordEvents runs it with the events that link the two). Five statements whatever the
 * users' sizes, each moving one family of relationships (cypher/identities/merge-*.cypher);
 * the last refuses to finish, and so rolls everything back, if any relationship is left that
 * no step knows, so a new relationship type can never be lost to a merge silently.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { HALF_LIFE_DAYS } from '../activity/index.js';
import type { Db } from '../db/db.js';
import { ConcurrentChange } from '../db/neo4j-errors.js';
import { compareIds } from '../lib/compare-ids.js';
import { toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { identityQueries } from './queries.js';

const HALF_LIFE_MS = HALF_LIFE_DAYS * 86_400_000;

/** One of the two users was deleted or merged by a concurrent transaction after this one checked them: run it again. */
class MergeTargetGone extends ConcurrentChange {
  constructor(survivorId: string, mergedId: string) {
    super(`merge of ${mergedId} into ${survivorId}: one of them no longer exists`);
  }
}

/**
 * Takes both users' write locks, in id order, before anything of theirs is read: two merges of
 * the same user (mergeUsers, or event batches stitching one visitor) queue instead of
 * interleaving, and the second finds what the first committed (or fails as a ConcurrentChange
 * and is rerun).
 */
export async function lockForMerge(db: Db, tx: ManagedTransaction, survivorId: string, mergedId: string): Promise<void> {
  await db.run(tx, identityQueries.lockUsers, { ids: [survivorId, mergedId].sort(compareIds) });
}

/** Moves everything of `mergedId` onto `survivorId` and leaves a MergedFrom record; returns relationships moved. */
export async function mergeInTransaction(db: Db, tx: ManagedTransaction, survivorId: string, mergedId: string, now: Date): Promise<number> {
  await lockForMerge(db, tx, survivorId, mergedId);
  const pair = { survivorId, mergedId };
  let moved = 0;
  for (const [query, params] of [
    [identityQueries.mergeFollows, pair],
    [identityQueries.mergeEvents, pair],
    [identityQueries.mergeInterests, { ...pair, halfLifeMs: HALF_LIFE_MS }],
    [identityQueries.mergeMemberships, pair],
  ] as const) {
    const [row] = await db.run(tx, query, params);
    moved += row ? toSafeNumber(row.moved) : 0;
  }
  const [finish] = await db.run(tx, identityQueries.mergeFinish, { ...pair, now: toNeo4jDateTime(now) });
  if (!finish) throw new MergeTargetGone(survivorId, mergedId);
  if (finish.left.length > 0) {
    throw new Error(`merge of ${mergedId} into ${survivorId} refused: relationships no merge step moves (${[...new Set(finish.left)].join(', ')})`);
  }
  return moved;
}
