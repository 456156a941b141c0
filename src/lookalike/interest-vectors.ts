/**
 * Interest profiles as vectors, so "people like you" (User.similarUsers) finds its candidates
 * in a vector index (HNSW, cypher/schema/indexes.cypher) instead of reading every holder of the
 * user's interests: at 100,000 users that read took 620 ms, and it grows with the graph.
 *
 * A user's vector is their interest weights over √(their interest count), the weighting the
 * INTERESTS signal scores with (signals.ts), hashed into VECTOR_DIMENSIONS with a sign per
 * interest (feature hashing, Weinberger et al., ICML 2009: inner products are kept in
 * expectation; below 64 interests most land alone). The index only proposes candidates: each
 * is then scored exactly with the signal's own formula, so a collision can cost a candidate,
 * never a wrong score.
 */
import type { Db } from '../db/db.js';
import { int } from '../db/values.js';
import { lookalikeQueries } from './queries.js';

/** Must match `vector.dimensions` of user_interest_vector (cypher/schema/indexes.cypher). */
export const VECTOR_DIMENSIONS = 64;
const USER_PAGE = 10_000;

/** FNV-1a, 32 bits: a stable hash of an interest id (the same dimension in every run and process). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The unit vector of one user's interests; null when it has no length (no interest, zero weights). */
export function interestVector(interests: readonly { interestId: string; weight: number }[]): number[] | null {
  const vector = new Array<number>(VECTOR_DIMENSIONS).fill(0);
  const scale = 1 / Math.sqrt(Math.max(1, interests.length));
  for (const { interestId, weight } of interests) {
    const hash = fnv1a(interestId);
    const dimension = hash % VECTOR_DIMENSIONS;
    vector[dimension] = (vector[dimension] ?? 0) + ((hash >>> 16) & 1 ? -1 : 1) * weight * scale;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm > 0 ? vector.map((value) => value / norm) : null;
}

/**
 * Writes every consenting user's vector, tagged with the job; removes those of users the run
 * did not write (consent withdrawn, interests gone). Returns how many were written.
 */
export async function writeInterestVectors(db: Db, jobId: string, progress: (fraction: number) => Promise<void>): Promise<number> {
  let after = '';
  let written = 0;
  for (;;) {
    const page = await db.query(lookalikeQueries.interestProfiles, { after, limit: int(USER_PAGE) });
    const rows = page.flatMap((row) => {
      const vector = interestVector(row.interests);
      return vector ? [{ userId: row.userId, vector }] : [];
    });
    if (rows.length > 0) await db.mutate(lookalikeQueries.writeInterestVectors, { rows, jobId });
    written += rows.length;
    if (page.length < USER_PAGE) break;
    after = page.at(-1)?.userId ?? after;
    await progress(written);
  }
  await db.mutate(lookalikeQueries.clearStaleInterestVectors, { jobId });
  return written;
}
