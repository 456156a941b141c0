/**
 * Interest profiles as vectors, so "people like you" (User.similarUsers) finds its candidates
 * in a vector index (HNSW, cypher/schema/indexes.cypher) instead of reading every holder of the
 * user's interests: at 100,000 users that read took 620 ms and grows with the graph, and it
 * had to cap the profile by fan-out to stay bounded.
 *
 * The INTERESTS signal scores a candidate c by the inner product of the seed's profile p with
 * x_c = c's interest weights / √(c's interest count) (signals.ts). A vector index ranks by
 * cosine, so each user's vector is augmented (Bachrach et al., RecSys 2014): x' = [x, √(M² − |x|²)]
 * with M the largest |x| of the run, so every x' has length M, and the query is [p, 0]: then
 * cos(q', x') = p·x / (|p| M), the same order as the score. Each interest has its own dimension
 * (kept on the Interest, `vectorDim`), up to VECTOR_DIMENSIONS − 1 interests; the index only
 * proposes candidates, and each is then scored exactly by the signal's formula.
 */
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { lookalikeQueries } from './queries.js';

/** Must match `vector.dimensions` of user_interests_mips (cypher/schema/indexes.cypher); the last is the augmentation. */
export const VECTOR_DIMENSIONS = 128;
const USER_PAGE = 10_000;

/**
 * One user's augmented vector, or null without an interest that has a dimension.
 * `dimensionOf`: interest id → dimension; `maxNorm`: M, at least this user's |x|.
 */
export function interestVector(
  interests: readonly { interestId: string; weight: number }[],
  dimensionOf: ReadonlyMap<string, number>,
  maxNorm: number,
): number[] | null {
  const vector = new Array<number>(VECTOR_DIMENSIONS).fill(0);
  const scale = 1 / Math.sqrt(Math.max(1, interests.length));
  let squares = 0;
  for (const { interestId, weight } of interests) {
    const dimension = dimensionOf.get(interestId);
    if (dimension === undefined || dimension >= VECTOR_DIMENSIONS - 1) continue;
    vector[dimension] = weight * scale;
    squares += (weight * scale) ** 2;
  }
  if (squares === 0) return null;
  vector[VECTOR_DIMENSIONS - 1] = Math.sqrt(Math.max(0, maxNorm * maxNorm - squares));
  return vector;
}

/**
 * Writes every consenting user's vector, tagged with the job; removes those of users the run
 * did not write (consent withdrawn, interests gone). Returns how many were written.
 */
export async function writeInterestVectors(db: Db, jobId: string, progress: (users: number) => Promise<void>): Promise<number> {
  const [assigned] = await db.mutate(lookalikeQueries.assignInterestDimensions, { dimensions: int(VECTOR_DIMENSIONS - 1) });
  const dimensionOf = new Map((assigned?.dimensions ?? []).map(([id, dimension]) => [id, toSafeNumber(dimension)]));
  const [norm] = await db.query(lookalikeQueries.maxInterestNorm, {});
  const maxNorm = norm?.norm ?? 0;
  let after = '';
  let written = 0;
  for (;;) {
    const page = await db.query(lookalikeQueries.interestProfiles, { after, limit: int(USER_PAGE) });
    const rows = page.flatMap((row) => {
      const vector = interestVector(row.interests, dimensionOf, maxNorm);
      return vector ? [{ userId: row.userId, vector }] : [];
    });
    if (rows.length > 0) await db.mutate(lookalikeQueries.writeInterestVectors, { rows, jobId });
    written += rows.length;
    if (page.length < USER_PAGE) break;
    after = page.at(-1)?.userId ?? after;
    await progress(written);
  }
  await db.mutate(lookalikeQueries.clearStaleInterestVectors, { jobId });
  await db.mutate(lookalikeQueries.publishInterestVectors, { jobId });
  return written;
}
