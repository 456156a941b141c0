/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): lists are combined by the
 * ranks they give an item, not by their raw scores, which are on scales that do not compare
 * (shared-interest weights, co-purchase counts, follower overlaps). k = 60 is the paper's value,
 * for lists hundreds long; short lists take a smaller k, or their own order hardly counts (with
 * k = 60 a list's 1st and 20th items differ by a quarter).
 */
import { compareIds } from './compare-ids.js';

export const RRF_K = 60;

/** One list's contribution to the item at `rank` (1 = first), scaled so a first rank gives 1. */
export const reciprocalRank = (rank: number, k = RRF_K): number => (k + 1) / (k + rank);

/**
 * Fuses ranked lists: an item scores the sum of its reciprocal ranks (times the list's weight),
 * best first, ties to the smaller key. The item kept is the first list's copy.
 */
export function fuseRankedLists<Item>(
  lists: readonly { items: readonly Item[]; weight?: number }[],
  keyOf: (item: Item) => string,
  k = RRF_K,
): { key: string; item: Item; score: number }[] {
  const fused = new Map<string, { key: string; item: Item; score: number }>();
  for (const { items, weight = 1 } of lists) {
    items.forEach((item, index) => {
      const key = keyOf(item);
      const contribution = weight * reciprocalRank(index + 1, k);
      const entry = fused.get(key);
      if (entry) entry.score += contribution;
      else fused.set(key, { key, item, score: contribution });
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || compareIds(a.key, b.key));
}
